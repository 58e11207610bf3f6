import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { createSavedReply } from "../commands/create-saved-reply.js";
import { ensureSavedReplies } from "../commands/ensure-saved-replies.js";
import { deleteSavedReply, updateSavedReply } from "../commands/update-saved-reply.js";
import { getSavedReply, previewSavedReply, useSavedReply } from "../commands/use-saved-reply.js";
import { decodeUsageCursor, encodeUsageCursor } from "../lib/usage-cursor.js";
import { findSavedReplyVariants } from "../models/saved-reply-variants.js";
import { findSavedReplies } from "../models/saved-reply-list.js";
import { actorOf } from "../plugins/auth.js";
import { scopedAbilities } from "../policies/saved-reply-policy.js";
import { presentSavedReply, ZFilledReply, ZSavedReply, ZScope } from "../presenters/saved-reply-presenter.js";
import { listOf, ZErrorResponses, ZLanguage, ZPageQuery, ZUuidParams } from "./schemas.js";

/** One language's body; variables as in docs/saved-replies.md. */
export const ZSavedReplyVariantInput = z.strictObject({
  lang: ZLanguage,
  body: z.string().trim().min(1).max(20_000),
});

const fields = {
  title: z.string().trim().min(1).max(200),
  /** Typed after "/" in the composer; a leading "/" is dropped, null or "" removes it. */
  shortcut: z.string().max(60).nullable().optional(),
  folderId: z.uuid().nullable().optional(),
  scope: ZScope,
  variants: z.array(ZSavedReplyVariantInput).min(1).max(4),
};

/** POST /saved-replies: agents create personal ones; shared ones need owner or admin. */
export const ZCreateSavedReplyBody = z.strictObject(fields);

/** PATCH /saved-replies/:id: only the fields to change; `variants` is the complete set. */
export const ZUpdateSavedReplyBody = z.strictObject({
  title: fields.title.optional(),
  shortcut: fields.shortcut,
  folderId: fields.folderId,
  scope: ZScope.optional(),
  variants: fields.variants.optional(),
});

/** GET /saved-replies: `q` searches titles, shortcuts and bodies; `folderId` narrows to one folder. */
export const ZListSavedRepliesQuery = z.object({
  q: z.string().max(200).optional(),
  folderId: z.uuid().optional(),
  ...ZPageQuery,
});

/** GET /saved-replies/:id/preview; `lang` defaults to the conversation's language. */
export const ZPreviewSavedReplyQuery = z.object({ conversationId: z.uuid(), lang: ZLanguage.optional() });

/** POST /saved-replies/:id/insert. */
export const ZInsertSavedReplyBody = z.strictObject({ conversationId: z.uuid(), lang: ZLanguage.optional() });

/** /saved-replies: the replies an agent inserts with "/" in the composer, filled with a conversation's values. */
export function registerSavedReplyRoutes(app: ApiApp, ctx: AppContext): void {
  async function loadSavedReply(actor: Actor, id: string) {
    const { reply, variants } = await getSavedReply(ctx.db, actor, id);
    return presentSavedReply(reply, variants, scopedAbilities(actor, reply));
  }

  app.get(
    "/saved-replies",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Saved replies you can use (shared and your own), most used first or best match for q",
        querystring: ZListSavedRepliesQuery,
        response: { 200: listOf(ZSavedReply), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { q, folderId, limit, cursor } = request.query;
      await ensureSavedReplies(ctx.db, actor.workspaceId);
      const rows = await findSavedReplies(ctx.db, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        q,
        folderId,
        after: decodeUsageCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const variants = await findSavedReplyVariants(
        ctx.db,
        page.map((row) => row.id),
      );
      const last = page[page.length - 1];
      return {
        data: page.map((row) => presentSavedReply(row, variants, scopedAbilities(actor, row))),
        nextCursor:
          rows.length > limit && last
            ? encodeUsageCursor({ rank: last.rank, usageCount: last.usage_count, id: last.id })
            : null,
      };
    },
  );

  app.post(
    "/saved-replies",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Create a saved reply: personal (anyone) or shared (owners and admins)",
        body: ZCreateSavedReplyBody,
        response: { 201: ZSavedReply, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // The starter library first, so its shortcuts are there to clash with.
      await ensureSavedReplies(ctx.db, actor.workspaceId);
      const created = await createSavedReply(ctx.db, actor, request.body);
      return reply.status(201).send(await loadSavedReply(actor, created.id));
    },
  );

  app.get(
    "/saved-replies/:id",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "One saved reply with every language's body",
        params: ZUuidParams,
        response: { 200: ZSavedReply, ...ZErrorResponses },
      },
    },
    async (request) => loadSavedReply(actorOf(request), request.params.id),
  );

  app.patch(
    "/saved-replies/:id",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Change a saved reply (yours, or a shared one as owner or admin)",
        params: ZUuidParams,
        body: ZUpdateSavedReplyBody,
        response: { 200: ZSavedReply, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateSavedReply(ctx.db, actor, request.params.id, request.body);
      return loadSavedReply(actor, request.params.id);
    },
  );

  app.delete(
    "/saved-replies/:id",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Delete a saved reply; macros using it keep working without a reply",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteSavedReply(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/saved-replies/:id/preview",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "The reply filled with a conversation's values; `missing` lists variables left empty",
        params: ZUuidParams,
        querystring: ZPreviewSavedReplyQuery,
        response: { 200: ZFilledReply, ...ZErrorResponses },
      },
    },
    async (request) => {
      const { conversationId, lang } = request.query;
      return previewSavedReply(ctx.db, actorOf(request), request.params.id, conversationId, lang);
    },
  );

  app.post(
    "/saved-replies/:id/insert",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "The reply filled for the composer, counting one use",
        params: ZUuidParams,
        body: ZInsertSavedReplyBody,
        response: { 200: ZFilledReply, ...ZErrorResponses },
      },
    },
    async (request) => {
      const { conversationId, lang } = request.body;
      return useSavedReply(ctx.db, actorOf(request), request.params.id, conversationId, lang);
    },
  );
}
