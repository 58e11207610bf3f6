import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { replaceTeamMembers } from "../models/team-members.js";
import { findTeamWithMembers, lockTeam, type TeamWithMembersRow } from "../models/teams.js";
import { authorizeManageTeams } from "../policies/team-policy.js";

/**
 * Makes the team's members exactly `userIds` (duplicates ignored). Throws 403 for agents, 404 for
 * another workspace's team, 400 naming `userIds.<index>` for an id that is not a user of this workspace
 * (a missing user and another workspace's user look the same).
 */
export async function setTeamMembers(
  db: Database,
  actor: Actor,
  teamId: string,
  userIds: string[],
): Promise<TeamWithMembersRow> {
  authorizeManageTeams(actor);
  const wanted = [...new Set(userIds.map((id) => id.toLowerCase()))];
  return db.transaction(async (tx) => {
    // The team's row lock makes concurrent member changes apply one after the other, never interleaved.
    if (!(await lockTeam(tx, actor.workspaceId, teamId))) throw notFound("Team");
    const result = await replaceTeamMembers(tx, actor.workspaceId, teamId, wanted);
    const unknown = result.unknownIds[0];
    if (unknown) {
      const index = userIds.findIndex((id) => id.toLowerCase() === unknown);
      throw invalid(`userIds.${index}`, "is not a user of this workspace");
    }
    if (result.added.length > 0 || result.removed.length > 0) {
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "team.members_changed",
        actorUserId: actor.userId,
        payload: { teamId, added: result.added, removed: result.removed },
      });
    }
    const team = await findTeamWithMembers(tx, actor.workspaceId, teamId);
    if (!team) throw notFound("Team");
    return team;
  });
}
