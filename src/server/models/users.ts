import type { Queryable } from "../db/types.js";

export type Role = "owner" | "admin" | "agent";
/** What an agent says about taking work; only "online" agents are assigned automatically. */
export type Availability = "online" | "away" | "offline";

export interface UserRow {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  handle: string;
  role: Role;
  password_hash: string | null;
  language: "en" | "ru" | "hr" | "sk";
  is_active: boolean;
  availability: Availability;
  availability_changed_at: Date;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const columns = `id, workspace_id, email, name, handle, role, password_hash, language, is_active, availability,
  availability_changed_at, last_login_at, created_at, updated_at`;

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE lower(email) = lower($1)`, [
    email,
  ]);
  return rows[0];
}

/** One user of the workspace, or undefined (also when the id belongs to another workspace). */
export async function findUser(db: Queryable, workspaceId: string, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(`SELECT ${columns} FROM users WHERE workspace_id = $1 AND id = $2`, [
    workspaceId,
    id,
  ]);
  return rows[0];
}

export async function findUsers(db: Queryable, workspaceId: string): Promise<UserRow[]> {
  return db.query<UserRow>(`SELECT ${columns} FROM users WHERE workspace_id = $1 ORDER BY lower(name), id`, [
    workspaceId,
  ]);
}

export async function findUsersByHandles(
  db: Queryable,
  workspaceId: string,
  handles: string[],
): Promise<UserRow[]> {
  if (handles.length === 0) return [];
  return db.query<UserRow>(
    `SELECT ${columns} FROM users WHERE workspace_id = $1 AND is_active AND lower(handle) = ANY($2::text[])`,
    [workspaceId, handles.map((h) => h.toLowerCase())],
  );
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT count(*) AS n FROM users");
  return rows[0]?.n ?? 0;
}

export interface NewUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  handle: string;
  role: Role;
  passwordHash: string | null;
  language?: string;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<UserRow> {
  const rows = await db.query<UserRow>(
    `INSERT INTO users (id, workspace_id, email, name, handle, role, password_hash, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, 'en'))
     RETURNING ${columns}`,
    [
      user.id,
      user.workspaceId,
      user.email,
      user.name,
      user.handle,
      user.role,
      user.passwordHash,
      user.language ?? null,
    ],
  );
  return rows[0]!;
}

/** True when the handle is free in the workspace; used to derive a unique @handle from a name. */
export async function isHandleTaken(db: Queryable, workspaceId: string, handle: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM users WHERE workspace_id = $1 AND lower(handle) = lower($2)", [
    workspaceId,
    handle,
  ]);
  return rows.length > 0;
}

export async function updateUser(
  db: Queryable,
  workspaceId: string,
  id: string,
  patch: { role?: Role; name?: string; language?: string; isActive?: boolean },
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `UPDATE users SET
       role = coalesce($3, role),
       name = coalesce($4, name),
       language = coalesce($5, language),
       is_active = coalesce($6, is_active),
       updated_at = now()
     WHERE workspace_id = $1 AND id = $2
     RETURNING ${columns}`,
    [workspaceId, id, patch.role ?? null, patch.name ?? null, patch.language ?? null, patch.isActive ?? null],
  );
  return rows[0];
}

export async function markLogin(db: Queryable, id: string): Promise<void> {
  await db.query("UPDATE users SET last_login_at = now() WHERE id = $1", [id]);
}

/**
 * One page of the workspace's users (active and inactive), ordered by name then id. `after` is the
 * last row of the previous page; `isActive` narrows the list when given.
 */
export async function findUsersPage(
  db: Queryable,
  workspaceId: string,
  opts: { limit: number; after?: { name: string; id: string }; isActive?: boolean },
): Promise<UserRow[]> {
  return db.query<UserRow>(
    `SELECT ${columns} FROM users
      WHERE workspace_id = $1
        AND ($2::text IS NULL OR (lower(name), id) > (lower($2::text), $3::uuid))
        AND ($4::boolean IS NULL OR is_active = $4)
      ORDER BY lower(name), id LIMIT $5`,
    [workspaceId, opts.after?.name ?? null, opts.after?.id ?? null, opts.isActive ?? null, opts.limit],
  );
}

/**
 * Locks the workspace's active owners (in id order, so two callers never deadlock) and returns their
 * ids. Role and activation changes take this lock first, so two owners demoting each other at the same
 * moment cannot leave the workspace without an owner.
 */
export async function lockActiveOwners(tx: Queryable, workspaceId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE workspace_id = $1 AND role = 'owner' AND is_active ORDER BY id FOR UPDATE`,
    [workspaceId],
  );
  return rows.map((row) => row.id);
}

/** Replaces a user's password hash (the caller hashes). */
export async function updatePasswordHash(
  tx: Queryable,
  workspaceId: string,
  id: string,
  passwordHash: string,
): Promise<void> {
  await tx.query(
    "UPDATE users SET password_hash = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2",
    [workspaceId, id, passwordHash],
  );
}

/**
 * Sets a user's availability; the time it changed moves only when the value does (away reassignment
 * counts from it). Undefined when the user is not the workspace's.
 */
export async function updateAvailability(
  tx: Queryable,
  workspaceId: string,
  id: string,
  availability: Availability,
): Promise<UserRow | undefined> {
  const rows = await tx.query<UserRow>(
    `UPDATE users SET availability = $3,
       availability_changed_at = CASE WHEN availability = $3 THEN availability_changed_at ELSE now() END,
       updated_at = now()
     WHERE workspace_id = $1 AND id = $2
     RETURNING ${columns}`,
    [workspaceId, id, availability],
  );
  return rows[0];
}

/** Stamps when the assignment rule last gave the user a conversation (balanced mode's tie-break). */
export async function markAssigned(tx: Queryable, id: string): Promise<void> {
  // The wall clock, not the transaction's start: transactions waiting for the assignment lock stamp in
  // the order they assign, not the order they began.
  await tx.query("UPDATE users SET last_assigned_at = clock_timestamp() WHERE id = $1", [id]);
}
