import type { Queryable } from "../db/types.js";
import type { NameCursor } from "../lib/name-cursor.js";

export interface SavedReplyFolderRow {
  id: string;
  workspace_id: string;
  name: string;
  starter_key: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = "f.id, f.workspace_id, f.name, f.starter_key, f.created_at, f.updated_at";

/**
 * The workspace's folders by name (case-insensitive), a page after `after` (the `sort_name` and id of
 * the last row of the previous page).
 */
export async function findSavedReplyFolders(
  db: Queryable,
  workspaceId: string,
  opts: { after?: NameCursor; limit: number },
): Promise<(SavedReplyFolderRow & { sort_name: string })[]> {
  return db.query<SavedReplyFolderRow & { sort_name: string }>(
    `SELECT ${columns}, lower(f.name) AS sort_name FROM saved_reply_folders f
      WHERE f.workspace_id = $1 AND ($2::text IS NULL OR (lower(f.name), f.id) > ($2::text, $3::uuid))
      ORDER BY lower(f.name), f.id
      LIMIT $4`,
    [workspaceId, opts.after?.name ?? null, opts.after?.id ?? null, opts.limit],
  );
}

/** One folder of the workspace, or undefined (also for another workspace's). */
export async function findSavedReplyFolder(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<SavedReplyFolderRow | undefined> {
  const rows = await db.query<SavedReplyFolderRow>(
    `SELECT ${columns} FROM saved_reply_folders f WHERE f.workspace_id = $1 AND f.id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/**
 * Inserts folders in one statement; a name taken in the workspace (case-insensitive) is skipped
 * without aborting the transaction, so the rows returned may be fewer.
 */
export async function insertSavedReplyFolders(
  tx: Queryable,
  workspaceId: string,
  folders: { id: string; name: string; starterKey: string | null }[],
): Promise<SavedReplyFolderRow[]> {
  if (folders.length === 0) return [];
  return tx.query<SavedReplyFolderRow>(
    `INSERT INTO saved_reply_folders AS f (id, workspace_id, name, starter_key)
     SELECT n.id, $1, n.name, n.starter_key
       FROM unnest($2::uuid[], $3::text[], $4::text[]) AS n (id, name, starter_key)
     ON CONFLICT (workspace_id, lower(name)) DO NOTHING
     RETURNING ${columns}`,
    [workspaceId, folders.map((f) => f.id), folders.map((f) => f.name), folders.map((f) => f.starterKey)],
  );
}

/** Renames a folder; undefined when not the workspace's. A taken name: unique violation 23505. */
export async function renameSavedReplyFolder(
  tx: Queryable,
  workspaceId: string,
  id: string,
  name: string,
): Promise<SavedReplyFolderRow | undefined> {
  const rows = await tx.query<SavedReplyFolderRow>(
    `UPDATE saved_reply_folders f SET name = $3, updated_at = now()
      WHERE f.workspace_id = $1 AND f.id = $2 RETURNING ${columns}`,
    [workspaceId, id, name],
  );
  return rows[0];
}

/** Deletes a folder (its replies keep existing, unfiled); undefined when not the workspace's. */
export async function deleteSavedReplyFolderRow(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<SavedReplyFolderRow | undefined> {
  const rows = await tx.query<SavedReplyFolderRow>(
    `DELETE FROM saved_reply_folders f WHERE f.workspace_id = $1 AND f.id = $2 RETURNING ${columns}`,
    [workspaceId, id],
  );
  return rows[0];
}
