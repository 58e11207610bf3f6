import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { applyMacro } from "../commands/apply-macro.js";
import { createMacro, deleteMacro, updateMacro } from "../commands/save-macro.js";
import { decodeUsageCursor, encodeUsageCursor } from "../lib/usage-cursor.js";
import { findMacro, findMacros } from "../models/macros.js";
import { actorOf } from "../plugins/auth.js";
import { authorizeSeeScopedItem, scopedAbilities } from "../policies/saved-reply-policy.js";
import { presentMacro, ZMacro, ZMacroActions, ZMacroApplied } from "../presenters/macro-presenter.js";
import { ZScope } from "../presenters/saved-reply-presenter.js";
import { loadConversation } from "./conversations.js";
import { listOf, ZErrorResponses, ZPageQuery, ZUuidParams } from "./schemas.js";

const fields = {
  name: z.string().trim().min(1).max(100),
  scope: ZScope,
  /** The saved reply filled into the composer when the macro runs (a shared macro needs a shared one). */
  savedReplyId: z.uuid().nullable().optional(),
  actions: ZMacroActions,
};

/** POST /macros: agents create personal ones; shared ones need owner or admin. */
export const ZCreateMacroBody = z.strictObject(fields);

/** PATCH /macros/:id: only the fields to change; `actions` is the complete set. */
export const ZUpdateMacroBody = z.strictObject({
  name: fields.name.optional(),
  scope: ZScope.optional(),
  savedReplyId: fields.savedReplyId,
  actions: ZMacroActions.optional(),
});

const ZApplyMacroParams = z.strictObject({ id: z.uuid(), macroId: z.uuid() });

/** /macros: several conversation changes (and a saved reply) applied with one click. */
export function registerMacroRoutes(app: ApiApp, ctx: AppContext): void {
  async function loadMacro(actor: Actor, id: string) {
    const macro = authorizeSeeScopedItem(actor, await findMacro(ctx.db, actor.workspaceId, id), "Macro");
    return presentMacro(macro, scopedAbilities(actor, macro));
  }

  app.get(
    "/macros",
    {
      schema: {
        tags: ["macros"],
        summary: "Macros you can run (shared and your own), most used first",
        querystring: z.object(ZPageQuery),
        response: { 200: listOf(ZMacro), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor } = request.query;
      const rows = await findMacros(ctx.db, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        after: decodeUsageCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map((row) => presentMacro(row, scopedAbilities(actor, row))),
        nextCursor:
          rows.length > limit && last
            ? encodeUsageCursor({ rank: 0, usageCount: last.usage_count, id: last.id })
            : null,
      };
    },
  );

  app.post(
    "/macros",
    {
      schema: {
        tags: ["macros"],
        summary: "Create a macro: personal (anyone) or shared (owners and admins)",
        body: ZCreateMacroBody,
        response: { 201: ZMacro, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const macro = await createMacro(ctx.db, actor, request.body);
      return reply.status(201).send(presentMacro(macro, scopedAbilities(actor, macro)));
    },
  );

  app.get(
    "/macros/:id",
    {
      schema: {
        tags: ["macros"],
        summary: "One macro",
        params: ZUuidParams,
        response: { 200: ZMacro, ...ZErrorResponses },
      },
    },
    async (request) => loadMacro(actorOf(request), request.params.id),
  );

  app.patch(
    "/macros/:id",
    {
      schema: {
        tags: ["macros"],
        summary: "Change a macro (yours, or a shared one as owner or admin)",
        params: ZUuidParams,
        body: ZUpdateMacroBody,
        response: { 200: ZMacro, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const macro = await updateMacro(ctx.db, actor, request.params.id, request.body);
      return presentMacro(macro, scopedAbilities(actor, macro));
    },
  );

  app.delete(
    "/macros/:id",
    {
      schema: {
        tags: ["macros"],
        summary: "Delete a macro",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteMacro(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/conversations/:id/macros/:macroId",
    {
      schema: {
        tags: ["macros", "conversations"],
        summary:
          "Run a macro: all its changes at once (one timeline entry), and its saved reply filled for the composer",
        params: ZApplyMacroParams,
        response: { 200: ZMacroApplied, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, macroId } = request.params;
      const { reply } = await applyMacro(ctx.db, actor, id, macroId);
      return { conversation: await loadConversation(ctx.db, actor, id), reply };
    },
  );
}
