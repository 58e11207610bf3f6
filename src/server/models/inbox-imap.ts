import type { Queryable } from "../db/types.js";

export type ImapSecurity = "tls" | "starttls" | "none";
export type ImapAuthMethod = "password" | "xoauth2";
export type ImapAfterFetch = "leave" | "seen" | "move";

/**
 * How an IMAP inbox is doing, worked out by the database's clock (so every process agrees):
 * `disabled`; `starting` (saved moments ago, no fetcher yet or no pass yet); `ok`; `failing` (the last
 * attempt failed: see the error); `stuck` (a fetch pass made no progress by its deadline); `not_running`
 * (no process holds the mailbox's lease, e.g. no worker runs).
 */
export type ImapFetchState = "disabled" | "starting" | "ok" | "failing" | "stuck" | "not_running";

/** What settings may go unfetched before a missing fetcher counts as a problem. */
const STARTING_GRACE = "interval '2 minutes'";

/** The fetch state in SQL, one definition for the settings API and /healthz. */
const fetchStateSql = `CASE
    WHEN NOT x.is_enabled THEN 'disabled'
    WHEN x.fetch_started_at IS NOT NULL AND x.progress_deadline < now() THEN 'stuck'
    WHEN x.last_error_at IS NOT NULL THEN 'failing'
    WHEN x.lease_expires_at IS NULL OR x.lease_expires_at < now() THEN
      CASE WHEN x.settings_updated_at > now() - ${STARTING_GRACE} THEN 'starting' ELSE 'not_running' END
    WHEN x.last_success_at IS NULL THEN 'starting'
    ELSE 'ok' END`;

/** An inbox's IMAP settings and fetch state as admins see them: everything but the sealed secret. */
export interface InboxImapRow {
  inbox_id: string;
  is_enabled: boolean;
  host: string;
  port: number;
  security: ImapSecurity;
  allow_insecure: boolean;
  username: string;
  auth_method: ImapAuthMethod;
  mailbox: string;
  after_fetch: ImapAfterFetch;
  move_to: string | null;
  settings_updated_at: Date;
  uid_validity: number | null;
  last_uid: number;
  uid_validity_changed_at: Date | null;
  fetch_started_at: Date | null;
  last_success_at: Date | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: Date | null;
  failing_since: Date | null;
  skipped_count: number;
  last_skipped: string | null;
  last_skipped_at: Date | null;
  fetch_state: ImapFetchState;
}

const columns = `x.inbox_id, x.is_enabled, x.host, x.port, x.security, x.allow_insecure, x.username,
  x.auth_method, x.mailbox, x.after_fetch, x.move_to, x.settings_updated_at, x.uid_validity, x.last_uid,
  x.uid_validity_changed_at, x.fetch_started_at, x.last_success_at, x.last_error_code, x.last_error,
  x.last_error_at, x.failing_since, x.skipped_count, x.last_skipped, x.last_skipped_at,
  ${fetchStateSql} AS fetch_state`;

/** The IMAP settings of these inboxes (those that have any), in one query. */
export async function findInboxImaps(db: Queryable, inboxIds: string[]): Promise<InboxImapRow[]> {
  if (inboxIds.length === 0) return [];
  return db.query<InboxImapRow>(`SELECT ${columns} FROM inbox_imap x WHERE x.inbox_id = ANY($1::uuid[])`, [
    inboxIds,
  ]);
}

/** The settings an admin may change, as stored (the secret sealed). */
export interface ImapSettings {
  isEnabled: boolean;
  host: string;
  port: number;
  security: ImapSecurity;
  allowInsecure: boolean;
  username: string;
  authMethod: ImapAuthMethod;
  secretSealed: string;
  mailbox: string;
  afterFetch: ImapAfterFetch;
  moveTo: string | null;
}

/** One inbox's stored settings with the sealed secret, locked for the transaction's update. */
export async function findImapSettingsForUpdate(
  tx: Queryable,
  inboxId: string,
): Promise<ImapSettings | undefined> {
  const rows = await tx.query<ImapSettings>(
    `SELECT is_enabled AS "isEnabled", host, port, security, allow_insecure AS "allowInsecure", username,
            auth_method AS "authMethod", secret_sealed AS "secretSealed", mailbox,
            after_fetch AS "afterFetch", move_to AS "moveTo"
       FROM inbox_imap WHERE inbox_id = $1 FOR UPDATE`,
    [inboxId],
  );
  return rows[0];
}

/**
 * Saves an inbox's IMAP settings. When `resetState` (another server, account or mailbox), the fetch
 * state starts over: the old UIDs mean nothing in the new mailbox. A running fetcher notices the new
 * `settings_updated_at` and reconnects.
 */
export async function upsertImapSettings(
  tx: Queryable,
  inbox: { id: string; workspaceId: string },
  s: ImapSettings,
  resetState: boolean,
): Promise<void> {
  await tx.query(
    `INSERT INTO inbox_imap (inbox_id, workspace_id, is_enabled, host, port, security, allow_insecure,
                             username, auth_method, secret_sealed, mailbox, after_fetch, move_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (inbox_id) DO UPDATE SET
       is_enabled = excluded.is_enabled, host = excluded.host, port = excluded.port,
       security = excluded.security, allow_insecure = excluded.allow_insecure,
       username = excluded.username, auth_method = excluded.auth_method,
       secret_sealed = excluded.secret_sealed, mailbox = excluded.mailbox,
       after_fetch = excluded.after_fetch, move_to = excluded.move_to,
       settings_updated_at = clock_timestamp(),
       -- new settings deserve a fresh verdict: the next attempt says whether they work
       last_error_code = NULL, last_error = NULL, last_error_at = NULL, failing_since = NULL,
       fetch_started_at = NULL, progress_deadline = NULL,
       uid_validity = CASE WHEN $14 THEN NULL ELSE inbox_imap.uid_validity END,
       last_uid = CASE WHEN $14 THEN 0 ELSE inbox_imap.last_uid END,
       last_success_at = CASE WHEN $14 THEN NULL ELSE inbox_imap.last_success_at END`,
    [
      inbox.id,
      inbox.workspaceId,
      s.isEnabled,
      s.host,
      s.port,
      s.security,
      s.allowInsecure,
      s.username,
      s.authMethod,
      s.secretSealed,
      s.mailbox,
      s.afterFetch,
      s.moveTo,
      resetState,
    ],
  );
}

/** Stops receiving by IMAP for the inbox (its settings and fetch state go). */
export async function deleteImapSettings(tx: Queryable, inboxId: string): Promise<void> {
  await tx.query("DELETE FROM inbox_imap WHERE inbox_id = $1", [inboxId]);
}

export interface ImapProblemRow {
  inbox_id: string;
  fetch_state: ImapFetchState;
  last_error_code: string | null;
  since: Date | null;
}

/** For /healthz: how many IMAP inboxes are enabled, and those failing, stuck or not fetched at all. */
export async function findImapProblems(
  db: Queryable,
): Promise<{ enabled: number; problems: ImapProblemRow[] }> {
  const rows = await db.query<ImapProblemRow & { is_enabled: boolean }>(
    `SELECT * FROM (
       SELECT x.inbox_id, x.is_enabled, ${fetchStateSql} AS fetch_state, x.last_error_code,
              CASE WHEN x.last_error_at IS NOT NULL THEN x.failing_since
                   WHEN x.fetch_started_at IS NOT NULL THEN x.progress_deadline
                   ELSE x.lease_expires_at END AS since
         FROM inbox_imap x WHERE x.is_enabled) s
      ORDER BY inbox_id`,
  );
  return {
    enabled: rows.length,
    problems: rows
      .filter((row) => ["failing", "stuck", "not_running"].includes(row.fetch_state))
      .map(({ inbox_id, fetch_state, last_error_code, since }) => ({
        inbox_id,
        fetch_state,
        last_error_code,
        since,
      })),
  };
}
