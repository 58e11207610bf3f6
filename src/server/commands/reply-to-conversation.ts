import type { Actor } from "../context.js";
import { outgoingMessageId } from "../email/compose-mail.js";
import type { Database, Queryable } from "../db/types.js";
import { HttpError, invalid, notFound } from "../lib/errors.js";
import { attachUploads } from "../models/attachments.js";
import { newId } from "../lib/ids.js";
import { addMessageToConversation, lockConversation, type ConversationRow } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { clocksOnReply } from "./response-clocks.js";
import { findInbox, findInboxMembers } from "../models/inboxes.js";
import { insertMentions } from "../models/mentions.js";
import {
  findMessagePosition,
  findMessagesSince,
  insertMessage,
  type MessageRow,
} from "../models/messages.js";
import { findReplyRoute, insertOutgoingEmail } from "../models/outgoing-emails.js";
import { findUsersByHandles } from "../models/users.js";
import { canSeeInbox } from "../policies/inbox-policy.js";

export interface ReplyInput {
  kind: "reply" | "note";
  body: string;
  /** When it was written (imports, demo data); now by default. */
  at?: Date;
  /** The actor's uploads in this conversation to put on it (a reply's mail carries them). */
  attachmentIds?: string[];
  /**
   * The newest message on the agent's screen when the draft began: if others wrote since, the reply is
   * refused (409 conversation_changed) so the agent looks first. Absent: no check (API clients, imports).
   */
  seenMessageId?: string;
}

/** `@ana.kovac` handles in a note, lower-cased, without a trailing full stop. */
export function parseMentions(body: string): string[] {
  const handles = [...body.matchAll(/(?<![\p{L}\p{N}._@-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu)].map((m) =>
    m[1]!.replace(/[._-]+$/, "").toLowerCase(),
  );
  return [...new Set(handles)];
}

/** Mentioned users who can see the conversation's inbox; mentions of anyone else are ignored. */
async function mentionedUsers(tx: Queryable, conversation: ConversationRow, body: string): Promise<string[]> {
  const users = await findUsersByHandles(tx, conversation.workspace_id, parseMentions(body));
  if (users.length === 0) return [];
  const inbox = await findInbox(tx, conversation.workspace_id, conversation.inbox_id);
  const members = new Set((await findInboxMembers(tx, [conversation.inbox_id])).map((m) => m.user_id));
  return users
    .filter((user) => inbox && canSeeInbox(user, { access: inbox.access, is_member: members.has(user.id) }))
    .map((user) => user.id);
}

/** Where a reply's mail goes, or why it cannot go: decided before the reply is stored. */
export interface ReplyMailPlan {
  emailMessageId: string | null;
  envelopeTo: string | null;
  failure: string | null;
}

/**
 * Plans the mail that carries a reply in an email conversation: its Message-ID is fixed now and kept on
 * the message, so the customer's answer threads back by In-Reply-To. Without a customer address the
 * reply fails at once, saying why.
 */
export async function planReplyMail(
  tx: Queryable,
  conversationId: string,
  messageId: string,
): Promise<ReplyMailPlan> {
  const route = await findReplyRoute(tx, conversationId);
  if (!route?.inbox_address)
    return { emailMessageId: null, envelopeTo: null, failure: "The inbox has no email address." };
  if (!route.customer_email)
    return {
      emailMessageId: null,
      envelopeTo: null,
      failure: "The customer has no email address to send the reply to.",
    };
  return {
    emailMessageId: outgoingMessageId(messageId, route.inbox_address),
    envelopeTo: route.customer_email,
    failure: null,
  };
}

/** Queues a planned reply mail in the outbox (same transaction as the reply); the worker sends it. */
export async function queueReplyMail(
  tx: Queryable,
  conversation: ConversationRow,
  messageId: string,
  plan: ReplyMailPlan,
): Promise<void> {
  if (!plan.emailMessageId || !plan.envelopeTo) return;
  await insertOutgoingEmail(tx, {
    id: newId(),
    workspaceId: conversation.workspace_id,
    inboxId: conversation.inbox_id,
    messageId,
    conversationId: conversation.id,
    purpose: "reply",
    envelopeTo: plan.envelopeTo,
    emailMessageId: plan.emailMessageId,
  });
}

/**
 * The collision guard: another reply, note or customer message arrived after the one the agent saw
 * when they began writing. Checked with the conversation locked, so two agents sending at once cannot
 * both pass it.
 */
async function guardCollision(tx: Queryable, actor: Actor, conversationId: string, seenMessageId: string) {
  const position = await findMessagePosition(tx, conversationId, seenMessageId);
  if (!position) throw invalid("seenMessageId", "is not a message of this conversation");
  const since = await findMessagesSince(tx, conversationId, position, actor.userId);
  if (since.length === 0) return;
  throw new HttpError(
    409,
    "conversation_changed",
    `${since.length} new message${since.length === 1 ? "" : "s"} arrived since you started writing: read ${since.length === 1 ? "it" : "them"} first`,
    { messageIds: since.map((message) => message.id) },
  );
}

/**
 * Adds an agent's reply or internal note. A reply is an outgoing message waiting for delivery
 * ('pending'): in an email conversation its mail is queued in the outbox in the same transaction; other
 * channels deliver it from the `message.created` event. It ends the customer's wait and sets the first
 * reply time once. A note stays internal; users it @mentions (who can see the inbox) get a
 * mention and a `note.mentioned` event. One transaction. Throws 404 for a conversation not in the
 * actor's workspace (the caller checks inbox visibility first).
 */
export async function replyToConversation(
  db: Database,
  actor: Actor,
  conversationId: string,
  input: ReplyInput,
): Promise<MessageRow> {
  const at = input.at ?? new Date();
  const body = input.body.trim();
  const kind = input.kind === "reply" ? "outgoing" : "note";
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!conversation) throw notFound("Conversation");
    if (input.seenMessageId) await guardCollision(tx, actor, conversationId, input.seenMessageId);
    const id = newId();
    const mail: ReplyMailPlan =
      kind === "outgoing" && conversation.channel === "email"
        ? await planReplyMail(tx, conversationId, id)
        : { emailMessageId: null, envelopeTo: null, failure: null };
    const message = await insertMessage(tx, {
      id,
      workspaceId: actor.workspaceId,
      conversationId,
      kind,
      body,
      authorUserId: actor.userId,
      deliveryStatus: kind === "outgoing" ? (mail.failure ? "failed" : "pending") : null,
      deliveryError: mail.failure,
      emailMessageId: mail.emailMessageId,
      at,
    });
    if (input.attachmentIds?.length) {
      const wanted = [...new Set(input.attachmentIds)];
      const taken = await attachUploads(tx, {
        ids: wanted,
        conversationId,
        userId: actor.userId,
        messageId: id,
      });
      if (taken.length !== wanted.length)
        throw invalid("attachmentIds", "must be your own uploads in this conversation, not used yet");
    }
    await queueReplyMail(tx, conversation, id, mail);
    await addMessageToConversation(tx, conversationId, { kind, body, at });
    if (kind === "outgoing") await clocksOnReply(tx, conversation, at, actor.userId);
    const common = { workspaceId: actor.workspaceId, conversationId, actorUserId: actor.userId };
    await recordEvent(tx, {
      ...common,
      type: "message.created",
      payload: { messageId: message.id, kind, inboxId: conversation.inbox_id, channel: conversation.channel },
    });
    if (kind === "note") {
      const userIds = (await mentionedUsers(tx, conversation, body)).filter((id) => id !== actor.userId);
      await insertMentions(tx, {
        workspaceId: actor.workspaceId,
        messageId: message.id,
        conversationId,
        userIds,
      });
      for (const userId of userIds) {
        await recordEvent(tx, {
          ...common,
          type: "note.mentioned",
          payload: { messageId: message.id, userId },
        });
      }
    }
    return message;
  });
}
