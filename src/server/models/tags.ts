import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";

export interface TagRow {
  id: string;
  workspace_id: string;
  name: string;
  reason_group: string | null;
  created_at: Date;
}

const columns = "id, workspace_id, name, reason_group, created_at";

/** Every tag of the workspace, by name. */
export async function findTags(db: Queryable, workspaceId: string): Promise<TagRow[]> {
  return db.query<TagRow>(`SELECT ${columns} FROM tags WHERE workspace_id = $1 ORDER BY lower(name), id`, [
    workspaceId,
  ]);
}

/** Inserts a tag; undefined when the name (case-insensitive) is taken, without aborting the transaction. */
export async function insertTag(
  tx: Queryable,
  t: { id: string; workspaceId: string; name: string; reasonGroup: string | null },
): Promise<TagRow | undefined> {
  const rows = await tx.query<TagRow>(
    `INSERT INTO tags (id, workspace_id, name, reason_group) VALUES ($1, $2, $3, $4)
     ON CONFLICT (workspace_id, lower(name)) DO NOTHING RETURNING ${columns}`,
    [t.id, t.workspaceId, t.name, t.reasonGroup],
  );
  return rows[0];
}

/**
 * The tags with these names, creating the missing ones (names are case-insensitive: "Refund" finds
 * "refund"). Safe against a concurrent creation of the same name.
 */
export async function ensureTags(tx: Queryable, workspaceId: string, names: string[]): Promise<TagRow[]> {
  if (names.length === 0) return [];
  await tx.query(
    `INSERT INTO tags (id, workspace_id, name)
     SELECT id, $1, name FROM unnest($2::uuid[], $3::text[]) AS n(id, name)
     ON CONFLICT (workspace_id, lower(name)) DO NOTHING`,
    [workspaceId, names.map(() => newId()), names],
  );
  return tx.query<TagRow>(
    `SELECT ${columns} FROM tags WHERE workspace_id = $1 AND lower(name) = ANY($2::text[]) ORDER BY lower(name)`,
    [workspaceId, names.map((n) => n.toLowerCase())],
  );
}

/** Renames a tag or changes its reason group; undefined when not the workspace's. Name clash: 23505. */
export async function updateTag(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: { name?: string; reasonGroup?: string | null },
): Promise<TagRow | undefined> {
  const rows = await tx.query<TagRow>(
    `UPDATE tags SET name = coalesce($3, name),
            reason_group = CASE WHEN $4 THEN $5 ELSE reason_group END
      WHERE workspace_id = $1 AND id = $2 RETURNING ${columns}`,
    [workspaceId, id, patch.name ?? null, patch.reasonGroup !== undefined, patch.reasonGroup ?? null],
  );
  return rows[0];
}

/** Tag names of many conversations in one query, as (conversation_id, name) rows sorted by name. */
export async function findConversationTags(
  db: Queryable,
  conversationIds: string[],
): Promise<{ conversation_id: string; tag_id: string; name: string }[]> {
  if (conversationIds.length === 0) return [];
  return db.query<{ conversation_id: string; tag_id: string; name: string }>(
    `SELECT ct.conversation_id, t.id AS tag_id, t.name
       FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
      WHERE ct.conversation_id = ANY($1::uuid[])
      ORDER BY lower(t.name)`,
    [conversationIds],
  );
}

/** Makes `tagIds` the conversation's exact tag set. */
export async function replaceConversationTags(
  tx: Queryable,
  workspaceId: string,
  conversationId: string,
  tagIds: string[],
): Promise<void> {
  await tx.query(
    "DELETE FROM conversation_tags WHERE conversation_id = $1 AND NOT (tag_id = ANY($2::uuid[]))",
    [conversationId, tagIds],
  );
  await tx.query(
    `INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id)
     SELECT $1, $2, t FROM unnest($3::uuid[]) AS t ON CONFLICT DO NOTHING`,
    [workspaceId, conversationId, tagIds],
  );
}
