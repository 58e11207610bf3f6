import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { createInbox } from "../commands/create-inbox.js";
import { setInboxMembers, updateInbox } from "../commands/update-inbox.js";
import { notFound } from "../lib/errors.js";
import { findInbox, findInboxes, findInboxMembers, type InboxRow } from "../models/inboxes.js";
import { actorOf } from "../plugins/auth.js";
import { scopeIncludes } from "../policies/inbox-policy.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { presentInbox, ZChannel, ZInbox, ZInboxAccess } from "../presenters/inbox-presenter.js";
import type { Queryable } from "../db/types.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

/** POST /inboxes: `address` is required for (and only checked on) email inboxes. */
export const ZCreateInboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  channel: ZChannel,
  address: z.string().trim().max(320).optional(),
  access: ZInboxAccess.optional(),
});

/** PATCH /inboxes/:id: only the name and who may see it change; channel and address stay. */
export const ZUpdateInboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  access: ZInboxAccess.optional(),
});

/** PUT /inboxes/:id/members: the complete member list. */
export const ZInboxMembersBody = z.strictObject({ userIds: z.array(z.uuid()).max(1000) });

/** Inboxes with their member ids, in one query for all of them. */
async function presentInboxes(db: Queryable, rows: InboxRow[]) {
  const members = await findInboxMembers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    presentInbox(
      row,
      members.filter((m) => m.inbox_id === row.id).map((m) => m.user_id),
    ),
  );
}

/** /inboxes: list and read (what the actor sees), create, change and set members (owners and admins). */
export function registerInboxesRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/inboxes",
    {
      schema: {
        tags: ["inboxes"],
        summary: "The inboxes you can see",
        response: { 200: listOf(ZInbox), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = await findInboxScope(ctx.db, actor);
      const rows = (await findInboxes(ctx.db, actor.workspaceId)).filter((row) => scope.ids.includes(row.id));
      return { data: await presentInboxes(ctx.db, rows), nextCursor: null };
    },
  );

  app.post(
    "/inboxes",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Create an inbox (owners and admins); email inboxes need an address no other inbox uses",
        body: ZCreateInboxBody,
        response: { 201: ZInbox, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const inbox = await createInbox(ctx.db, actorOf(request), request.body);
      return reply.status(201).send(presentInbox(inbox, []));
    },
  );

  app.get(
    "/inboxes/:id",
    {
      schema: {
        tags: ["inboxes"],
        summary: "One inbox you can see",
        params: ZUuidParams,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const inbox = await findVisibleInbox(ctx.db, actor, request.params.id);
      return (await presentInboxes(ctx.db, [inbox]))[0]!;
    },
  );

  app.patch(
    "/inboxes/:id",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Rename an inbox or change who may see it (owners and admins)",
        params: ZUuidParams,
        body: ZUpdateInboxBody,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const inbox = await updateInbox(ctx.db, actorOf(request), request.params.id, request.body);
      return (await presentInboxes(ctx.db, [inbox]))[0]!;
    },
  );

  app.put(
    "/inboxes/:id/members",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Set the members of an inbox: who sees it when its access is 'members' (owners and admins)",
        params: ZUuidParams,
        body: ZInboxMembersBody,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await setInboxMembers(ctx.db, actor, request.params.id, request.body.userIds);
      const inbox = await findInbox(ctx.db, actor.workspaceId, request.params.id);
      if (!inbox) throw notFound("Inbox");
      return (await presentInboxes(ctx.db, [inbox]))[0]!;
    },
  );
}

/** An inbox the actor may see; 404 alike for missing, another workspace's, or not visible. */
async function findVisibleInbox(db: Queryable, actor: Actor, id: string): Promise<InboxRow> {
  const inbox = await findInbox(db, actor.workspaceId, id);
  if (!inbox || !scopeIncludes(await findInboxScope(db, actor), id)) throw notFound("Inbox");
  return inbox;
}
