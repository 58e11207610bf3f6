import type { Queryable } from "../db/types.js";

/** An inbox's own outgoing mail server: what admins see (no secret) and the sealed URL for sending. */
export interface InboxSmtpRow {
  inbox_id: string;
  host: string;
  port: number;
  is_secure: boolean;
  username: string | null;
  updated_at: Date;
}

export interface InboxSmtpSecretRow extends InboxSmtpRow {
  url_sealed: string;
}

export interface InboxSmtpSettings {
  host: string;
  port: number;
  isSecure: boolean;
  username: string | null;
  urlSealed: string;
}

export async function upsertInboxSmtp(
  tx: Queryable,
  inbox: { id: string; workspaceId: string },
  settings: InboxSmtpSettings,
): Promise<void> {
  await tx.query(
    `INSERT INTO inbox_smtp (inbox_id, workspace_id, host, port, is_secure, username, url_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (inbox_id) DO UPDATE SET host = $3, port = $4, is_secure = $5, username = $6,
       url_sealed = $7, updated_at = now()`,
    [
      inbox.id,
      inbox.workspaceId,
      settings.host,
      settings.port,
      settings.isSecure,
      settings.username,
      settings.urlSealed,
    ],
  );
}

export async function deleteInboxSmtp(tx: Queryable, inboxId: string): Promise<void> {
  await tx.query("DELETE FROM inbox_smtp WHERE inbox_id = $1", [inboxId]);
}

/** The outgoing servers of these inboxes, without their secrets (for the inbox list). */
export async function findInboxSmtps(db: Queryable, inboxIds: string[]): Promise<InboxSmtpRow[]> {
  if (inboxIds.length === 0) return [];
  return db.query<InboxSmtpRow>(
    "SELECT inbox_id, host, port, is_secure, username, updated_at FROM inbox_smtp WHERE inbox_id = ANY($1::uuid[])",
    [inboxIds],
  );
}

/** Every inbox's own outgoing server with its sealed URL, for the worker's senders. */
export async function findInboxSmtpSecrets(db: Queryable): Promise<InboxSmtpSecretRow[]> {
  return db.query<InboxSmtpSecretRow>(
    "SELECT inbox_id, host, port, is_secure, username, updated_at, url_sealed FROM inbox_smtp",
  );
}
