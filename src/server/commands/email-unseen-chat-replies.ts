import type { Database } from "../db/types.js";
import { composeMail, outgoingMessageId } from "../email/compose-mail.js";
import { emailText } from "../email/email-text.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { setMessageDelivery } from "../models/messages.js";
import { insertOutgoingEmail } from "../models/outgoing-emails.js";
import { lockUnseenChatReplies } from "../models/visitor-conversations.js";

/** How long an agent's chat reply may go unseen before it is sent by email. */
export const CHAT_REPLY_MAIL_AFTER_MS = 2 * 60_000;

export const EMAILED_BECAUSE_LEFT = "The visitor was no longer in the chat: the reply goes to them by email.";

/**
 * Agents' chat replies that no visitor screen showed within `afterMs` (the visitor left the page) go to
 * the customer by email, when they gave one: composed now (from HEED_MAIL_FROM, in the conversation's
 * language, saying it answers their chat) and queued in the outbox, which sends it once. The message says
 * why it waits; the outbox marks it sent or failed. Returns how many were queued.
 */
export async function emailUnseenChatReplies(
  db: Database,
  options: { mailFrom: string; afterMs?: number; now?: Date; limit?: number },
): Promise<number> {
  const now = options.now ?? new Date();
  const before = new Date(now.getTime() - (options.afterMs ?? CHAT_REPLY_MAIL_AFTER_MS));
  return db.transaction(async (tx) => {
    const replies = await lockUnseenChatReplies(tx, before, options.limit ?? 50);
    for (const reply of replies) {
      const language = reply.language;
      const emailMessageId = outgoingMessageId(reply.message_id, options.mailFrom);
      const raw = await composeMail({
        from: {
          name: reply.author_name ? `${reply.author_name} (${reply.inbox_name})` : reply.inbox_name,
          address: options.mailFrom,
        },
        to: { name: reply.customer_name ?? "", address: reply.customer_email },
        subject: emailText(language, "chatReply.subject", { inbox: reply.inbox_name }),
        markdown: [
          emailText(language, "chatReply.intro"),
          reply.body,
          emailText(language, "chatReply.outro"),
        ].join("\n\n"),
        messageId: emailMessageId,
        inReplyTo: null,
        references: [],
        date: reply.created_at,
      });
      await insertOutgoingEmail(tx, {
        id: newId(),
        workspaceId: reply.workspace_id,
        inboxId: reply.inbox_id,
        messageId: reply.message_id,
        conversationId: reply.conversation_id,
        purpose: "chat_reply",
        envelopeTo: reply.customer_email,
        envelopeFrom: options.mailFrom,
        emailMessageId,
        raw,
      });
      await setMessageDelivery(tx, reply.message_id, "pending", EMAILED_BECAUSE_LEFT);
      await recordEvent(tx, {
        workspaceId: reply.workspace_id,
        conversationId: reply.conversation_id,
        type: "message.delivery_changed",
        payload: {
          messageId: reply.message_id,
          status: "pending",
          error: EMAILED_BECAUSE_LEFT,
          inboxId: reply.inbox_id,
        },
      });
    }
    return replies.length;
  });
}
