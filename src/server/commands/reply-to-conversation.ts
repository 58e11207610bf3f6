import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { addMessageToConversation, lockConversation, type ConversationRow } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { findInbox, findInboxMembers } from "../models/inboxes.js";
import { insertMentions } from "../models/mentions.js";
import { insertMessage, type MessageRow } from "../models/messages.js";
import { findUsersByHandles } from "../models/users.js";
import { canSeeInbox } from "../policies/inbox-policy.js";

export interface ReplyInput {
  kind: "reply" | "note";
  body: string;
  /** When it was written (imports, demo data); now by default. */
  at?: Date;
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

/**
 * Adds an agent's reply or internal note. A reply is an outgoing message waiting for delivery ('pending':
 * the channel's listener sends it from the `message.created` event), ends the customer's wait and sets
 * the first reply time once. A note stays internal; users it @mentions (who can see the inbox) get a
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
    const message = await insertMessage(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      conversationId,
      kind,
      body,
      authorUserId: actor.userId,
      deliveryStatus: kind === "outgoing" ? "pending" : null,
      at,
    });
    await addMessageToConversation(tx, conversationId, { kind, body, at });
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
