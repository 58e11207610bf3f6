import type { Queryable } from "../db/types.js";

/** The nil uuid stands for "no assignee" / "no team" in folder_counts keys. */
export const NO_KEY = "00000000-0000-0000-0000-000000000000";

/** Counts of one (inbox, team, status) cell: all, assigned to the asking user, unassigned. */
export interface FolderCountRow {
  inbox_id: string;
  team_key: string;
  status: "open" | "pending" | "snoozed" | "resolved";
  total: number;
  mine: number;
  unassigned: number;
}

/**
 * The folder counters of the workspace, summed per (inbox, team, status), from the rows the triggers keep
 * up to date: a handful of rows however many conversations there are. `inboxIds` null means every inbox.
 */
export async function findFolderCounts(
  db: Queryable,
  workspaceId: string,
  userId: string,
  inboxIds: string[] | null,
): Promise<FolderCountRow[]> {
  return db.query<FolderCountRow>(
    `SELECT inbox_id, team_key, status,
            sum(count) AS total,
            coalesce(sum(count) FILTER (WHERE assignee_key = $2), 0) AS mine,
            coalesce(sum(count) FILTER (WHERE assignee_key = '${NO_KEY}'), 0) AS unassigned
       FROM folder_counts
      WHERE workspace_id = $1 AND count <> 0 AND ($3::uuid[] IS NULL OR inbox_id = ANY($3::uuid[]))
      GROUP BY inbox_id, team_key, status`,
    [workspaceId, userId, inboxIds],
  );
}

/**
 * How many conversations of the given inboxes (null: all) have an SLA deadline near or missed: the "due
 * soon" folder. Counted on the partial index of conversations with a running SLA clock, which holds only
 * the conversations being timed right now.
 */
export async function countDueSoon(
  db: Queryable,
  workspaceId: string,
  inboxIds: string[] | null,
): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations
      WHERE workspace_id = $1 AND sla_state IN ('warning', 'breached')
        AND ($2::uuid[] IS NULL OR inbox_id = ANY($2::uuid[]))`,
    [workspaceId, inboxIds],
  );
  return rows[0]!.n;
}
