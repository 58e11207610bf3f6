import { isUniqueViolation } from "../db/errors.js";
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

/** A team with the ids of its members and leads, read in one query so presenters never query. */
export interface TeamWithMembersRow extends TeamRow {
  member_ids: string[];
  /** Members who take escalations (docs/assignment.md). */
  lead_ids: string[];
}

const withMembers = `SELECT t.id, t.workspace_id, t.name, t.created_at,
         coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.user_id IS NOT NULL), '{}') AS member_ids,
         coalesce(array_agg(m.user_id ORDER BY m.user_id) FILTER (WHERE m.is_lead), '{}') AS lead_ids
    FROM teams t LEFT JOIN team_members m ON m.team_id = t.id AND m.workspace_id = t.workspace_id`;

/** One page of the workspace's teams with their members, ordered by name then id. */
export async function findTeams(
  db: Queryable,
  workspaceId: string,
  opts: { limit: number; after?: { name: string; id: string } },
): Promise<TeamWithMembersRow[]> {
  return db.query<TeamWithMembersRow>(
    `${withMembers}
      WHERE t.workspace_id = $1 AND ($2::text IS NULL OR (lower(t.name), t.id) > (lower($2::text), $3::uuid))
      GROUP BY t.id
      ORDER BY lower(t.name), t.id LIMIT $4`,
    [workspaceId, opts.after?.name ?? null, opts.after?.id ?? null, opts.limit],
  );
}

/** One team of the workspace with its members, or undefined (also for another workspace's team). */
export async function findTeamWithMembers(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<TeamWithMembersRow | undefined> {
  const rows = await db.query<TeamWithMembersRow>(
    `${withMembers} WHERE t.workspace_id = $1 AND t.id = $2 GROUP BY t.id`,
    [workspaceId, id],
  );
  return rows[0];
}

/**
 * Locks one team of the workspace until the transaction ends (member changes are then applied one at a
 * time); undefined when there is no such team.
 */
export async function lockTeam(tx: Queryable, workspaceId: string, id: string): Promise<TeamRow | undefined> {
  const rows = await tx.query<TeamRow>(
    "SELECT id, workspace_id, name, created_at FROM teams WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
    [workspaceId, id],
  );
  return rows[0];
}

/** The team with this name (case-insensitive), other than `exceptId`; names are unique per workspace. */
export async function findTeamByName(
  db: Queryable,
  workspaceId: string,
  name: string,
  exceptId?: string,
): Promise<TeamRow | undefined> {
  const rows = await db.query<TeamRow>(
    `SELECT id, workspace_id, name, created_at FROM teams
      WHERE workspace_id = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3)`,
    [workspaceId, name, exceptId ?? null],
  );
  return rows[0];
}

/** Stores a new team (the unique index on the lower-cased name refuses a taken name). */
export async function insertTeam(
  tx: Queryable,
  team: { id: string; workspaceId: string; name: string },
): Promise<TeamRow> {
  const rows = await tx.query<TeamRow>(
    `INSERT INTO teams (id, workspace_id, name) VALUES ($1, $2, $3)
     RETURNING id, workspace_id, name, created_at`,
    [team.id, team.workspaceId, team.name],
  );
  return rows[0]!;
}

/** Renames a team of the workspace; undefined when there is no such team. */
export async function updateTeam(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: { name?: string },
): Promise<TeamRow | undefined> {
  const rows = await tx.query<TeamRow>(
    `UPDATE teams SET name = coalesce($3, name) WHERE workspace_id = $1 AND id = $2
     RETURNING id, workspace_id, name, created_at`,
    [workspaceId, id, patch.name ?? null],
  );
  return rows[0];
}

/** Deletes a team (its memberships go with it; conversations keep no team). False when there is none. */
export async function deleteTeam(tx: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await tx.query("DELETE FROM teams WHERE workspace_id = $1 AND id = $2 RETURNING id", [
    workspaceId,
    id,
  ]);
  return rows.length > 0;
}

/** True for PostgreSQL's unique violation on the team name index (two creators racing for one name). */
export const isTeamNameTaken = (error: unknown): boolean => isUniqueViolation(error, "teams_name_key");
