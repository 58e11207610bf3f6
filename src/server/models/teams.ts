import type { Queryable } from "../db/types.js";

export interface TeamRow {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Date;
}

/** One team of the workspace, or undefined (also for another workspace's team). */
export async function findTeam(db: Queryable, workspaceId: string, id: string): Promise<TeamRow | undefined> {
  const rows = await db.query<TeamRow>(
    "SELECT id, workspace_id, name, created_at FROM teams WHERE workspace_id = $1 AND id = $2",
    [workspaceId, id],
  );
  return rows[0];
}
