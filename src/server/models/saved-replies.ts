import type { Queryable } from "../db/types.js";

export type SavedReplyScope = "shared" | "personal";

export interface SavedReplyRow {
  id: string;
  workspace_id: string;
  scope: SavedReplyScope;
  /** The user a personal reply belongs to; null for shared ones. */
  owner_id: string | null;
  folder_id: string | null;
  title: string;
  shortcut: string | null;
  usage_count: number;
  last_used_at: Date | null;
  starter_key: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewSavedReply {
  id: string;
  scope: SavedReplyScope;
  ownerId: string | null;
  folderId: string | null;
  title: string;
  shortcut: string | null;
  starterKey: string | null;
  createdBy: string | null;
}

export const savedReplyColumns = `r.id, r.workspace_id, r.scope, r.owner_id, r.folder_id, r.title, r.shortcut,
  r.usage_count, r.last_used_at, r.starter_key, r.created_by, r.created_at, r.updated_at`;

/** One saved reply of the workspace (whoever owns it), or undefined; `lock` holds it for a change. */
export async function findSavedReply(
  db: Queryable,
  workspaceId: string,
  id: string,
  lock = false,
): Promise<SavedReplyRow | undefined> {
  const rows = await db.query<SavedReplyRow>(
    `SELECT ${savedReplyColumns} FROM saved_replies r WHERE r.workspace_id = $1 AND r.id = $2
     ${lock ? "FOR UPDATE" : ""}`,
    [workspaceId, id],
  );
  return rows[0];
}

/** Inserts saved replies in one statement (one for the API, a whole library when seeding). */
export async function insertSavedReplies(
  tx: Queryable,
  workspaceId: string,
  replies: NewSavedReply[],
): Promise<SavedReplyRow[]> {
  if (replies.length === 0) return [];
  return tx.query<SavedReplyRow>(
    `INSERT INTO saved_replies AS r (id, workspace_id, scope, owner_id, folder_id, title, shortcut, starter_key,
       created_by)
     SELECT n.id, $1, n.scope, n.owner_id, n.folder_id, n.title, n.shortcut, n.starter_key, n.created_by
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                   $9::uuid[]) WITH ORDINALITY
            AS n (id, scope, owner_id, folder_id, title, shortcut, starter_key, created_by, i)
      ORDER BY n.i
     RETURNING ${savedReplyColumns}`,
    [
      workspaceId,
      replies.map((r) => r.id),
      replies.map((r) => r.scope),
      replies.map((r) => r.ownerId),
      replies.map((r) => r.folderId),
      replies.map((r) => r.title),
      replies.map((r) => r.shortcut),
      replies.map((r) => r.starterKey),
      replies.map((r) => r.createdBy),
    ],
  );
}

/** The fields a change may set; undefined keeps a field. */
export interface SavedReplyPatch {
  scope?: SavedReplyScope;
  ownerId?: string | null;
  folderId?: string | null;
  title?: string;
  shortcut?: string | null;
}

/** Writes the changed fields of a saved reply (the caller found it in the workspace). */
export async function updateSavedReplyRow(
  tx: Queryable,
  id: string,
  patch: SavedReplyPatch,
): Promise<SavedReplyRow> {
  const rows = await tx.query<SavedReplyRow>(
    `UPDATE saved_replies r SET
       scope = coalesce($2, scope),
       owner_id = CASE WHEN $3 THEN $4::uuid ELSE owner_id END,
       folder_id = CASE WHEN $5 THEN $6::uuid ELSE folder_id END,
       title = coalesce($7, title),
       shortcut = CASE WHEN $8 THEN $9::text ELSE shortcut END,
       updated_at = now()
     WHERE r.id = $1
     RETURNING ${savedReplyColumns}`,
    [
      id,
      patch.scope ?? null,
      patch.ownerId !== undefined,
      patch.ownerId ?? null,
      patch.folderId !== undefined,
      patch.folderId ?? null,
      patch.title ?? null,
      patch.shortcut !== undefined,
      patch.shortcut ?? null,
    ],
  );
  return rows[0]!;
}

export async function deleteSavedReplyRow(tx: Queryable, id: string): Promise<void> {
  await tx.query("DELETE FROM saved_replies WHERE id = $1", [id]);
}

/**
 * Counts one use. A single UPDATE: the row lock serializes concurrent uses, so none is lost.
 */
export async function countSavedReplyUse(db: Queryable, id: string): Promise<void> {
  await db.query(
    "UPDATE saved_replies SET usage_count = usage_count + 1, last_used_at = now() WHERE id = $1",
    [id],
  );
}

/**
 * Rebuilds the search text of these replies from title, shortcut and every body: lower case, diacritics
 * removed by the same `heed_unaccent` the query goes through, so "narudzba" finds "Narudžba".
 */
export async function refreshSavedReplySearch(tx: Queryable, ids: string[]): Promise<void> {
  await tx.query(
    `UPDATE saved_replies r SET search_text = heed_unaccent(lower(concat_ws(' ', r.title, r.shortcut,
       (SELECT string_agg(v.body, ' ' ORDER BY v.lang) FROM saved_reply_variants v WHERE v.saved_reply_id = r.id))))
     WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * Serializes checks of one shortcut in the workspace until the transaction ends: a personal shortcut
 * must not equal a shared one, which no unique index can say.
 */
export async function lockShortcut(tx: Queryable, workspaceId: string, shortcut: string): Promise<void> {
  await tx.query(
    "SELECT pg_advisory_xact_lock(hashtext('saved_reply_shortcut:' || $1 || ':' || lower($2)))",
    [workspaceId, shortcut],
  );
}

/**
 * Whether the shortcut is taken among what the reply's viewers see: for a shared reply any reply of the
 * workspace, for a personal one the shared ones and the owner's own.
 */
export async function isShortcutTaken(
  db: Queryable,
  workspaceId: string,
  shortcut: string,
  reply: { scope: SavedReplyScope; ownerId: string | null; exceptId: string | null },
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM saved_replies
      WHERE workspace_id = $1 AND lower(shortcut) = lower($2) AND id IS DISTINCT FROM $3::uuid
        AND ($4 = 'shared' OR scope = 'shared' OR owner_id = $5::uuid)
      LIMIT 1`,
    [workspaceId, shortcut, reply.exceptId, reply.scope, reply.ownerId],
  );
  return rows.length > 0;
}

/** The shortcuts of the workspace, lower case (seeding leaves out starter shortcuts already taken). */
export async function findWorkspaceShortcuts(db: Queryable, workspaceId: string): Promise<Set<string>> {
  const rows = await db.query<{ shortcut: string }>(
    "SELECT lower(shortcut) AS shortcut FROM saved_replies WHERE workspace_id = $1 AND shortcut IS NOT NULL",
    [workspaceId],
  );
  return new Set(rows.map((row) => row.shortcut));
}
