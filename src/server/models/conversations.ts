import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import type { Sentiment } from "../lib/read-customer-message.js";
import type { Channel, InboxAccess } from "./inboxes.js";
import { insertClocksSql, type NewClock } from "./response-clocks.js";
import { nextCounterSql } from "./workspaces.js";

export type ConversationStatus = "open" | "pending" | "snoozed" | "resolved";
export type Priority = "low" | "normal" | "high" | "urgent";

export interface ConversationRow {
  id: string;
  workspace_id: string;
  number: number;
  inbox_id: string;
  channel: Channel;
  customer_id: string;
  subject: string | null;
  status: ConversationStatus;
  priority: Priority;
  assignee_id: string | null;
  team_id: string | null;
  language: Language;
  snoozed_until: Date | null;
  preview: string;
  message_count: number;
  waiting_since: Date | null;
  first_reply_at: Date | null;
  resolved_at: Date | null;
  last_message_at: Date;
  created_at: Date;
  updated_at: Date;
  /** Chat: how far the customer has read (read receipts). */
  customer_read_at: Date | null;
  /** The earliest deadline of the running SLA clocks, and how it stands (models/response-clocks.ts). */
  sla_due_at: Date | null;
  sla_state: "ok" | "warning" | "breached" | null;
  /** The mood of the customer's latest message (migration 0024); null before any was read. */
  sentiment: Sentiment | null;
  /** The shop's order the conversation is about, when known (migration 0023). */
  order_number: string | null;
}

/**
 * A conversation with everything its list item shows besides its own row: assignee and team names, the
 * customer's number, name, first email and phone, and its tag names — read in the same query, so a
 * page of conversations costs one query, not one per row.
 */
export interface ConversationViewRow extends ConversationRow {
  assignee_name: string | null;
  team_name: string | null;
  customer_number: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  tag_names: string[];
}

/** A conversation with what the policy needs to decide who sees it. */
export interface ConversationAccessRow extends ConversationViewRow {
  inbox_access: InboxAccess;
  is_inbox_member: boolean;
}

export const conversationColumns = `c.id, c.workspace_id, c.number, c.inbox_id, c.channel, c.customer_id, c.subject,
  c.status, c.priority, c.assignee_id, c.team_id, c.language, c.snoozed_until, c.preview, c.message_count,
  c.waiting_since, c.first_reply_at, c.resolved_at, c.last_message_at, c.created_at, c.updated_at,
  c.customer_read_at, c.sla_due_at, c.sla_state, c.sentiment, c.order_number`;

/**
 * Columns of ConversationViewRow; the query names the conversation `c` and adds `conversationViewJoins`.
 * The customer's email and phone and the tag names are copies kept by triggers (migration 0002), so a
 * page of the list reads its rows and three tiny joins, no subquery per row.
 */
export const conversationViewColumns = `${conversationColumns}, u.name AS assignee_name, t.name AS team_name,
  cu.number AS customer_number, cu.name AS customer_name, cu.email AS customer_email, cu.phone AS customer_phone,
  c.tag_names`;
export const conversationViewJoins = `JOIN customers cu ON cu.id = c.customer_id
  LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN teams t ON t.id = c.team_id`;

/** The preview line of a message: whitespace collapsed, at most 160 characters. */
export const previewOf = (body: string): string => {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
};

export interface NewConversation {
  id: string;
  workspaceId: string;
  inboxId: string;
  channel: Channel;
  customerId: string;
  subject: string | null;
  language: Language;
  at: Date;
  /** The first message's text: preview, and with the subject the start of the search document. */
  body: string;
  /** Chat: the widget visitor it belongs to (see migration 0014). */
  visitorId?: string | null;
  /** The mood of the first message (readCustomerMessage). */
  sentiment?: Sentiment | null;
  orderNumber?: string | null;
}

/** Sets or clears the order number (the caller records the activity). */
export async function setOrderNumber(tx: Queryable, id: string, orderNumber: string | null): Promise<void> {
  await tx.query("UPDATE conversations SET order_number = $2, updated_at = now() WHERE id = $1", [
    id,
    orderNumber,
  ]);
}

/**
 * The WITH parts of a statement inserting an open conversation that starts with one customer message
 * (waiting since `at`; `inserted` returns its row), numbered with the workspace's next "conversation"
 * counter value, and starting `clocks` (its response clocks, when they need nothing more: no target, so
 * no events); with their parameters. insertConversationWithMessage completes it.
 */
export function conversationInsert(
  c: NewConversation,
  clocks: NewClock[],
): { text: string; params: unknown[] } {
  const params = [
    c.id,
    c.workspaceId,
    c.inboxId,
    c.channel,
    c.customerId,
    c.subject,
    c.language,
    previewOf(c.body),
    c.at,
    c.body,
    c.visitorId ?? null,
    c.sentiment ?? null,
    c.orderNumber ?? null,
  ];
  const started = clocks.length > 0 ? insertClocksSql(clocks, params.length + 1) : null;
  return {
    text: `WITH counter AS (${nextCounterSql("$2", "'conversation'")}),
     inserted AS (
       INSERT INTO conversations AS c (id, workspace_id, number, inbox_id, channel, customer_id, subject, language,
         status, preview, message_count, waiting_since, last_message_at, created_at, updated_at, search_vector,
         visitor_id, sentiment, order_number)
       VALUES ($1, $2, (SELECT value FROM counter), $3, $4, $5, $6, $7, 'open', $8, 1, $9, $9, $9, $9,
         heed_document($7, concat_ws(' ', $6::text, $10::text)), $11, $12, $13)
       RETURNING ${conversationColumns})
     ${started ? `, started AS (${started.text})` : ""}`,
    params: [...params, ...(started?.params ?? [])],
  };
}

/**
 * One conversation of the workspace with its inbox's access facts for `userId`, or undefined (also for
 * another workspace's conversation). The caller decides visibility with the inbox policy.
 */
export async function findConversationWithAccess(
  db: Queryable,
  workspaceId: string,
  id: string,
  userId: string,
): Promise<ConversationAccessRow | undefined> {
  const rows = await db.query<ConversationAccessRow>(
    `SELECT ${conversationViewColumns}, i.access AS inbox_access, (m.user_id IS NOT NULL) AS is_inbox_member
       FROM conversations c ${conversationViewJoins}
       JOIN inboxes i ON i.id = c.inbox_id
       LEFT JOIN inbox_members m ON m.inbox_id = c.inbox_id AND m.user_id = $3
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, id, userId],
  );
  return rows[0];
}

/** Locks one conversation of the workspace for a change (other writers wait); undefined when missing. */
export async function lockConversation(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const rows = await tx.query<ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations c WHERE c.workspace_id = $1 AND c.id = $2 FOR UPDATE`,
    [workspaceId, id],
  );
  return rows[0];
}

/**
 * lockConversation, and whether a response clock other than resolution is running or paused (the
 * customer is already waiting for an answer), in one statement: what a customer's next message needs.
 */
export async function lockConversationForCustomerMessage(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<(ConversationRow & { is_waiting: boolean }) | undefined> {
  const rows = await tx.query<ConversationRow & { is_waiting: boolean }>(
    `SELECT ${conversationColumns},
            EXISTS (SELECT 1 FROM response_clocks r
                     WHERE r.conversation_id = c.id AND r.status IN ('running', 'paused')
                       AND r.kind <> 'resolution') AS is_waiting
       FROM conversations c WHERE c.workspace_id = $1 AND c.id = $2 FOR UPDATE OF c`,
    [workspaceId, id],
  );
  return rows[0];
}

export interface ConversationPatch {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: Date | null;
}

/**
 * Writes the changed fields. Leaving "snoozed" clears the snooze time; resolving stamps resolved_at
 * (`at`, for backdated imports, or now).
 * The folder-count triggers follow status, assignee and team by themselves.
 */
export async function updateConversationFields(
  tx: Queryable,
  id: string,
  patch: ConversationPatch,
  at?: Date,
): Promise<ConversationRow> {
  const rows = await tx.query<ConversationRow>(
    `UPDATE conversations c SET
       status = coalesce($2, status),
       priority = coalesce($3, priority),
       assignee_id = CASE WHEN $4 THEN $5::uuid ELSE assignee_id END,
       team_id = CASE WHEN $6 THEN $7::uuid ELSE team_id END,
       snoozed_until = CASE WHEN coalesce($2, status) = 'snoozed' THEN coalesce($8, snoozed_until) ELSE NULL END,
       resolved_at = CASE WHEN $2 = 'resolved' AND status <> 'resolved' THEN coalesce($9, now()) ELSE resolved_at END,
       updated_at = now()
     WHERE c.id = $1
     RETURNING ${conversationColumns}`,
    [
      id,
      patch.status ?? null,
      patch.priority ?? null,
      patch.assigneeId !== undefined,
      patch.assigneeId ?? null,
      patch.teamId !== undefined,
      patch.teamId ?? null,
      patch.snoozedUntil ?? null,
      at ?? null,
    ],
  );
  return rows[0]!;
}

/**
 * Folds a new message into its conversation: activity time, preview, count and search document. A reply
 * ends the customer's wait and stamps the first reply once; an incoming message starts a wait.
 */
export async function addMessageToConversation(
  tx: Queryable,
  id: string,
  m: { kind: "incoming" | "outgoing" | "note"; body: string; at: Date; sentiment?: Sentiment | null },
): Promise<void> {
  await tx.query(
    `UPDATE conversations c SET ${addMessageSet}
       FROM (VALUES ($2::text, $3::timestamptz, $4::text, $5::text, $6::text))
            AS m (kind, at, preview, body, sentiment)
      WHERE c.id = $1`,
    [id, m.kind, m.at, previewOf(m.body), m.body, m.sentiment ?? null],
  );
}

/**
 * What addMessageToConversation sets, as the SET list of an `UPDATE conversations c` reading the message
 * from a row `m (kind, at, preview, body, sentiment)`: shared with the statement that stores a customer's
 * message and folds it in at once (insertIncomingMessage).
 */
export const addMessageSet = `
       last_message_at = greatest(c.last_message_at, m.at),
       preview = m.preview,
       message_count = c.message_count + 1,
       waiting_since = CASE m.kind WHEN 'outgoing' THEN NULL
                                   WHEN 'incoming' THEN coalesce(c.waiting_since, m.at) ELSE c.waiting_since END,
       first_reply_at = CASE WHEN m.kind = 'outgoing' THEN coalesce(c.first_reply_at, m.at) ELSE c.first_reply_at END,
       -- a tsvector is capped at 1 MB: very long conversations stop growing their document
       search_vector = CASE WHEN pg_column_size(c.search_vector) < 512000
                            THEN c.search_vector || heed_document(c.language, m.body) ELSE c.search_vector END,
       -- the customer's latest mood (an older message arriving late does not overwrite it)
       sentiment = CASE WHEN m.kind = 'incoming' AND m.sentiment IS NOT NULL AND m.at >= c.last_message_at
                        THEN m.sentiment ELSE c.sentiment END,
       updated_at = now()`;

/** Snoozed conversations whose time has come, locked; rows another worker holds are skipped. */
export async function lockDueSnoozed(tx: Queryable, now: Date, limit: number): Promise<ConversationRow[]> {
  return tx.query<ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations c
      WHERE c.status = 'snoozed' AND c.snoozed_until <= $1
      ORDER BY c.snoozed_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

/** When the next snoozed conversation is due, or null when none is snoozed. */
export async function findNextSnoozeWake(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "SELECT min(snoozed_until) AS at FROM conversations WHERE status = 'snoozed'",
  );
  return rows[0]?.at ?? null;
}

/** The id of the conversation with this number in an inbox (reply addresses name conversations by number). */
export async function findConversationIdByNumber(
  db: Queryable,
  workspaceId: string,
  inboxId: string,
  number: string,
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM conversations WHERE workspace_id = $1 AND number = $2::bigint AND inbox_id = $3",
    [workspaceId, number, inboxId],
  );
  return rows[0]?.id;
}
