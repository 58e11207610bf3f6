import type { Queryable } from "../db/types.js";

/** Invitations make admins or agents; owners come from promotion only. */
export type InvitationRole = "admin" | "agent";

/** A row of `invitations`, without its token hash (only lookups by token use it). */
export interface InvitationRow {
  id: string;
  workspace_id: string;
  email: string;
  name: string | null;
  role: InvitationRole;
  invited_by: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_user_id: string | null;
  revoked_at: Date | null;
  created_at: Date;
}

/** An invitation found by its token, with what the acceptance page shows about the workspace. */
export interface InvitationLookupRow extends InvitationRow {
  workspace_name: string;
}

const columns = `id, workspace_id, email, name, role, invited_by, expires_at, accepted_at, accepted_user_id,
  revoked_at, created_at`;

const joinedColumns = columns
  .split(",")
  .map((column) => `i.${column.trim()}`)
  .join(", ");

// An invitation can be used while it is neither accepted, revoked nor expired.
const isPending = "accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()";

/** Stores a new invitation; the caller hashes the token and chooses the expiry. */
export async function insertInvitation(
  tx: Queryable,
  inv: {
    id: string;
    workspaceId: string;
    email: string;
    name: string | null;
    role: InvitationRole;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  const rows = await tx.query<InvitationRow>(
    `INSERT INTO invitations (id, workspace_id, email, name, role, token_hash, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
    [inv.id, inv.workspaceId, inv.email, inv.name, inv.role, inv.tokenHash, inv.invitedBy, inv.expiresAt],
  );
  return rows[0]!;
}

/** One page of the workspace's pending invitations, newest first; `beforeId` is the previous page's last. */
export async function findPendingInvitations(
  db: Queryable,
  workspaceId: string,
  opts: { limit: number; beforeId?: string },
): Promise<InvitationRow[]> {
  return db.query<InvitationRow>(
    `SELECT ${columns} FROM invitations
      WHERE workspace_id = $1 AND ${isPending} AND ($2::uuid IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [workspaceId, opts.beforeId ?? null, opts.limit],
  );
}

/** A pending invitation of the workspace, or undefined (also when used, expired, revoked or foreign). */
export async function findPendingInvitation(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const rows = await db.query<InvitationRow>(
    `SELECT ${columns} FROM invitations WHERE workspace_id = $1 AND id = $2 AND ${isPending}`,
    [workspaceId, id],
  );
  return rows[0];
}

/** Revokes a pending invitation; undefined when it was not pending (already used, revoked or expired). */
export async function revokeInvitation(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const rows = await tx.query<InvitationRow>(
    `UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1 AND id = $2 AND ${isPending}
     RETURNING ${columns}`,
    [workspaceId, id],
  );
  return rows[0];
}

/** Revokes the workspace's pending invitations for an email (a new invitation replaces them). */
export async function revokePendingInvitationsFor(
  tx: Queryable,
  workspaceId: string,
  email: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE invitations SET revoked_at = now()
      WHERE workspace_id = $1 AND lower(email) = lower($2) AND ${isPending} RETURNING id`,
    [workspaceId, email],
  );
  return rows.map((row) => row.id);
}

/** The pending invitation for a token, with its workspace's name; undefined for any unusable token. */
export async function findPendingInvitationByToken(
  db: Queryable,
  tokenHash: string,
): Promise<InvitationLookupRow | undefined> {
  const rows = await db.query<InvitationLookupRow>(
    `SELECT ${joinedColumns}, w.name AS workspace_name
       FROM invitations i JOIN workspaces w ON w.id = i.workspace_id
      WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
    [tokenHash],
  );
  return rows[0];
}

/**
 * Marks the invitation for a token accepted and returns it; undefined unless it was pending. The
 * conditional UPDATE takes the row lock, so of two concurrent accepts the second waits, re-reads the row,
 * finds it accepted and gets undefined: an invitation is used at most once.
 */
export async function consumeInvitation(
  tx: Queryable,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const rows = await tx.query<InvitationRow>(
    `UPDATE invitations SET accepted_at = now() WHERE token_hash = $1 AND ${isPending} RETURNING ${columns}`,
    [tokenHash],
  );
  return rows[0];
}

/** Records which user an accepted invitation created. */
export async function setInvitationUser(tx: Queryable, id: string, userId: string): Promise<void> {
  await tx.query("UPDATE invitations SET accepted_user_id = $2 WHERE id = $1", [id, userId]);
}
