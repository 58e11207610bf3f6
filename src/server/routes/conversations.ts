import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { createConversation } from "../commands/create-conversation.js";
import { findConversations } from "../commands/find-conversations.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { getConversation } from "../commands/get-conversation.js";
import { updateConversation } from "../commands/update-conversation.js";
import type { Queryable } from "../db/types.js";
import { forbidden, notFound } from "../lib/errors.js";
import { findAttachmentsOfMessages } from "../models/attachments.js";
import { findPendingFollowUps } from "../models/follow-ups.js";
import { findMessages } from "../models/messages.js";
import { actorOf } from "../plugins/auth.js";
import {
  canActOnConversation,
  conversationAbilities,
  type ConversationAction,
} from "../policies/conversation-policy.js";
import { scopeIncludes } from "../policies/inbox-policy.js";
import {
  presentConversation,
  presentConversationItem,
  ZConversation,
  ZConversationItem,
  ZConversationStatus,
  ZPriority,
  type TConversation,
} from "../presenters/conversation-presenter.js";
import { presentFollowUp } from "../presenters/follow-up-presenter.js";
import { ZChannel } from "../presenters/inbox-presenter.js";
import { presentMessages } from "../presenters/message-presenter.js";
import { listOf, ZErrorResponses, ZLanguage, ZPageQuery, ZUuidParams } from "./schemas.js";

/** The newest messages an opened conversation shows (oldest of them first). */
export const TIMELINE_LIMIT = 500;

/** GET /conversations filters; every value is validated here and bound as a parameter. */
export const ZListConversationsQuery = z.object({
  status: ZConversationStatus.optional(),
  assignee: z.union([z.enum(["me", "none"]), z.uuid()]).optional(),
  inboxId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  priority: ZPriority.optional(),
  channel: ZChannel.optional(),
  customerId: z.uuid().optional(),
  /** due_soon: an SLA deadline is near (past its warning point) or missed. */
  sla: z.enum(["due_soon"]).optional(),
  /** The mood of the customer's latest message. */
  sentiment: z.enum(["negative", "neutral", "positive"]).optional(),
  language: ZLanguage.optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(["newest", "waiting", "due"]).default("newest"),
  ...ZPageQuery,
});

/** POST /conversations: as if the customer wrote in; an email or a phone identifies them. */
export const ZCreateConversationBody = z.strictObject({
  inboxId: z.uuid(),
  customer: z.strictObject({
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(3).max(50).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  subject: z.string().trim().max(500).optional(),
  message: z.strictObject({ body: z.string().trim().min(1).max(50_000) }),
  language: ZLanguage.optional(),
  orderNumber: z.string().trim().min(1).max(100).optional(),
});

/** PATCH /conversations/:id: only the fields to change; `tags` is the complete list of names. */
export const ZUpdateConversationBody = z.strictObject({
  status: ZConversationStatus.optional(),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  priority: ZPriority.optional(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  snoozedUntil: z.iso.datetime({ offset: true }).optional(),
  /** The shop's order number; null removes it. */
  orderNumber: z.string().trim().min(1).max(100).nullable().optional(),
});

/**
 * The opened conversation as the actor sees it: row with customer and tags, timeline with attachments,
 * pending follow-up, abilities (4 queries).
 */
export async function loadConversation(db: Queryable, actor: Actor, id: string): Promise<TConversation> {
  const row = await getConversation(db, actor, id);
  // One more than shown tells whether older messages exist (GET /conversations/:id/messages pages them).
  const messages = await findMessages(db, id, TIMELINE_LIMIT + 1);
  const hasEarlier = messages.length > TIMELINE_LIMIT;
  const shown = hasEarlier ? messages.slice(1) : messages;
  const attachments = await findAttachmentsOfMessages(
    db,
    shown.map((message) => message.id),
  );
  const [followUp] = await findPendingFollowUps(db, [row.id]);
  return presentConversation(
    row,
    presentMessages(shown, attachments),
    hasEarlier,
    conversationAbilities(actor, row),
    followUp ? presentFollowUp(followUp) : null,
  );
}

/** /conversations: list, start, open and change conversations, always within the inboxes the actor sees. */
export function registerConversationsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "Conversations you can see, newest activity first (or longest waiting first)",
        querystring: ZListConversationsQuery,
        response: { 200: listOf(ZConversationItem), ...ZErrorResponses },
      },
    },
    async (request) => {
      const { rows, nextCursor } = await findConversations(ctx.db, actorOf(request), request.query);
      return { data: rows.map(presentConversationItem), nextCursor };
    },
  );

  app.post(
    "/conversations",
    {
      schema: {
        tags: ["conversations"],
        summary: "Start a conversation as if the customer wrote in (imports and API channels)",
        body: ZCreateConversationBody,
        response: { 201: ZConversation, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      if (!scopeIncludes(await findInboxScope(ctx.db, actor), body.inboxId)) throw notFound("Inbox");
      const { conversation } = await createConversation(ctx.db, {
        workspaceId: actor.workspaceId,
        inboxId: body.inboxId,
        customer: body.customer,
        subject: body.subject,
        body: body.message.body,
        language: body.language,
        orderNumber: body.orderNumber,
        actorUserId: actor.userId,
      });
      return reply.status(201).send(await loadConversation(ctx.db, actor, conversation.id));
    },
  );

  app.get(
    "/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "One conversation with its messages (oldest first) and what you may do with it",
        params: ZUuidParams,
        response: { 200: ZConversation, ...ZErrorResponses },
      },
    },
    async (request) => loadConversation(ctx.db, actorOf(request), request.params.id),
  );

  app.patch(
    "/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "Change status, assignee, team, priority, tags or snooze; each change is logged in the timeline",
        params: ZUuidParams,
        body: ZUpdateConversationBody,
        response: { 200: ZConversation, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      const row = await getConversation(ctx.db, actor, request.params.id);
      const actions: [ConversationAction, unknown][] = [
        ["setStatus", body.status],
        ["assign", body.assigneeId],
        ["setTeam", body.teamId],
        ["setPriority", body.priority],
        ["tag", body.tags],
        ["snooze", body.snoozedUntil],
        ["tag", body.orderNumber],
      ];
      for (const [action, value] of actions) {
        if (value !== undefined && !canActOnConversation(actor, action, row)) throw forbidden();
      }
      await updateConversation(ctx.db, actor, row.id, {
        ...body,
        snoozedUntil: body.snoozedUntil ? new Date(body.snoozedUntil) : undefined,
      });
      return loadConversation(ctx.db, actor, row.id);
    },
  );
}
