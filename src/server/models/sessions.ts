import type { Queryable } from "../db/types.js";
import type { Role } from "./users.js";

export interface SessionActorRow {
  session_id: string;
  user_id: string;
  workspace_id: string;
  role: Role;
  name: string;
  last_seen_at: Date;
}

export const SESSION_DAYS = 30;

export async function insertSession(
  db: Queryable,
  s: { id: string; workspaceId: string; userId: string; tokenHash: string; userAgent?: string; ip?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id, workspace_id, user_id, token_hash, user_agent, ip, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))`,
    [s.id, s.workspaceId, s.userId, s.tokenHash, s.userAgent ?? null, s.ip ?? null, SESSION_DAYS],
  );
}

/** The live session for a cookie token, with its active user; expired sessions and disabled users fail. */
export async function findSessionActor(
  db: Queryable,
  tokenHash: string,
): Promise<SessionActorRow | undefined> {
  const rows = await db.query<SessionActorRow>(
    `SELECT s.id AS session_id, u.id AS user_id, u.workspace_id, u.role, u.name, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id AND u.workspace_id = s.workspace_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.is_active`,
    [tokenHash],
  );
  return rows[0];
}

/** Sliding expiry, written at most once a minute so reads don't turn into writes. */
export async function touchSession(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(days => $2)
      WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
    [id, SESSION_DAYS],
  );
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE id = $1", [id]);
}

export async function deleteUserSessions(db: Queryable, userId: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
}
