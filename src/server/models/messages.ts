import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import type { MessageReading, Sentiment } from "../lib/read-customer-message.js";
import {
  addMessageSet,
  conversationInsert,
  previewOf,
  type ConversationRow,
  type NewConversation,
} from "./conversations.js";
import type { NewClock } from "./response-clocks.js";
import { insertEventsSql, type NewEvent } from "./events.js";
import { normalizeIdentity } from "./identities.js";
import type { InboxAccess } from "./inboxes.js";

export type MessageKind = "incoming" | "outgoing" | "note" | "activity";
export type DeliveryStatus = "pending" | "sent" | "failed";

export interface MessageRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  kind: MessageKind;
  body: string;
  author_user_id: string | null;
  author_customer_id: string | null;
  meta: Record<string, unknown>;
  delivery_status: DeliveryStatus | null;
  delivery_error: string | null;
  /** Email: whether sanitized HTML is stored for it (GET /messages/:id/html shows it). */
  has_html: boolean;
  /** Email: whether that HTML refers to remote images, which stay blocked until an agent allows them. */
  has_remote_images: boolean;
  /** The id the sending client gave it (chat), so a message sent twice is stored once. */
  client_id: string | null;
  /** Customer messages: the language and mood read from the text (migration 0024). */
  language: Language | null;
  sentiment: Sentiment | null;
  created_at: Date;
}

/** A message with its author's name, as shown in the timeline. */
export interface MessageViewRow extends MessageRow {
  author_user_name: string | null;
  author_customer_name: string | null;
}

const columns = `m.id, m.workspace_id, m.conversation_id, m.kind, m.body, m.author_user_id, m.author_customer_id,
  m.meta, m.delivery_status, m.delivery_error, (m.html IS NOT NULL) AS has_html, m.has_remote_images,
  m.client_id, m.language, m.sentiment, m.created_at`;

export interface NewMessage {
  id: string;
  workspaceId: string;
  conversationId: string;
  kind: MessageKind;
  body: string;
  authorUserId?: string | null;
  authorCustomerId?: string | null;
  meta?: Record<string, unknown>;
  deliveryStatus?: DeliveryStatus | null;
  /** Why a reply is not delivered (yet). */
  deliveryError?: string | null;
  /** Email: the message's Message-ID (without angle brackets), for threading replies to it. */
  emailMessageId?: string | null;
  /** Email: the HTML body, already sanitized (sanitizeEmailHtml), and whether it has remote images. */
  html?: string | null;
  hasRemoteImages?: boolean;
  /** Chat: the id the sending client gave it (unique in the conversation). */
  clientId?: string | null;
  /** Customer messages: what readCustomerMessage found in the text. */
  reading?: MessageReading | null;
  at?: Date;
}

/**
 * Inserts one message (the conversation's counters are the caller's: addMessageToConversation), and
 * `events` in the same statement when given: one round trip for a message and the events announcing it.
 */
export async function insertMessage(
  tx: Queryable,
  m: NewMessage,
  events: NewEvent[] = [],
): Promise<MessageRow> {
  const insert = insertMessageSql(m);
  if (events.length === 0) return (await tx.query<MessageRow>(insert.text, insert.params))[0]!;
  const logged = insertEventsSql(events, insert.params.length + 1);
  const rows = await tx.query<MessageRow>(
    `WITH inserted AS (${insert.text}), logged AS (${logged.text}) SELECT * FROM inserted`,
    [...insert.params, ...logged.params],
  );
  return rows[0]!;
}

/**
 * A new conversation (conversationInsert: numbered, clocks without a target started) with its first
 * message and the message's events, in one statement: one round trip instead of two for every new
 * conversation. The payload of the event of type `numbered` gets the conversation's `number`, which the
 * statement takes.
 */
export async function insertConversationWithMessage(
  tx: Queryable,
  c: NewConversation,
  clocks: NewClock[],
  message: NewMessage,
  events: NewEvent[],
  numbered: string,
): Promise<{ conversation: ConversationRow; message: MessageRow }> {
  const conversation = conversationInsert(c, clocks);
  const insert = insertMessageSql(message, conversation.params.length + 1);
  const n = conversation.params.length + insert.params.length;
  const logged = insertEventsSql(
    events,
    n + 2,
    undefined,
    `CASE WHEN e.type = $${n + 1}
          THEN e.payload || jsonb_build_object('number', (SELECT number FROM inserted)) ELSE e.payload END`,
  );
  const rows = await tx.query<Record<string, unknown>>(
    `${conversation.text}, message AS (${insert.text}), logged AS (${logged.text})
     SELECT inserted.*, ${prefixedMessageColumns("message", "message__")} FROM inserted, message`,
    [...conversation.params, ...insert.params, numbered, ...logged.params],
  );
  const row = rows[0]!;
  const inserted = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith("message__")));
  return { conversation: inserted as unknown as ConversationRow, message: messageRowOf(row, "message__") };
}

/**
 * A customer's message on an existing conversation in one statement: the message, its fold into the
 * conversation (addMessageSet), the customer's last_seen_at (touchSet with no name or language to
 * fill), and `events`. addCustomerMessage writes these for every message; one round trip instead of four.
 */
export async function insertIncomingMessage(
  tx: Queryable,
  m: NewMessage & { kind: "incoming"; authorCustomerId: string; at: Date },
  events: NewEvent[],
): Promise<MessageRow> {
  const insert = insertMessageSql(m);
  const n = insert.params.length;
  const logged = insertEventsSql(events, n + 2);
  const rows = await tx.query<MessageRow>(
    `WITH inserted AS (${insert.text}),
          folded AS (
            UPDATE conversations c SET ${addMessageSet}
              FROM (VALUES ('incoming', $10::timestamptz, $${n + 1}::text, $5::text, $17::text))
                   AS m (kind, at, preview, body, sentiment)
             WHERE c.id = $3),
          touched AS (UPDATE customers SET last_seen_at = greatest(last_seen_at, $10::timestamptz) WHERE id = $7)
          ${events.length ? `, logged AS (${logged.text})` : ""}
     SELECT * FROM inserted`,
    [...insert.params, previewOf(m.body), ...(events.length ? logged.params : [])],
  );
  return rows[0]!;
}

/** The names of a message row's columns (what `columns` returns). */
const columnNames = columns.split(",").map((column) =>
  column
    .trim()
    .split(/\s+AS\s+|^m\./)
    .pop()!,
);

/**
 * The columns of a message row read from `from` (a WITH part returning them) under `prefix`: for a
 * statement returning a message beside another row; messageRowOf takes it back out.
 */
const prefixedMessageColumns = (from: string, prefix: string) =>
  columnNames.map((name) => `${from}.${name} AS ${prefix}${name}`).join(", ");

function messageRowOf(row: Record<string, unknown>, prefix: string): MessageRow {
  return Object.fromEntries(
    columnNames.map((name) => [name, row[`${prefix}${name}`]]),
  ) as unknown as MessageRow;
}

/**
 * The INSERT of insertMessage (RETURNING the row), parameters numbered from `first` (1 unless given): at
 * 1, $3 is the conversation, $5 body, $7 customer, $10 at, $17 mood.
 */
function insertMessageSql(m: NewMessage, first = 1): { text: string; params: unknown[] } {
  const p = (n: number) => `$${first + n - 1}`;
  return {
    text: `INSERT INTO messages AS m (id, workspace_id, conversation_id, kind, body, author_user_id, author_customer_id,
       meta, delivery_status, created_at, email_message_id, delivery_error, html, has_remote_images, client_id,
       language, sentiment, sentiment_score)
     VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, coalesce(${p(10)}, now()),
       ${p(11)}, ${p(12)}, ${p(13)}, ${p(14)}, ${p(15)}, ${p(16)}, ${p(17)}, ${p(18)})
     RETURNING ${columns}`,
    params: [
      m.id,
      m.workspaceId,
      m.conversationId,
      m.kind,
      m.body,
      m.authorUserId ?? null,
      m.authorCustomerId ?? null,
      m.meta ?? {},
      m.deliveryStatus ?? null,
      m.at ?? null,
      m.emailMessageId ?? null,
      m.deliveryError ?? null,
      m.html ?? null,
      m.hasRemoteImages ?? false,
      m.clientId ?? null,
      m.reading?.language ?? null,
      m.reading?.sentiment ?? null,
      m.reading?.score ?? null,
    ],
  };
}

/**
 * The newest `limit` messages of a conversation (or the newest before the message `before`, for paging
 * back through a long timeline), returned oldest first, with author names.
 */
export async function findMessages(
  db: Queryable,
  conversationId: string,
  limit: number,
  before?: { createdAt: Date; id: string },
): Promise<MessageViewRow[]> {
  const rows = await db.query<MessageViewRow>(
    `SELECT ${columns}, u.name AS author_user_name, cu.name AS author_customer_name
       FROM messages m
       LEFT JOIN users u ON u.id = m.author_user_id
       LEFT JOIN customers cu ON cu.id = m.author_customer_id
      WHERE m.conversation_id = $1
        ${before ? "AND (m.created_at, m.id) < ($3::timestamptz, $4::uuid)" : ""}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT $2`,
    before ? [conversationId, limit, before.createdAt, before.id] : [conversationId, limit],
  );
  return rows.reverse();
}

/** A message's position in its conversation's timeline; undefined when it is not one of its messages. */
export async function findMessagePosition(
  db: Queryable,
  conversationId: string,
  messageId: string,
): Promise<{ createdAt: Date; id: string } | undefined> {
  const rows = await db.query<{ created_at: Date; id: string }>(
    "SELECT created_at, id FROM messages WHERE conversation_id = $1 AND id = $2",
    [conversationId, messageId],
  );
  return rows[0] ? { createdAt: rows[0].created_at, id: rows[0].id } : undefined;
}

/**
 * Messages people wrote after `position` (customer messages, replies and notes; not activity lines),
 * other than `exceptUserId`'s own: what an agent who began a draft at `position` has not seen.
 */
export async function findMessagesSince(
  db: Queryable,
  conversationId: string,
  position: { createdAt: Date; id: string },
  exceptUserId: string,
): Promise<{ id: string; kind: string }[]> {
  return db.query<{ id: string; kind: string }>(
    `SELECT id, kind FROM messages
      WHERE conversation_id = $1 AND (created_at, id) > ($2, $3::uuid)
        AND kind IN ('incoming', 'outgoing', 'note') AND author_user_id IS DISTINCT FROM $4::uuid
      ORDER BY created_at, id`,
    [conversationId, position.createdAt, position.id, exceptUserId],
  );
}

/** One message with its author's name. */
export async function findMessageView(db: Queryable, id: string): Promise<MessageViewRow | undefined> {
  const rows = await db.query<MessageViewRow>(
    `SELECT ${columns}, u.name AS author_user_name, cu.name AS author_customer_name
       FROM messages m
       LEFT JOIN users u ON u.id = m.author_user_id
       LEFT JOIN customers cu ON cu.id = m.author_customer_id
      WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Marks every pending reply of a workspace as sent. Only for `heed demo`: its history is written in
 * one go, before any channel could deliver anything, and would otherwise show every old reply queued.
 */
export async function markDemoRepliesSent(db: Queryable, workspaceId: string): Promise<void> {
  // The demo's customers are made up: their queued mail must never reach a real mail server.
  await db.query("DELETE FROM outgoing_emails WHERE workspace_id = $1 AND status = 'queued'", [workspaceId]);
  await db.query(
    "UPDATE messages SET delivery_status = 'sent' WHERE workspace_id = $1 AND kind = 'outgoing' AND delivery_status = 'pending'",
    [workspaceId],
  );
}

/**
 * The conversation of the inbox holding a message with one of these Message-IDs (the newest such
 * message wins), for threading an email reply by its In-Reply-To and References, and whether `sender`
 * is one of the email addresses of its customer (isConversationCustomerEmail, in the same round trip).
 * The inbox is checked per found message (a subquery on the primary key), never by joining the inbox's
 * conversations: without fresh statistics the planner hashed every conversation of the inbox (1.6 ms at
 * 7,000, growing).
 */
export async function findConversationByEmailMessageIds(
  db: Queryable,
  inboxId: string,
  messageIds: string[],
  sender: string,
): Promise<{ conversationId: string; isSenderCustomer: boolean } | undefined> {
  if (messageIds.length === 0) return undefined;
  const rows = await db.query<{ conversation_id: string; is_sender_customer: boolean }>(
    `SELECT found.conversation_id,
            EXISTS (SELECT 1 FROM conversations c JOIN identities i ON i.customer_id = c.customer_id
                     WHERE c.id = found.conversation_id AND i.kind = 'email' AND i.value_normalized = $3)
              AS is_sender_customer
       FROM (SELECT m.conversation_id FROM messages m
              WHERE m.email_message_id = ANY($2::text[])
                AND (SELECT c.inbox_id FROM conversations c WHERE c.id = m.conversation_id) = $1
              ORDER BY m.created_at DESC LIMIT 1) AS found`,
    [inboxId, messageIds, normalizeIdentity("email", sender)],
  );
  const row = rows[0];
  return row && { conversationId: row.conversation_id, isSenderCustomer: row.is_sender_customer };
}

/** A message of a conversation, locked for this transaction (e.g. before changing its delivery). */
export async function lockMessage(
  tx: Queryable,
  conversationId: string,
  messageId: string,
): Promise<Pick<MessageRow, "id" | "kind" | "delivery_status"> | undefined> {
  const rows = await tx.query<Pick<MessageRow, "id" | "kind" | "delivery_status">>(
    "SELECT id, kind, delivery_status FROM messages WHERE id = $1 AND conversation_id = $2 FOR UPDATE",
    [messageId, conversationId],
  );
  return rows[0];
}

/** Records the Message-ID a reply's mail carries (set when its mail is queued after the reply was saved). */
export async function setMessageEmailId(
  tx: Queryable,
  messageId: string,
  emailMessageId: string,
): Promise<void> {
  await tx.query("UPDATE messages SET email_message_id = $2 WHERE id = $1", [messageId, emailMessageId]);
}

/** A message's stored HTML with what the policy needs: its conversation's inbox access for the user. */
export interface MessageHtmlRow {
  id: string;
  conversation_id: string;
  html: string | null;
  inbox_access: InboxAccess;
  is_inbox_member: boolean;
}

/**
 * One message of the workspace with its HTML and its conversation's inbox access for the user;
 * undefined when missing or of another workspace.
 */
export async function findMessageHtml(
  db: Queryable,
  workspaceId: string,
  id: string,
  userId: string,
): Promise<MessageHtmlRow | undefined> {
  const rows = await db.query<MessageHtmlRow>(
    `SELECT m.id, m.conversation_id, m.html, i.access AS inbox_access, (im.user_id IS NOT NULL) AS is_inbox_member
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN inboxes i ON i.id = c.inbox_id
       LEFT JOIN inbox_members im ON im.inbox_id = c.inbox_id AND im.user_id = $3
      WHERE m.workspace_id = $1 AND m.id = $2`,
    [workspaceId, id, userId],
  );
  return rows[0];
}

/** Sets a reply's delivery state on the message the agents see. */
export async function setMessageDelivery(
  tx: Queryable,
  messageId: string,
  status: DeliveryStatus,
  error: string | null,
): Promise<void> {
  await tx.query("UPDATE messages SET delivery_status = $2, delivery_error = $3 WHERE id = $1", [
    messageId,
    status,
    error,
  ]);
}
