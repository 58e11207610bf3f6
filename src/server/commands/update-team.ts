import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import {
  findTeamByName,
  isTeamNameTaken,
  lockTeam,
  updateTeam as updateTeamRow,
  type TeamRow,
} from "../models/teams.js";
import { authorizeManageTeams } from "../policies/team-policy.js";
import { teamNameTaken } from "./create-team.js";

/** Renames a team. Throws 403 for agents, 404 for another workspace's team, 409 when the name is taken. */
export async function updateTeam(
  db: Database,
  actor: Actor,
  teamId: string,
  change: { name?: string },
): Promise<TeamRow> {
  authorizeManageTeams(actor);
  try {
    return await db.transaction(async (tx) => {
      const team = await lockTeam(tx, actor.workspaceId, teamId);
      if (!team) throw notFound("Team");
      if (change.name === undefined || change.name === team.name) return team;
      if (await findTeamByName(tx, actor.workspaceId, change.name, teamId)) throw teamNameTaken();
      const updated = await updateTeamRow(tx, actor.workspaceId, teamId, { name: change.name });
      if (!updated) throw notFound("Team");
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "team.updated",
        actorUserId: actor.userId,
        payload: { teamId, changes: { name: { from: team.name, to: updated.name } } },
      });
      return updated;
    });
  } catch (error) {
    if (isTeamNameTaken(error)) throw teamNameTaken();
    throw error;
  }
}
