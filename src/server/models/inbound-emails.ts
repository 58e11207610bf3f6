import type { Queryable } from "../db/types.js";
import { isoMicros } from "../db/keyset.js";
import { baseAddress } from "../email/reply-address.js";

export interface NewInboundEmail {
  id: string;
  workspaceId: string;
  inboxId: string;
  source: "smtp" | "imap";
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
  sha256: string;
}

/**
 * Stores received messages, each with its `email.received` event, in one statement (atomic on its
 * own: no transaction round trips, one commit for all). A message an inbox already holds with the very
 * same bytes is skipped, and gets no event. Returns the ids of the rows stored.
 */
export async function insertInboundEmailsWithEvents(
  db: Queryable,
  emails: NewInboundEmail[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const COLUMNS = 9;
  const values = emails
    .map((_, row) => `(${Array.from({ length: COLUMNS }, (_, i) => `$${row * COLUMNS + i + 1}`).join(", ")})`)
    .join(", ");
  const rows = await db.query<{ id: string }>(
    `WITH stored AS (
       INSERT INTO inbound_emails (id, workspace_id, inbox_id, source, envelope_from, envelope_to, raw, size, sha256)
       VALUES ${values}
       ON CONFLICT (inbox_id, sha256) DO NOTHING
       RETURNING id, workspace_id, inbox_id, size, source)
     INSERT INTO events (workspace_id, type, payload)
     SELECT workspace_id, 'email.received',
            jsonb_build_object('inboundEmailId', id, 'inboxId', inbox_id, 'size', size, 'source', source)
       FROM stored
     RETURNING payload->>'inboundEmailId' AS id`,
    emails.flatMap((email) => [
      email.id,
      email.workspaceId,
      email.inboxId,
      email.source,
      email.envelopeFrom,
      email.envelopeTo,
      email.raw,
      email.raw.length,
      email.sha256,
    ]),
  );
  return new Set(rows.map((row) => row.id));
}

export interface EmailInboxRow {
  id: string;
  workspace_id: string;
  address: string;
}

/**
 * The email inboxes receiving at any of these addresses, compared case-insensitively; a sub-address
 * (`help+c42-…@shop.example`, a signed reply address) reaches the inbox `help@shop.example`.
 */
export async function findEmailInboxesByAddress(
  db: Queryable,
  addresses: string[],
): Promise<EmailInboxRow[]> {
  if (addresses.length === 0) return [];
  const forms = new Set(addresses.flatMap((a) => [a.toLowerCase(), baseAddress(a)]));
  return db.query<EmailInboxRow>(
    `SELECT id, workspace_id, address FROM inboxes
      WHERE channel = 'email' AND lower(address) = ANY($1::text[])`,
    [[...forms]],
  );
}

export interface InboundEmailRow {
  id: string;
  workspace_id: string;
  inbox_id: string;
  /** The inbox's own address (signed reply addresses are sub-addresses of it). */
  inbox_address: string;
  inbox_name: string;
  /** Whether the inbox answers new conversations with an acknowledgement. */
  auto_acknowledge: boolean;
  envelope_to: string[];
  received_at: Date;
}

/** Most raw bytes one batch reads at once (the first message is always read, whatever its size). */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The oldest stored messages still waiting to become conversations, but those of `except` (taken
 * already), without their bytes (readRawEmails reads those): at most `limit`, and no more than
 * BATCH_BYTES of raw mail beyond the first.
 */
export async function findReceivedEmails(
  db: Queryable,
  limit: number,
  except: string[] = [],
): Promise<InboundEmailRow[]> {
  return db.query<InboundEmailRow>(
    `SELECT w.id, w.workspace_id, w.inbox_id, i.address AS inbox_address, i.name AS inbox_name, i.auto_acknowledge,
            w.envelope_to, w.received_at
       FROM (SELECT e.id, e.workspace_id, e.inbox_id, e.envelope_to, e.received_at, e.size,
                    sum(e.size) OVER (ORDER BY e.received_at, e.id) AS running
               FROM inbound_emails e WHERE e.status = 'received' AND e.id <> ALL($3::uuid[])
              ORDER BY e.received_at, e.id LIMIT $1) w
       JOIN inboxes i ON i.id = w.inbox_id
      WHERE w.running - w.size < $2
      ORDER BY w.received_at, w.id`,
    [limit, BATCH_BYTES, except],
  );
}

/** The stored bytes of these messages, by id. */
export async function readRawEmails(db: Queryable, ids: string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; raw: Buffer }>(
    "SELECT id, raw FROM inbound_emails WHERE id = ANY($1::uuid[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, Buffer.from(row.raw)]));
}

/**
 * Locks the stored messages of `ids` that still wait, for this transaction (skipping those another
 * process holds or has handled meanwhile, so each message is taken by one process once); returns their
 * ids.
 */
export async function claimReceivedEmails(tx: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>(
    "SELECT id FROM inbound_emails WHERE id = ANY($1::uuid[]) AND status = 'received' FOR UPDATE SKIP LOCKED",
    [ids],
  );
  return new Set(rows.map((row) => row.id));
}

export interface InboundEmailOutcome {
  id: string;
  status: "processed" | "quarantined" | "ignored";
  conversationId?: string | null;
  problem?: string | null;
  fromAddress?: string | null;
  subject?: string | null;
}

/**
 * Records what became of stored messages that were still waiting (a conversation's message, quarantine
 * or ignored, and why), in one statement; returns how many were.
 */
export async function markInboundEmails(tx: Queryable, outcomes: InboundEmailOutcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const rows = await tx.query<{ id: string }>(
    `UPDATE inbound_emails e SET status = u.status, conversation_id = u.conversation_id, problem = u.problem,
            from_address = u.from_address, subject = u.subject, processed_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
            AS u(id, status, conversation_id, problem, from_address, subject)
      WHERE e.id = u.id AND e.status = 'received'
      RETURNING e.id`,
    [
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.conversationId ?? null),
      outcomes.map((o) => o.problem ?? null),
      outcomes.map((o) => o.fromAddress ?? null),
      outcomes.map((o) => o.subject ?? null),
    ],
  );
  return rows.length;
}

export type InboundEmailStatus = "received" | "processed" | "quarantined" | "ignored";

export interface InboundEmailListRow {
  id: string;
  inbox_id: string;
  status: InboundEmailStatus;
  problem: string | null;
  envelope_from: string | null;
  from_address: string | null;
  subject: string | null;
  size: number;
  conversation_id: string | null;
  received_at: Date;
  processed_at: Date | null;
  cursor_at: string;
}

/**
 * A page of the workspace's received mail, newest first (keyset on received_at, id), optionally of one
 * status: what an admin reviews, above all the quarantine. The raw bytes are not read.
 */
export async function findInboundEmails(
  db: Queryable,
  workspaceId: string,
  page: { status?: InboundEmailStatus; limit: number; after?: { at: string; id: string } },
): Promise<InboundEmailListRow[]> {
  const params: unknown[] = [workspaceId, page.limit];
  const where = ["workspace_id = $1"];
  if (page.status) {
    params.push(page.status);
    where.push(`status = $${params.length}`);
  }
  if (page.after) {
    params.push(page.after.at, page.after.id);
    where.push(`(received_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return db.query<InboundEmailListRow>(
    `SELECT id, inbox_id, status, problem, envelope_from, from_address, subject, size, conversation_id,
            received_at, processed_at,
            ${isoMicros("received_at")} AS cursor_at
       FROM inbound_emails WHERE ${where.join(" AND ")}
      ORDER BY received_at DESC, id DESC LIMIT $2`,
    params,
  );
}

/** One received message's raw bytes, within the workspace (undefined for another workspace's id). */
export async function findInboundEmailRaw(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<{ raw: Buffer; received_at: Date } | undefined> {
  const rows = await db.query<{ raw: Buffer; received_at: Date }>(
    "SELECT raw, received_at FROM inbound_emails WHERE workspace_id = $1 AND id = $2",
    [workspaceId, id],
  );
  return rows[0] ? { raw: Buffer.from(rows[0].raw), received_at: rows[0].received_at } : undefined;
}

/**
 * Puts a quarantined or ignored message back in line for ingest (after a fix, or to let an ignored one
 * through); returns its previous status, or undefined when it is not the workspace's or not eligible.
 */
export async function requeueInboundEmail(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<{ inbox_id: string; previous: InboundEmailStatus } | undefined> {
  const rows = await tx.query<{ inbox_id: string; previous: InboundEmailStatus }>(
    `UPDATE inbound_emails e SET status = 'received', problem = NULL, processed_at = NULL
       FROM (SELECT id, status FROM inbound_emails WHERE workspace_id = $1 AND id = $2 FOR UPDATE) old
      WHERE e.id = old.id AND old.status IN ('quarantined', 'ignored')
      RETURNING e.inbox_id, old.status AS previous`,
    [workspaceId, id],
  );
  return rows[0];
}
