/**
 * The IMAP fetcher's writes to `inbox_imap` (the settings side is models/inbox-imap.ts). Every write of
 * a fetcher names its lease owner: a process that lost the lease (it froze, another took over) changes
 * nothing, and learns it from the answer.
 */
import type { Queryable } from "../db/types.js";
import type { ImapAfterFetch, ImapAuthMethod, ImapSecurity } from "./inbox-imap.js";

/** An enabled IMAP inbox as the fetchers' supervisor sees it. */
export interface ImapFetchTarget {
  inbox_id: string;
  settings_updated_at: Date;
  /** Nobody else holds a live lease on it: worth trying to take. */
  is_free: boolean;
}

/** Every enabled IMAP inbox, with its settings' version (a change makes the fetcher reconnect). */
export async function findImapFetchTargets(db: Queryable, owner: string): Promise<ImapFetchTarget[]> {
  return db.query<ImapFetchTarget>(
    `SELECT inbox_id, settings_updated_at,
            (lease_owner IS NULL OR lease_owner = $1 OR lease_expires_at < now()) AS is_free
       FROM inbox_imap WHERE is_enabled ORDER BY inbox_id`,
    [owner],
  );
}

/**
 * Takes the mailbox's lease for `ttlMs` when it is free, expired or already ours. Only the holder
 * fetches: with several worker processes on one database, each mailbox has one fetcher at a time.
 */
export async function acquireImapLease(
  db: Queryable,
  inboxId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE inbox_imap SET lease_owner = $2, lease_expires_at = now() + $3 * interval '1 millisecond'
      WHERE inbox_id = $1 AND is_enabled
        AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now())
      RETURNING 1`,
    [inboxId, owner, ttlMs],
  );
  return rows.length === 1;
}

/** Extends our lease (the fetcher's heartbeat); false when it is no longer ours. */
export async function renewImapLease(
  db: Queryable,
  inboxId: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE inbox_imap SET lease_expires_at = now() + $3 * interval '1 millisecond'
      WHERE inbox_id = $1 AND lease_owner = $2 RETURNING 1`,
    [inboxId, owner, ttlMs],
  );
  return rows.length === 1;
}

/** Gives the lease up (on stop), so another process may take the mailbox at once. */
export async function releaseImapLease(db: Queryable, inboxId: string, owner: string): Promise<void> {
  await db.query(
    `UPDATE inbox_imap SET lease_owner = NULL, lease_expires_at = NULL, fetch_started_at = NULL,
            progress_deadline = NULL
      WHERE inbox_id = $1 AND lease_owner = $2`,
    [inboxId, owner],
  );
}

/** Every process holding a lease now (their names: host, pid and a random part). */
export async function findImapLeaseOwners(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ lease_owner: string }>(
    "SELECT DISTINCT lease_owner FROM inbox_imap WHERE lease_owner IS NOT NULL",
  );
  return rows.map((row) => row.lease_owner);
}

/** Frees every lease of a process known to be gone. */
export async function releaseImapLeasesOf(db: Queryable, owner: string): Promise<void> {
  await db.query(
    `UPDATE inbox_imap SET lease_owner = NULL, lease_expires_at = NULL, fetch_started_at = NULL,
            progress_deadline = NULL
      WHERE lease_owner = $1`,
    [owner],
  );
}

/** What a fetcher needs to connect and resume: settings with the sealed secret, the inbox, the state. */
export interface ImapFetchSettings {
  inbox_id: string;
  workspace_id: string;
  address: string;
  host: string;
  port: number;
  security: ImapSecurity;
  username: string;
  auth_method: ImapAuthMethod;
  secret_sealed: string;
  mailbox: string;
  after_fetch: ImapAfterFetch;
  move_to: string | null;
  settings_updated_at: Date;
  uid_validity: number | null;
  last_uid: number;
}

/** The settings of a mailbox we hold the lease of (undefined when we do not, or it is disabled). */
export async function findImapFetchSettings(
  db: Queryable,
  inboxId: string,
  owner: string,
): Promise<ImapFetchSettings | undefined> {
  const rows = await db.query<ImapFetchSettings>(
    `SELECT x.inbox_id, x.workspace_id, i.address, x.host, x.port, x.security, x.username, x.auth_method,
            x.secret_sealed, x.mailbox, x.after_fetch, x.move_to, x.settings_updated_at, x.uid_validity,
            x.last_uid
       FROM inbox_imap x JOIN inboxes i ON i.id = x.inbox_id
      WHERE x.inbox_id = $1 AND x.lease_owner = $2 AND x.is_enabled`,
    [inboxId, owner],
  );
  return rows[0];
}

/**
 * Compares the mailbox's UIDVALIDITY with the stored one. The first time it is stored; when it differs
 * (the mailbox was recreated or restored) the UIDs start again from 0 and the change is recorded:
 * messages fetched again are the same bytes, which receiveEmail stores once. Returns the UID to resume
 * after, or undefined when the lease is no longer ours.
 */
export async function syncImapUidValidity(
  db: Queryable,
  inboxId: string,
  owner: string,
  uidValidity: number,
): Promise<{ lastUid: number; previous: number | null } | undefined> {
  const rows = await db.query<{ last_uid: number; previous: number | null }>(
    `UPDATE inbox_imap x SET
       uid_validity = $3,
       last_uid = CASE WHEN x.uid_validity = $3 THEN x.last_uid ELSE 0 END,
       uid_validity_changed_at = CASE WHEN x.uid_validity IS NOT NULL AND x.uid_validity <> $3
                                      THEN now() ELSE x.uid_validity_changed_at END
      FROM (SELECT uid_validity FROM inbox_imap WHERE inbox_id = $1 FOR UPDATE) old
     WHERE x.inbox_id = $1 AND x.lease_owner = $2
     RETURNING x.last_uid, old.uid_validity AS previous`,
    [inboxId, owner, uidValidity],
  );
  return rows[0] ? { lastUid: Number(rows[0].last_uid), previous: rows[0].previous } : undefined;
}

/** A fetch pass begins: it must make progress within `stuckMs`, or it counts as stuck. */
export async function startImapPass(
  db: Queryable,
  inboxId: string,
  owner: string,
  stuckMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE inbox_imap SET fetch_started_at = now(), progress_deadline = now() + $3 * interval '1 millisecond'
      WHERE inbox_id = $1 AND lease_owner = $2 RETURNING 1`,
    [inboxId, owner, stuckMs],
  );
  return rows.length === 1;
}

/**
 * Records that every message up to `uid` is stored (or deliberately skipped), and moves the progress
 * deadline. False when the lease or the mailbox generation (UIDVALIDITY, reset by new settings) is no
 * longer the one the fetcher started with: it must stop.
 */
export async function commitImapUid(
  db: Queryable,
  inboxId: string,
  owner: string,
  uidValidity: number,
  uid: number,
  stuckMs: number,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE inbox_imap SET last_uid = greatest(last_uid, $4),
            progress_deadline = now() + $5 * interval '1 millisecond'
      WHERE inbox_id = $1 AND lease_owner = $2 AND uid_validity = $3 RETURNING 1`,
    [inboxId, owner, uidValidity, uid, stuckMs],
  );
  return rows.length === 1;
}

/** A message left in the mailbox (too large): counted, with a note an admin can read. */
export async function recordImapSkipped(tx: Queryable, inboxId: string, note: string): Promise<void> {
  await tx.query(
    `UPDATE inbox_imap SET skipped_count = skipped_count + 1, last_skipped = $2, last_skipped_at = now()
      WHERE inbox_id = $1`,
    [inboxId, note],
  );
}

/** A pass fetched everything there was: the inbox is healthy again. */
export async function finishImapPass(db: Queryable, inboxId: string, owner: string): Promise<void> {
  await db.query(
    `UPDATE inbox_imap SET fetch_started_at = NULL, progress_deadline = NULL, last_success_at = now(),
            last_error_code = NULL, last_error = NULL, last_error_at = NULL, failing_since = NULL
      WHERE inbox_id = $1 AND lease_owner = $2`,
    [inboxId, owner],
  );
}

/** An attempt failed: the code and the server's words stay until a pass succeeds. */
export async function recordImapFailure(
  db: Queryable,
  inboxId: string,
  owner: string,
  code: string,
  message: string,
): Promise<void> {
  await db.query(
    `UPDATE inbox_imap SET fetch_started_at = NULL, progress_deadline = NULL, last_error_code = $3,
            last_error = $4, last_error_at = now(), failing_since = coalesce(failing_since, now())
      WHERE inbox_id = $1 AND lease_owner = $2`,
    [inboxId, owner, code, message],
  );
}
