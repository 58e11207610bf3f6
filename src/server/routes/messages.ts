import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getConversation } from "../commands/get-conversation.js";
import { replyToConversation } from "../commands/reply-to-conversation.js";
import { retryDelivery } from "../commands/retry-delivery.js";
import { forbidden, invalid, notFound } from "../lib/errors.js";
import { findAttachmentsOfMessages } from "../models/attachments.js";
import { findMessagePosition, findMessages, findMessageView } from "../models/messages.js";
import { actorOf } from "../plugins/auth.js";
import { canActOnConversation } from "../policies/conversation-policy.js";
import { presentMessage, presentMessages, ZMessage } from "../presenters/message-presenter.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

/** POST /conversations/:id/messages: a reply to the customer or an internal note. */
export const ZCreateMessageBody = z.strictObject({
  kind: z.enum(["reply", "note"]),
  body: z.string().trim().min(1).max(50_000),
  /** Files uploaded for this reply (POST /conversations/:id/attachments), in order. */
  attachmentIds: z.array(z.uuid()).max(10).optional(),
  /**
   * The collision guard: the newest message the agent had seen when the draft began. When someone else
   * wrote since, the answer is 409 `conversation_changed` (details: their ids); send again with the
   * newest id once read.
   */
  seenMessageId: z.uuid().optional(),
});

export const ZMessageParams = z.strictObject({ id: z.uuid(), messageId: z.uuid() });

/** GET /conversations/:id/messages: older messages, before a message id the client has. */
export const ZMessagesQuery = z.strictObject({
  before: z.uuid(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** /conversations/:id/messages: the timeline's older pages, and replies and notes. */
export function registerMessagesRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/conversations/:id/messages",
    {
      schema: {
        tags: ["conversations"],
        summary: "Older messages of a conversation (oldest first), before a message you have",
        params: ZUuidParams,
        querystring: ZMessagesQuery,
        response: { 200: listOf(ZMessage), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const conversation = await getConversation(ctx.db, actor, request.params.id);
      const { before, limit } = request.query;
      const position = await findMessagePosition(ctx.db, conversation.id, before);
      if (!position) throw invalid("before", "is not a message of this conversation");
      const rows = await findMessages(ctx.db, conversation.id, limit + 1, position);
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(1) : rows;
      // The cursor is the oldest message shown: pass it as `before` for the page before that.
      const attachments = await findAttachmentsOfMessages(
        ctx.db,
        page.map((message) => message.id),
      );
      const data = presentMessages(page, attachments);
      return { data, nextCursor: hasMore ? (page[0]?.id ?? null) : null };
    },
  );

  app.post(
    "/conversations/:id/messages",
    {
      schema: {
        tags: ["conversations"],
        summary: "Reply to the customer (delivered on the conversation's channel) or add an internal note",
        params: ZUuidParams,
        body: ZCreateMessageBody,
        response: { 201: ZMessage, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const conversation = await getConversation(ctx.db, actor, request.params.id);
      const action = request.body.kind === "reply" ? "reply" : "note";
      if (!canActOnConversation(actor, action, conversation)) throw forbidden();
      const message = await replyToConversation(ctx.db, actor, conversation.id, request.body);
      if (message.kind === "outgoing") ctx.wakeWorker?.();
      const view = await findMessageView(ctx.db, message.id);
      if (!view) throw notFound("Message");
      return reply.status(201).send(presentMessage(view, await findAttachmentsOfMessages(ctx.db, [view.id])));
    },
  );

  app.post(
    "/conversations/:id/messages/:messageId/retry",
    {
      schema: {
        tags: ["conversations"],
        summary: "Send a reply whose delivery failed again (the same mail, due now)",
        params: ZMessageParams,
        response: { 200: ZMessage, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const conversation = await getConversation(ctx.db, actor, request.params.id);
      if (!canActOnConversation(actor, "reply", conversation)) throw forbidden();
      await retryDelivery(ctx.db, actor, conversation.id, request.params.messageId);
      ctx.wakeWorker?.();
      const view = await findMessageView(ctx.db, request.params.messageId);
      if (!view) throw notFound("Message");
      return presentMessage(view, await findAttachmentsOfMessages(ctx.db, [view.id]));
    },
  );
}
