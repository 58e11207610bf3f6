import type { Queryable } from "../db/types.js";

export interface WorkspaceRow {
  id: string;
  name: string;
  time_zone: string;
  default_language: string;
  /** The workspace's own jargon terms the reply coach flags (migration 0024). */
  coach_jargon: string[];
  created_at: Date;
}

const columns = "id, name, time_zone, default_language, coach_jargon, created_at";

export async function insertWorkspace(
  db: Queryable,
  w: { id: string; name: string; defaultLanguage?: string },
) {
  const rows = await db.query<WorkspaceRow>(
    `INSERT INTO workspaces (id, name, default_language) VALUES ($1, $2, coalesce($3, 'en'))
     RETURNING ${columns}`,
    [w.id, w.name, w.defaultLanguage ?? null],
  );
  return rows[0]!;
}

export async function findWorkspace(db: Queryable, id: string): Promise<WorkspaceRow | undefined> {
  const rows = await db.query<WorkspaceRow>(`SELECT ${columns} FROM workspaces WHERE id = $1`, [id]);
  return rows[0];
}

/**
 * Takes the next value of a per-workspace counter (conversation numbers). The row lock lasts until the
 * transaction ends, so numbers are gapless and unique even with many writers.
 */
export async function nextCounter(tx: Queryable, workspaceId: string, name: string): Promise<number> {
  const rows = await tx.query<{ value: number }>(nextCounterSql("$1", "$2"), [workspaceId, name]);
  return rows[0]!.value;
}

/**
 * nextCounter's upsert over the given SQL values (`RETURNING value`), for a statement that takes a number
 * and uses it in the same round trip (insertConversation).
 */
export const nextCounterSql = (workspaceId: string, name: string): string =>
  `INSERT INTO workspace_counters (workspace_id, name, value) VALUES (${workspaceId}, ${name}, 1)
     ON CONFLICT (workspace_id, name) DO UPDATE SET value = workspace_counters.value + 1
     RETURNING value`;

/** Changes the workspace's settings; fields left undefined keep their value. */
export async function updateWorkspace(
  tx: Queryable,
  id: string,
  patch: { name?: string; timeZone?: string; defaultLanguage?: string; coachJargon?: string[] },
): Promise<WorkspaceRow | undefined> {
  const rows = await tx.query<WorkspaceRow>(
    `UPDATE workspaces SET
       name = coalesce($2, name),
       time_zone = coalesce($3, time_zone),
       default_language = coalesce($4, default_language),
       coach_jargon = coalesce($5::text[], coach_jargon),
       updated_at = now()
     WHERE id = $1
     RETURNING ${columns}`,
    [
      id,
      patch.name ?? null,
      patch.timeZone ?? null,
      patch.defaultLanguage ?? null,
      patch.coachJargon ?? null,
    ],
  );
  return rows[0];
}

/** True when the database can compute with this time zone (its tz data may differ from Node's). */
export async function isKnownTimeZone(db: Queryable, name: string): Promise<boolean> {
  try {
    await db.query("SELECT now() AT TIME ZONE $1", [name]);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "22023") return false;
    throw error;
  }
}
