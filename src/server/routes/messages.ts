import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getConversation } from "../commands/get-conversation.js";
import { replyToConversation } from "../commands/reply-to-conversation.js";
import { forbidden, notFound } from "../lib/errors.js";
import { findMessageView } from "../models/messages.js";
import { actorOf } from "../plugins/auth.js";
import { canActOnConversation } from "../policies/conversation-policy.js";
import { presentMessage, ZMessage } from "../presenters/message-presenter.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/** POST /conversations/:id/messages: a reply to the customer or an internal note. */
export const ZCreateMessageBody = z.strictObject({
  kind: z.enum(["reply", "note"]),
  body: z.string().trim().min(1).max(50_000),
});

/** /conversations/:id/messages: replies and notes on a conversation the actor sees. */
export function registerMessagesRoutes(app: ApiApp, ctx: AppContext): void {
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
      const view = await findMessageView(ctx.db, message.id);
      if (!view) throw notFound("Message");
      return reply.status(201).send(presentMessage(view));
    },
  );
}
