import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { findTeamByName, insertTeam, isTeamNameTaken, type TeamRow } from "../models/teams.js";
import { authorizeManageTeams } from "../policies/team-policy.js";

/** The 409 for a team name already used in the workspace (names compare case-insensitively). */
export const teamNameTaken = () => conflict("A team with this name already exists");

/** Creates an empty team. Throws 403 for agents, 409 when the name is taken in the workspace. */
export async function createTeam(db: Database, actor: Actor, input: { name: string }): Promise<TeamRow> {
  authorizeManageTeams(actor);
  try {
    return await db.transaction(async (tx) => {
      if (await findTeamByName(tx, actor.workspaceId, input.name)) throw teamNameTaken();
      const team = await insertTeam(tx, { id: newId(), workspaceId: actor.workspaceId, name: input.name });
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "team.created",
        actorUserId: actor.userId,
        payload: { teamId: team.id, name: team.name },
      });
      return team;
    });
  } catch (error) {
    // Two creators racing past the check above: the unique index decides, and the loser gets the 409.
    if (isTeamNameTaken(error)) throw teamNameTaken();
    throw error;
  }
}
