import type { Queryable } from "../db/types.js";

export interface HelpCenterRow {
  workspace_id: string;
  title: string | null;
  host: string | null;
  logo_image_id: string | null;
  primary_color: string;
  chat_inbox_id: string | null;
  content_version: number;
  created_at: Date;
  updated_at: Date;
  /** The workspace's name (the title when none is set) and default language. */
  workspace_name: string;
  default_language: "en" | "ru" | "hr" | "sk";
}

const columns = `h.workspace_id, h.title, h.host, h.logo_image_id, h.primary_color, h.chat_inbox_id,
  h.content_version, h.created_at, h.updated_at, w.name AS workspace_name, w.default_language`;

/** The workspace's help center settings; undefined before ensureHelpCenter created them. */
export async function findHelpCenter(db: Queryable, workspaceId: string): Promise<HelpCenterRow | undefined> {
  const rows = await db.query<HelpCenterRow>(
    `SELECT ${columns} FROM help_centers h JOIN workspaces w ON w.id = h.workspace_id
      WHERE h.workspace_id = $1`,
    [workspaceId],
  );
  return rows[0];
}

export async function hasHelpCenter(db: Queryable, workspaceId: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM help_centers WHERE workspace_id = $1", [workspaceId]);
  return rows.length > 0;
}

/**
 * Creates the help center row unless it exists; true when this call created it. A concurrent creator
 * waits on the primary key until the first commits, then inserts nothing.
 */
export async function insertHelpCenter(tx: Queryable, workspaceId: string): Promise<boolean> {
  const rows = await tx.query(
    "INSERT INTO help_centers (workspace_id) VALUES ($1) ON CONFLICT (workspace_id) DO NOTHING RETURNING 1",
    [workspaceId],
  );
  return rows.length > 0;
}

export interface HelpCenterPatch {
  title?: string | null;
  host?: string | null;
  primaryColor?: string;
  logoImageId?: string | null;
  chatInboxId?: string | null;
}

/** Changes the settings; fields left undefined keep their value. Host clash: 23505 help_centers_host_key. */
export async function updateHelpCenterRow(
  tx: Queryable,
  workspaceId: string,
  patch: HelpCenterPatch,
): Promise<void> {
  await tx.query(
    `UPDATE help_centers SET
       title = CASE WHEN $2 THEN $3 ELSE title END,
       host = CASE WHEN $4 THEN $5 ELSE host END,
       primary_color = coalesce($6, primary_color),
       logo_image_id = CASE WHEN $7 THEN $8::uuid ELSE logo_image_id END,
       chat_inbox_id = CASE WHEN $9 THEN $10::uuid ELSE chat_inbox_id END,
       updated_at = now()
     WHERE workspace_id = $1`,
    [
      workspaceId,
      patch.title !== undefined,
      patch.title ?? null,
      patch.host !== undefined,
      patch.host ?? null,
      patch.primaryColor ?? null,
      patch.logoImageId !== undefined,
      patch.logoImageId ?? null,
      patch.chatInboxId !== undefined,
      patch.chatInboxId ?? null,
    ],
  );
}

/**
 * Counts one more change that search must see and returns the new content version; the caller stamps
 * the changed translation rows with it (their `index_version`) in the same transaction. The row lock
 * orders concurrent changes, so a reader that saw version n has seen every row stamped n or lower.
 */
export async function bumpHelpContentVersion(tx: Queryable, workspaceId: string): Promise<number> {
  const rows = await tx.query<{ content_version: number }>(
    `UPDATE help_centers SET content_version = content_version + 1 WHERE workspace_id = $1
     RETURNING content_version`,
    [workspaceId],
  );
  if (!rows[0]) throw new Error(`workspace ${workspaceId} has no help center (call ensureHelpCenter first)`);
  return rows[0].content_version;
}

/**
 * Takes `count` consecutive values of a per-workspace counter at once (as nextCounter does one) and
 * returns the first: the starter content numbers its categories and articles in one round trip.
 */
export async function takeCounterRange(
  tx: Queryable,
  workspaceId: string,
  name: string,
  count: number,
): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    `INSERT INTO workspace_counters (workspace_id, name, value) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id, name) DO UPDATE SET value = workspace_counters.value + $3
     RETURNING value`,
    [workspaceId, name, count],
  );
  return rows[0]!.value - count + 1;
}
