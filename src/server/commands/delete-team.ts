import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { deleteTeam as deleteTeamRow, lockTeam } from "../models/teams.js";
import { authorizeManageTeams } from "../policies/team-policy.js";

/**
 * Deletes a team and its memberships; its conversations keep their assignee and lose the team.
 * Throws 403 for agents, 404 for another workspace's team.
 */
export async function deleteTeam(db: Database, actor: Actor, teamId: string): Promise<void> {
  authorizeManageTeams(actor);
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, actor.workspaceId, teamId);
    if (!team || !(await deleteTeamRow(tx, actor.workspaceId, teamId))) throw notFound("Team");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "team.deleted",
      actorUserId: actor.userId,
      payload: { teamId, name: team.name },
    });
  });
}
