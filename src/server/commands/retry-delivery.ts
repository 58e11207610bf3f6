import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict, notFound } from "../lib/errors.js";
import { lockConversation } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { lockMessage, setMessageDelivery, setMessageEmailId } from "../models/messages.js";
import { lockOutgoingForMessage, requeueOutgoingEmail } from "../models/outgoing-emails.js";
import { planReplyMail, queueReplyMail } from "./reply-to-conversation.js";

/**
 * An agent's "Retry" on a failed reply: its mail goes back into the outbox, due now, with the same bytes
 * and Message-ID (a reply that failed before any mail existed — no customer address then — is queued
 * anew). Only a failed reply can be retried, so a click can never send a delivered reply twice. The
 * caller has checked that the actor may reply in the conversation.
 */
export async function retryDelivery(
  db: Database,
  actor: Actor,
  conversationId: string,
  messageId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!conversation) throw notFound("Message");
    const message = await lockMessage(tx, conversationId, messageId);
    if (!message) throw notFound("Message");
    if (message.kind !== "outgoing" || message.delivery_status !== "failed")
      throw conflict("Only a reply whose delivery failed can be retried");
    const mail = await lockOutgoingForMessage(tx, messageId);
    if (mail) {
      await requeueOutgoingEmail(tx, mail.id);
    } else if (conversation.channel === "email") {
      const plan = await planReplyMail(tx, conversation.id, messageId);
      if (plan.failure) throw conflict(plan.failure);
      await setMessageEmailId(tx, messageId, plan.emailMessageId!);
      await queueReplyMail(tx, conversation, messageId, plan);
    } else {
      throw conflict("This reply's channel has nothing to retry");
    }
    await setMessageDelivery(tx, messageId, "pending", null);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      conversationId,
      actorUserId: actor.userId,
      type: "message.delivery_changed",
      payload: { messageId, status: "pending", error: null, inboxId: conversation.inbox_id, retried: true },
    });
  });
}
