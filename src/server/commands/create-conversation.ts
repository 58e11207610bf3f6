import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { guessLanguage, type Language } from "../lib/guess-language.js";
import { readCustomerMessage } from "../lib/read-customer-message.js";
import { newId } from "../lib/ids.js";
import type { ConversationRow } from "../models/conversations.js";
import type { CustomerRow } from "../models/customers.js";
import { findInbox, type InboxRow } from "../models/inboxes.js";
import { insertConversationWithMessage, type MessageRow } from "../models/messages.js";
import { findWorkspace } from "../models/workspaces.js";
import { assignNewConversation } from "./assign-new-conversation.js";
import { clockSettingOf } from "./response-clock-steps.js";
import { conversationClocks, needNoMore, startConversationClocks } from "./response-clocks.js";
import { findConversationSetting, type ConversationSettingRow } from "../models/conversation-setting.js";
import { findOrCreateCustomer, type CustomerHandles } from "./find-or-create-customer.js";
import { storeAttachments, type MessageContent } from "./store-attachments.js";

export interface CreateConversationInput {
  workspaceId: string;
  inboxId: string;
  /**
   * The inbox's channel, when the caller has just read the inbox from the database (ingest does):
   * saves looking it up again. Without it the inbox is looked up and must be the workspace's.
   */
  channel?: InboxRow["channel"];
  customer: CustomerHandles;
  subject?: string | null;
  body: string;
  /** Guessed from subject and body when absent (then the customer's, then the workspace's language). */
  language?: Language | null;
  /** When the customer wrote (imports keep the original time); now by default. */
  at?: Date;
  /** The user or integration that entered it through the API, if any (for the event). */
  actorUserId?: string | null;
  /** Email: the first message's Message-ID, so replies to it thread here. */
  emailMessageId?: string | null;
  /** Email: the message's sanitized HTML and its files, stored with it. */
  content?: MessageContent | null;
  /** Chat: the widget visitor it belongs to, and the id their client gave the first message. */
  visitorId?: string | null;
  /** The shop's order the customer writes about (API channels and imports). */
  orderNumber?: string | null;
  clientId?: string | null;
  /**
   * What the inbox's new conversations follow (calendar, SLA policies, assignment), when the caller
   * already read it in the same transaction: findConversationSetting with no conversation.
   */
  setting?: ConversationSettingRow;
}

export interface CreatedConversation {
  conversation: ConversationRow;
  message: MessageRow;
  customer: CustomerRow;
}

/**
 * Starts a conversation as if the customer wrote in: finds or creates the customer by their handles,
 * takes the workspace's next conversation number, stores the incoming message (with an email's HTML
 * and files, when given) and records `conversation.created` and `message.created`, all in one
 * transaction. Channels (email, chat), imports and the demo seed call this. Throws 404 when the inbox is
 * not the workspace's, 400 without a handle.
 */
export async function createConversation(
  db: Database,
  input: CreateConversationInput,
): Promise<CreatedConversation> {
  const at = input.at ?? new Date();
  const subject = input.subject?.trim() || null;
  const body = input.body.trim();
  return db.transaction(async (tx) => {
    const inbox = input.channel
      ? { id: input.inboxId, channel: input.channel }
      : await findInbox(tx, input.workspaceId, input.inboxId);
    if (!inbox) throw notFound("Inbox");
    const guessed = input.language ?? guessLanguage(`${subject ?? ""} ${body}`);
    const { customer } = await findOrCreateCustomer(
      tx,
      input.workspaceId,
      input.customer,
      { at, language: guessed },
      { mode: db.mode },
    );
    const language =
      guessed ??
      customer.language ??
      ((await findWorkspace(tx, input.workspaceId))?.default_language as Language | undefined) ??
      "en";
    const reading = readCustomerMessage(body, language);
    // One read for the clocks and the assignment: ingest creates thousands of conversations (and
    // reads it once for all the messages of one inbox in its transaction).
    const setting =
      input.setting ??
      (await findConversationSetting(tx, {
        workspaceId: input.workspaceId,
        inboxId: inbox.id,
        conversationId: null,
      }));
    const id = newId();
    // A new conversation is of normal priority and has no tags yet.
    const clocks = conversationClocks(
      clockSettingOf({ priority: "normal", inbox_id: inbox.id }, setting),
      { id, workspace_id: input.workspaceId },
      at,
    );
    const messageId = newId();
    const common = {
      workspaceId: input.workspaceId,
      conversationId: id,
      actorUserId: input.actorUserId ?? null,
    };
    // One statement: the conversation takes the workspace's next number, starts the clocks without a
    // target (nothing to announce), and gets its first message with both events (`conversation.created`
    // gets the number there); the attachments that follow write no events.
    const { conversation, message } = await insertConversationWithMessage(
      tx,
      {
        id,
        workspaceId: input.workspaceId,
        inboxId: inbox.id,
        channel: inbox.channel,
        customerId: customer.id,
        subject,
        language,
        at,
        body,
        visitorId: input.visitorId,
        orderNumber: input.orderNumber,
        sentiment: reading.sentiment,
      },
      needNoMore(clocks) ? clocks : [],
      {
        id: messageId,
        workspaceId: input.workspaceId,
        conversationId: id,
        kind: "incoming",
        body,
        authorCustomerId: customer.id,
        emailMessageId: input.emailMessageId,
        html: input.content?.html,
        hasRemoteImages: input.content?.hasRemoteImages,
        clientId: input.clientId,
        reading,
        at,
      },
      [
        {
          ...common,
          type: "conversation.created",
          payload: {
            inboxId: inbox.id,
            channel: inbox.channel,
            customerId: customer.id,
          },
        },
        {
          ...common,
          type: "message.created",
          payload: { messageId, kind: "incoming", inboxId: inbox.id, channel: inbox.channel },
        },
      ],
      "conversation.created",
    );
    if (input.content?.files.length) {
      await storeAttachments(
        tx,
        { workspaceId: input.workspaceId, messageId: message.id },
        input.content.files,
      );
    }
    // Clocks with a target start here, after `message.created`, with their `sla.started` events.
    if (!needNoMore(clocks)) await startConversationClocks(tx, conversation, clocks, at);
    // After `conversation.created`, so the event log reads created → assigned.
    const assigned = await assignNewConversation(tx, conversation, setting.assignment);
    return { conversation: assigned, message, customer };
  });
}
