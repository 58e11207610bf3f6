import type { Queryable } from "../db/types.js";

/**
 * Makes the team's members exactly `userIds`. Only users of the same workspace are added; the ids that
 * are not are returned (and nothing is written for them), so the caller can refuse the change.
 */
export async function replaceTeamMembers(
  tx: Queryable,
  workspaceId: string,
  teamId: string,
  userIds: string[],
): Promise<{ unknownIds: string[]; added: string[]; removed: string[] }> {
  const known = await tx.query<{ id: string }>(
    "SELECT id FROM users WHERE workspace_id = $1 AND id = ANY($2::uuid[])",
    [workspaceId, userIds],
  );
  const knownIds = new Set(known.map((row) => row.id));
  const unknownIds = userIds.filter((id) => !knownIds.has(id));
  if (unknownIds.length > 0) return { unknownIds, added: [], removed: [] };
  const removed = await tx.query<{ user_id: string }>(
    `DELETE FROM team_members WHERE workspace_id = $1 AND team_id = $2 AND NOT (user_id = ANY($3::uuid[]))
     RETURNING user_id`,
    [workspaceId, teamId, userIds],
  );
  const added = await tx.query<{ user_id: string }>(
    `INSERT INTO team_members (workspace_id, team_id, user_id)
     SELECT $1, $2, unnest($3::uuid[])
     ON CONFLICT (team_id, user_id) DO NOTHING RETURNING user_id`,
    [workspaceId, teamId, userIds],
  );
  return {
    unknownIds: [],
    added: added.map((row) => row.user_id),
    removed: removed.map((row) => row.user_id),
  };
}

/** The ids of the team's members. */
export async function findTeamMemberIds(
  db: Queryable,
  workspaceId: string,
  teamId: string,
): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    "SELECT user_id FROM team_members WHERE workspace_id = $1 AND team_id = $2 ORDER BY user_id",
    [workspaceId, teamId],
  );
  return rows.map((row) => row.user_id);
}

/**
 * Makes the team's leads exactly those of `leadIds` who are members (the caller checks that all are);
 * returns who became and who stopped being a lead.
 */
export async function replaceTeamLeads(
  tx: Queryable,
  workspaceId: string,
  teamId: string,
  leadIds: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const rows = await tx.query<{ user_id: string; is_lead: boolean }>(
    `UPDATE team_members SET is_lead = (user_id = ANY($3::uuid[]))
      WHERE workspace_id = $1 AND team_id = $2 AND is_lead <> (user_id = ANY($3::uuid[]))
      RETURNING user_id, is_lead`,
    [workspaceId, teamId, leadIds],
  );
  return {
    added: rows.filter((row) => row.is_lead).map((row) => row.user_id),
    removed: rows.filter((row) => !row.is_lead).map((row) => row.user_id),
  };
}
