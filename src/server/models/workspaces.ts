import type { Queryable } from "../db/types.js";

export interface WorkspaceRow {
  id: string;
  name: string;
  time_zone: string;
  default_language: string;
  created_at: Date;
}

export async function insertWorkspace(
  db: Queryable,
  w: { id: string; name: string; defaultLanguage?: string },
) {
  const rows = await db.query<WorkspaceRow>(
    `INSERT INTO workspaces (id, name, default_language) VALUES ($1, $2, coalesce($3, 'en'))
     RETURNING id, name, time_zone, default_language, created_at`,
    [w.id, w.name, w.defaultLanguage ?? null],
  );
  return rows[0]!;
}

export async function findWorkspace(db: Queryable, id: string): Promise<WorkspaceRow | undefined> {
  const rows = await db.query<WorkspaceRow>(
    "SELECT id, name, time_zone, default_language, created_at FROM workspaces WHERE id = $1",
    [id],
  );
  return rows[0];
}

/**
 * Takes the next value of a per-workspace counter (conversation numbers). The row lock lasts until the
 * transaction ends, so numbers are gapless and unique even with many writers.
 */
export async function nextCounter(tx: Queryable, workspaceId: string, name: string): Promise<number> {
  const rows = await tx.query<{ value: number }>(
    `INSERT INTO workspace_counters (workspace_id, name, value) VALUES ($1, $2, 1)
     ON CONFLICT (workspace_id, name) DO UPDATE SET value = workspace_counters.value + 1
     RETURNING value`,
    [workspaceId, name],
  );
  return rows[0]!.value;
}
