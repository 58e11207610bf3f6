import type { Queryable } from "../db/types.js";
import type { UsageCursor } from "../lib/usage-cursor.js";
import type { ConversationStatus, Priority } from "./conversations.js";
import type { SavedReplyScope } from "./saved-replies.js";

/** What a macro does to a conversation; absent keys leave that part alone. */
export interface MacroActions {
  addTags?: string[];
  removeTags?: string[];
  status?: Exclude<ConversationStatus, "snoozed">;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  followUpInHours?: number;
}

export interface MacroRow {
  id: string;
  workspace_id: string;
  scope: SavedReplyScope;
  owner_id: string | null;
  name: string;
  saved_reply_id: string | null;
  actions: MacroActions;
  usage_count: number;
  last_used_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = `m.id, m.workspace_id, m.scope, m.owner_id, m.name, m.saved_reply_id, m.actions, m.usage_count,
  m.last_used_at, m.created_by, m.created_at, m.updated_at`;

/** The macros a user sees (shared and their own), most used first; keyset on (use count, id). */
export async function findMacros(
  db: Queryable,
  opts: { workspaceId: string; userId: string; after?: UsageCursor; limit: number },
): Promise<MacroRow[]> {
  return db.query<MacroRow>(
    `SELECT ${columns} FROM macros m
      WHERE m.workspace_id = $1 AND (m.scope = 'shared' OR m.owner_id = $2)
        AND ($3::int IS NULL OR m.usage_count < $3::int OR (m.usage_count = $3::int AND m.id > $4::uuid))
      ORDER BY m.usage_count DESC, m.id
      LIMIT $5`,
    [opts.workspaceId, opts.userId, opts.after?.usageCount ?? null, opts.after?.id ?? null, opts.limit],
  );
}

/** One macro of the workspace (whoever owns it), or undefined; `lock` holds it for a change. */
export async function findMacro(
  db: Queryable,
  workspaceId: string,
  id: string,
  lock = false,
): Promise<MacroRow | undefined> {
  const rows = await db.query<MacroRow>(
    `SELECT ${columns} FROM macros m WHERE m.workspace_id = $1 AND m.id = $2 ${lock ? "FOR UPDATE" : ""}`,
    [workspaceId, id],
  );
  return rows[0];
}

export async function insertMacro(
  tx: Queryable,
  m: {
    id: string;
    workspaceId: string;
    scope: SavedReplyScope;
    ownerId: string | null;
    name: string;
    savedReplyId: string | null;
    actions: MacroActions;
    createdBy: string;
  },
): Promise<MacroRow> {
  const rows = await tx.query<MacroRow>(
    `INSERT INTO macros AS m (id, workspace_id, scope, owner_id, name, saved_reply_id, actions, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING ${columns}`,
    [m.id, m.workspaceId, m.scope, m.ownerId, m.name, m.savedReplyId, JSON.stringify(m.actions), m.createdBy],
  );
  return rows[0]!;
}

/** Writes the changed fields; undefined keeps a field. The caller found the macro in the workspace. */
export async function updateMacroRow(
  tx: Queryable,
  id: string,
  patch: {
    scope?: SavedReplyScope;
    ownerId?: string | null;
    name?: string;
    savedReplyId?: string | null;
    actions?: MacroActions;
  },
): Promise<MacroRow> {
  const rows = await tx.query<MacroRow>(
    `UPDATE macros m SET
       scope = coalesce($2, scope),
       owner_id = CASE WHEN $3 THEN $4::uuid ELSE owner_id END,
       name = coalesce($5, name),
       saved_reply_id = CASE WHEN $6 THEN $7::uuid ELSE saved_reply_id END,
       actions = coalesce($8::jsonb, actions),
       updated_at = now()
     WHERE m.id = $1 RETURNING ${columns}`,
    [
      id,
      patch.scope ?? null,
      patch.ownerId !== undefined,
      patch.ownerId ?? null,
      patch.name ?? null,
      patch.savedReplyId !== undefined,
      patch.savedReplyId ?? null,
      patch.actions ? JSON.stringify(patch.actions) : null,
    ],
  );
  return rows[0]!;
}

export async function deleteMacroRow(tx: Queryable, id: string): Promise<void> {
  await tx.query("DELETE FROM macros WHERE id = $1", [id]);
}

/** Counts one use in a single UPDATE (the row lock serializes concurrent uses). */
export async function countMacroUse(tx: Queryable, id: string): Promise<void> {
  await tx.query("UPDATE macros SET usage_count = usage_count + 1, last_used_at = now() WHERE id = $1", [id]);
}
