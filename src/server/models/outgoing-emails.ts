import type { Queryable } from "../db/types.js";

export type OutgoingPurpose = "reply" | "acknowledgement" | "invitation" | "chat_reply" | "sla_alert";
export type OutgoingStatus = "queued" | "sending" | "sent" | "failed";

export interface OutgoingEmailRow {
  id: string;
  workspace_id: string;
  inbox_id: string | null;
  message_id: string | null;
  conversation_id: string | null;
  purpose: OutgoingPurpose;
  envelope_to: string;
  envelope_from: string | null;
  email_message_id: string;
  raw: Buffer | null;
  status: OutgoingStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
}

const columns = `id, workspace_id, inbox_id, message_id, conversation_id, purpose, envelope_to, envelope_from,
  email_message_id, raw, status, attempts, next_attempt_at, last_error, sent_at, created_at`;

export interface NewOutgoingEmail {
  id: string;
  workspaceId: string;
  inboxId: string | null;
  messageId?: string | null;
  conversationId?: string | null;
  purpose: OutgoingPurpose;
  envelopeTo: string;
  emailMessageId: string;
  /** Composed now (invitations); otherwise the worker composes it on the first attempt. */
  envelopeFrom?: string | null;
  raw?: Buffer | null;
}

export async function insertOutgoingEmail(tx: Queryable, mail: NewOutgoingEmail): Promise<void> {
  await tx.query(
    `INSERT INTO outgoing_emails (id, workspace_id, inbox_id, message_id, conversation_id, purpose, envelope_to,
       email_message_id, envelope_from, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      mail.id,
      mail.workspaceId,
      mail.inboxId,
      mail.messageId ?? null,
      mail.conversationId ?? null,
      mail.purpose,
      mail.envelopeTo,
      mail.emailMessageId,
      mail.envelopeFrom ?? null,
      mail.raw ?? null,
    ],
  );
}

/**
 * Takes the next due mail for sending (of `onlyInboxes` when given): locks it (skipping mail another process holds), marks it
 * 'sending' under a lease and counts the attempt. Commit before talking to the mail server, so a crash
 * during the conversation with it is seen afterwards as an expired lease.
 */
export async function claimDueOutgoingEmail(
  tx: Queryable,
  leaseSeconds: number,
  onlyInboxes: string[] | null = null,
): Promise<OutgoingEmailRow | undefined> {
  const rows = await tx.query<OutgoingEmailRow>(
    `UPDATE outgoing_emails SET status = 'sending', attempts = attempts + 1,
            lease_until = now() + make_interval(secs => $1)
      WHERE id = (SELECT id FROM outgoing_emails WHERE status = 'queued' AND next_attempt_at <= now()
                     AND ($2::uuid[] IS NULL OR inbox_id = ANY($2::uuid[]))
                   ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${columns}`,
    [leaseSeconds, onlyInboxes],
  );
  return rows[0];
}

/** Stores the composed bytes of a mail (first attempt), so every later attempt sends the same. */
export async function saveComposedEmail(
  tx: Queryable,
  id: string,
  envelopeFrom: string,
  raw: Buffer,
): Promise<void> {
  await tx.query("UPDATE outgoing_emails SET envelope_from = $2, raw = $3 WHERE id = $1", [
    id,
    envelopeFrom,
    raw,
  ]);
}

/**
 * Marks a mail sent. From any state but 'sent': if its lease had run out and it was marked failed (or an
 * agent already queued it again), the mail server's acceptance is the truth, and it is not sent again.
 */
export async function markOutgoingSent(tx: Queryable, id: string): Promise<OutgoingEmailRow | undefined> {
  const rows = await tx.query<OutgoingEmailRow>(
    `UPDATE outgoing_emails SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL
      WHERE id = $1 AND status <> 'sent' RETURNING ${columns}`,
    [id],
  );
  return rows[0];
}

/** Back to the queue after a temporary failure, due again at `nextAttemptAt`. */
export async function markOutgoingRetry(
  tx: Queryable,
  id: string,
  error: string,
  nextAttemptAt: Date,
): Promise<void> {
  await tx.query(
    `UPDATE outgoing_emails SET status = 'queued', lease_until = NULL, last_error = $2, next_attempt_at = $3
      WHERE id = $1 AND status = 'sending'`,
    [id, error, nextAttemptAt],
  );
}

/** Gives up on a mail (from 'queued', 'sending' or, for a bounce, 'sent'), saying why. */
export async function markOutgoingFailed(
  tx: Queryable,
  id: string,
  error: string,
): Promise<OutgoingEmailRow | undefined> {
  const rows = await tx.query<OutgoingEmailRow>(
    `UPDATE outgoing_emails SET status = 'failed', lease_until = NULL, last_error = $2
      WHERE id = $1 AND status <> 'failed' RETURNING ${columns}`,
    [id, error],
  );
  return rows[0];
}

/**
 * Mail whose sender stopped mid-attempt (crash, kill): the lease ran out while it was 'sending' — or,
 * with `all`, every mail still 'sending' (at the start of the only process that can send, so none of
 * it can still be in flight).
 */
export async function lockAbandonedSending(
  tx: Queryable,
  limit: number,
  options: { all?: boolean } = {},
): Promise<OutgoingEmailRow[]> {
  return tx.query<OutgoingEmailRow>(
    `SELECT ${columns} FROM outgoing_emails WHERE status = 'sending' AND ($2 OR lease_until < now())
      ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit, options.all === true],
  );
}

/** The mail a bounce reports on: Heed's Message-ID, sent from this inbox. */
export async function findOutgoingByEmailMessageId(
  db: Queryable,
  inboxId: string,
  emailMessageId: string,
): Promise<OutgoingEmailRow | undefined> {
  const rows = await db.query<OutgoingEmailRow>(
    `SELECT ${columns} FROM outgoing_emails WHERE email_message_id = $1 AND inbox_id = $2`,
    [emailMessageId, inboxId],
  );
  return rows[0];
}

/** The mail carrying a reply, locked; for a retry asked by an agent. */
export async function lockOutgoingForMessage(
  tx: Queryable,
  messageId: string,
): Promise<OutgoingEmailRow | undefined> {
  const rows = await tx.query<OutgoingEmailRow>(
    `SELECT ${columns} FROM outgoing_emails WHERE message_id = $1 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [messageId],
  );
  return rows[0];
}

/** Queues a failed mail again, due now, with a fresh count of attempts. */
export async function requeueOutgoingEmail(tx: Queryable, id: string): Promise<void> {
  await tx.query(
    `UPDATE outgoing_emails SET status = 'queued', attempts = 0, next_attempt_at = now(), last_error = NULL
      WHERE id = $1 AND status = 'failed'`,
    [id],
  );
}

/** When the next queued mail is due (null when none is): the worker sleeps until then. */
export async function findNextOutgoingAttempt(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "SELECT min(next_attempt_at) AS at FROM outgoing_emails WHERE status = 'queued'",
  );
  return rows[0]?.at ?? null;
}

/** Acknowledgements this inbox sent to an address in the last hour and day, for the per-sender cap. */
export async function countRecentAcknowledgements(
  db: Queryable,
  inboxId: string,
  address: string,
): Promise<{ lastHour: number; lastDay: number }> {
  const rows = await db.query<{ last_hour: string | number; last_day: string | number }>(
    `SELECT count(*) FILTER (WHERE created_at >= now() - interval '1 hour') AS last_hour, count(*) AS last_day
       FROM outgoing_emails
      WHERE purpose = 'acknowledgement' AND inbox_id = $1 AND envelope_to = $2
        AND created_at >= now() - interval '1 day'`,
    [inboxId, address.toLowerCase()],
  );
  return { lastHour: Number(rows[0]?.last_hour ?? 0), lastDay: Number(rows[0]?.last_day ?? 0) };
}

/** The Message-IDs of a conversation's email messages, oldest first: the References of a reply. */
export async function findConversationEmailIds(
  db: Queryable,
  conversationId: string,
  excludeMessageId: string,
): Promise<{ email_message_id: string; kind: string }[]> {
  return db.query(
    `SELECT email_message_id, kind FROM messages
      WHERE conversation_id = $1 AND email_message_id IS NOT NULL AND id <> $2
        AND (kind = 'incoming' OR delivery_status = 'sent')
      ORDER BY created_at, id`,
    [conversationId, excludeMessageId],
  );
}

/** What composing a reply's mail needs: the reply, its author, the conversation and the inbox. */
export interface ReplyMailContextRow {
  body: string;
  created_at: Date;
  author_name: string | null;
  conversation_id: string;
  conversation_number: number;
  subject: string | null;
  inbox_name: string;
  inbox_address: string;
  customer_name: string | null;
}

export async function findReplyMailContext(
  db: Queryable,
  messageId: string,
): Promise<ReplyMailContextRow | undefined> {
  const rows = await db.query<ReplyMailContextRow>(
    `SELECT m.body, m.created_at, u.name AS author_name, c.id AS conversation_id, c.number AS conversation_number,
            c.subject, i.name AS inbox_name, i.address AS inbox_address, cu.name AS customer_name
       FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN users u ON u.id = m.author_user_id
      WHERE m.id = $1 AND i.address IS NOT NULL`,
    [messageId],
  );
  return rows[0];
}

/**
 * Gives queued replies that have no explanation yet the reason they wait (e.g. no outgoing mail server
 * is configured), so the conversation says why instead of "queued" forever.
 */
export async function explainWaitingReplies(db: Queryable, reason: string): Promise<void> {
  await db.query(
    `UPDATE messages SET delivery_error = $1
      WHERE delivery_error IS NULL AND delivery_status = 'pending'
        AND id IN (SELECT message_id FROM outgoing_emails
                    WHERE status = 'queued' AND message_id IS NOT NULL
                      AND inbox_id NOT IN (SELECT inbox_id FROM inbox_smtp))`,
    [reason],
  );
}

/** The address and inbox a reply in this conversation goes out from and to. */
export async function findReplyRoute(
  db: Queryable,
  conversationId: string,
): Promise<{ inbox_address: string | null; customer_email: string | null } | undefined> {
  const rows = await db.query<{ inbox_address: string | null; customer_email: string | null }>(
    `SELECT i.address AS inbox_address, cu.email AS customer_email
       FROM conversations c JOIN inboxes i ON i.id = c.inbox_id JOIN customers cu ON cu.id = c.customer_id
      WHERE c.id = $1`,
    [conversationId],
  );
  return rows[0];
}

/** What an acknowledgement needs to know about the inbox a new conversation arrived in. */
export interface AcknowledgementInboxRow {
  auto_acknowledge: boolean;
  name: string;
  address: string;
}

/**
 * Stops invitation mail to this address that has not left yet (the invitation was revoked or replaced:
 * its link no longer works). Returns how many were stopped.
 */
export async function cancelQueuedInvitationMail(
  tx: Queryable,
  workspaceId: string,
  email: string,
): Promise<number> {
  const rows = await tx.query(
    `UPDATE outgoing_emails SET status = 'failed', last_error = 'the invitation was revoked before it was sent'
      WHERE workspace_id = $1 AND purpose = 'invitation' AND status = 'queued' AND lower(envelope_to) = lower($2)
      RETURNING id`,
    [workspaceId, email],
  );
  return rows.length;
}

/** SLA alert mails queued to an address in the last hour (any workspace), for the per-recipient cap. */
export async function countRecentSlaAlertMails(db: Queryable, address: string): Promise<number> {
  const rows = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM outgoing_emails
      WHERE purpose = 'sla_alert' AND lower(envelope_to) = lower($1)
        AND created_at > now() - interval '1 hour'`,
    [address],
  );
  return Number(rows[0]?.n ?? 0);
}
