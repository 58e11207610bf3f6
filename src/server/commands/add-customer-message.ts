import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { readCustomerMessage } from "../lib/read-customer-message.js";
import { newId } from "../lib/ids.js";
import { lockConversationForCustomerMessage, updateConversationFields } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { insertIncomingMessage, type MessageRow } from "../models/messages.js";
import { customerReopenedActivity } from "./conversation-activities.js";
import { recordActivity } from "./record-activity.js";
import { clocksOnCustomerMessage, clocksOnStatusChange } from "./response-clocks.js";
import { storeAttachments, type MessageContent } from "./store-attachments.js";

export interface CustomerMessageInput {
  workspaceId: string;
  conversationId: string;
  body: string;
  /** When the customer wrote (imports, demo data); now by default. */
  at?: Date;
  /** Email: the message's Message-ID, so replies to it thread here. */
  emailMessageId?: string | null;
  /** Email: the message's sanitized HTML and its files, stored with it. */
  content?: MessageContent | null;
  /** False for mail that must not reopen the conversation (bulk and list mail); true by default. */
  reopen?: boolean;
  /** Chat: the id the visitor's client gave it. */
  clientId?: string | null;
}

/**
 * A customer's next message on an existing conversation (an email reply threaded to it, a chat line, an
 * imported follow-up), with an email's HTML and files when given. It starts a wait if none is running,
 * and reopens a pending, snoozed or resolved conversation (with an activity message and
 * `conversation.status_changed`), then records `message.created` — one transaction. Callers (channels)
 * must already have decided the sender is this conversation's customer. Throws 404 when the conversation
 * is not the workspace's.
 */
export async function addCustomerMessage(db: Database, input: CustomerMessageInput): Promise<MessageRow> {
  const at = input.at ?? new Date();
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const locked = await lockConversationForCustomerMessage(tx, input.workspaceId, input.conversationId);
    if (!locked) throw notFound("Conversation");
    const { is_waiting: isWaiting, ...conversation } = locked;
    const reading = readCustomerMessage(body, conversation.language);
    const messageId = newId();
    // Before the message is stored, so its `sla.*` events precede `message.created`, which is written
    // with the message; the clocks read only the conversation as it was locked, never the new message.
    await clocksOnCustomerMessage(tx, conversation, at, isWaiting);
    const isReopening = conversation.status !== "open" && input.reopen !== false;
    const messageCreated = {
      workspaceId: input.workspaceId,
      conversationId: conversation.id,
      type: "message.created",
      payload: { messageId, kind: "incoming", inboxId: conversation.inbox_id, channel: conversation.channel },
    };
    // The message, its conversation's counters, the customer's last_seen_at and (unless the reopen's
    // activity and status change must come first) `message.created`, in one statement.
    const message = await insertIncomingMessage(
      tx,
      {
        id: messageId,
        workspaceId: input.workspaceId,
        conversationId: conversation.id,
        kind: "incoming",
        body,
        authorCustomerId: conversation.customer_id,
        emailMessageId: input.emailMessageId,
        html: input.content?.html,
        hasRemoteImages: input.content?.hasRemoteImages,
        clientId: input.clientId,
        reading,
        at,
      },
      isReopening ? [] : [messageCreated],
    );
    if (input.content?.files.length) {
      await storeAttachments(
        tx,
        { workspaceId: input.workspaceId, messageId: message.id },
        input.content.files,
      );
    }
    if (isReopening) {
      const reopened = await updateConversationFields(tx, conversation.id, { status: "open" }, at);
      await recordActivity(tx, reopened, null, customerReopenedActivity(conversation.status), at);
      await clocksOnStatusChange(tx, conversation, reopened, at, "customer");
      await recordEvent(tx, messageCreated);
    }
    return message;
  });
}
