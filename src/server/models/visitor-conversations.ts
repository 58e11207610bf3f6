import type { Queryable } from "../db/types.js";
import { conversationColumns, type ConversationRow } from "./conversations.js";

/** A chat message as a visitor may see it: never notes or activity lines, agents by first name only. */
export interface VisitorMessageRow {
  id: string;
  kind: "incoming" | "outgoing";
  body: string;
  client_id: string | null;
  author_name: string | null;
  created_at: Date;
}

/** The visitor's newest conversation in the chat inbox, if any. */
export async function findVisitorConversation(
  db: Queryable,
  inboxId: string,
  visitorId: string,
): Promise<ConversationRow | undefined> {
  const rows = await db.query<ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations c
      WHERE c.inbox_id = $1 AND c.visitor_id = $2
      ORDER BY c.created_at DESC LIMIT 1`,
    [inboxId, visitorId],
  );
  return rows[0];
}

const visitorColumns = `m.id, m.kind, m.body, m.client_id, m.created_at,
  CASE WHEN m.kind = 'outgoing' THEN split_part(u.name, ' ', 1) ELSE cu.name END AS author_name`;
const visitorJoins = `LEFT JOIN users u ON u.id = m.author_user_id
  LEFT JOIN customers cu ON cu.id = m.author_customer_id`;

/** The newest `limit` customer messages and replies of a conversation, oldest first. */
export async function findVisitorMessages(
  db: Queryable,
  conversationId: string,
  limit: number,
): Promise<VisitorMessageRow[]> {
  const rows = await db.query<VisitorMessageRow>(
    `SELECT ${visitorColumns} FROM messages m ${visitorJoins}
      WHERE m.conversation_id = $1 AND m.kind IN ('incoming', 'outgoing')
      ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
    [conversationId, limit],
  );
  return rows.reverse();
}

/** One message of the conversation as the visitor sees it; undefined for notes and activity lines. */
export async function findVisitorMessage(
  db: Queryable,
  conversationId: string,
  messageId: string,
): Promise<VisitorMessageRow | undefined> {
  const rows = await db.query<VisitorMessageRow>(
    `SELECT ${visitorColumns} FROM messages m ${visitorJoins}
      WHERE m.conversation_id = $1 AND m.id = $2 AND m.kind IN ('incoming', 'outgoing')`,
    [conversationId, messageId],
  );
  return rows[0];
}

/** The message a client already sent with this id in the conversation, if it was stored. */
export async function findMessageByClientId(
  db: Queryable,
  conversationId: string,
  clientId: string,
): Promise<VisitorMessageRow | undefined> {
  const rows = await db.query<VisitorMessageRow>(
    `SELECT ${visitorColumns} FROM messages m ${visitorJoins}
      WHERE m.conversation_id = $1 AND m.client_id = $2`,
    [conversationId, clientId],
  );
  return rows[0];
}

/** Marks agents' chat replies as delivered to the visitor's screen; returns those that were waiting. */
export async function markRepliesDelivered(
  db: Queryable,
  conversationId: string,
  ids: string[],
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE messages SET delivery_status = 'sent'
      WHERE conversation_id = $1 AND id = ANY($2::uuid[]) AND kind = 'outgoing' AND delivery_status = 'pending'
      RETURNING id`,
    [conversationId, ids],
  );
  return rows.map((row) => row.id);
}

/** The visitor has read the conversation up to `at` (read receipts for agents); never moves back. */
export async function markCustomerRead(db: Queryable, conversationId: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE conversations SET customer_read_at = $2
      WHERE id = $1 AND (customer_read_at IS NULL OR customer_read_at < $2) RETURNING id`,
    [conversationId, at],
  );
  return rows.length > 0;
}

/** An agent's chat reply that no visitor screen has shown yet, with what its email needs. */
export interface UnseenChatReplyRow {
  message_id: string;
  workspace_id: string;
  conversation_id: string;
  conversation_number: number;
  inbox_id: string;
  inbox_name: string;
  body: string;
  author_name: string | null;
  customer_email: string;
  customer_name: string | null;
  language: string;
  created_at: Date;
}

/**
 * Agents' chat replies written before `before` that no visitor screen received, whose customer gave an
 * email and that have no mail yet: locked, so two workers never mail one twice.
 */
export async function lockUnseenChatReplies(
  db: Queryable,
  before: Date,
  limit: number,
): Promise<UnseenChatReplyRow[]> {
  return db.query<UnseenChatReplyRow>(
    `SELECT m.id AS message_id, m.workspace_id, c.id AS conversation_id, c.number AS conversation_number,
            c.inbox_id, i.name AS inbox_name, m.body, u.name AS author_name, cu.email AS customer_email,
            cu.name AS customer_name, c.language, m.created_at
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN users u ON u.id = m.author_user_id
      WHERE m.delivery_status = 'pending' AND m.created_at < $1 AND m.kind = 'outgoing'
        AND c.channel = 'chat' AND cu.email IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM outgoing_emails o WHERE o.message_id = m.id)
      ORDER BY m.created_at
      LIMIT $2
      FOR UPDATE OF m SKIP LOCKED`,
    [before, limit],
  );
}
