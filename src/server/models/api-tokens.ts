import type { Queryable } from "../db/types.js";
import type { Role } from "./users.js";

export interface ApiTokenRow {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  token_prefix: string;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface TokenActorRow {
  token_id: string;
  user_id: string;
  workspace_id: string;
  role: Role;
  name: string;
  last_used_at: Date | null;
}

export async function insertApiToken(
  db: Queryable,
  t: {
    id: string;
    workspaceId: string;
    userId: string;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
  },
): Promise<ApiTokenRow> {
  const rows = await db.query<ApiTokenRow>(
    `INSERT INTO api_tokens (id, workspace_id, user_id, name, token_hash, token_prefix)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, workspace_id, user_id, name, token_prefix, last_used_at, revoked_at, created_at`,
    [t.id, t.workspaceId, t.userId, t.name, t.tokenHash, t.tokenPrefix],
  );
  return rows[0]!;
}

export async function findTokenActor(db: Queryable, tokenHash: string): Promise<TokenActorRow | undefined> {
  const rows = await db.query<TokenActorRow>(
    `SELECT t.id AS token_id, u.id AS user_id, u.workspace_id, u.role, u.name, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.workspace_id = t.workspace_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.is_active`,
    [tokenHash],
  );
  return rows[0];
}

export async function touchApiToken(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE api_tokens SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}

export async function findApiTokens(
  db: Queryable,
  workspaceId: string,
  userId: string,
): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(
    `SELECT id, workspace_id, user_id, name, token_prefix, last_used_at, revoked_at, created_at
       FROM api_tokens WHERE workspace_id = $1 AND user_id = $2 AND revoked_at IS NULL
      ORDER BY created_at DESC`,
    [workspaceId, userId],
  );
}

/** Revokes one of the user's tokens; false when there is no such live token of theirs. */
export async function revokeApiToken(
  db: Queryable,
  workspaceId: string,
  userId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE api_tokens SET revoked_at = now()
      WHERE workspace_id = $1 AND user_id = $2 AND id = $3 AND revoked_at IS NULL RETURNING id`,
    [workspaceId, userId, id],
  );
  return rows.length > 0;
}
