import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { replaceTeamLeads, replaceTeamMembers } from "../models/team-members.js";
import { findTeamWithMembers, lockTeam, type TeamWithMembersRow } from "../models/teams.js";
import { authorizeManageTeams } from "../policies/team-policy.js";

/**
 * Makes the team's members exactly `userIds` (duplicates ignored) and, when `leadIds` is given, its leads
 * exactly those (without it, members who stay keep their lead flag). Throws 403 for agents, 404 for
 * another workspace's team, 400 naming `userIds.<index>` for an id that is not a user of this workspace
 * (a missing user and another workspace's user look the same) and `leadIds.<index>` for a lead who is not
 * in `userIds`.
 */
export async function setTeamMembers(
  db: Database,
  actor: Actor,
  teamId: string,
  userIds: string[],
  leadIds?: string[],
): Promise<TeamWithMembersRow> {
  authorizeManageTeams(actor);
  const wanted = [...new Set(userIds.map((id) => id.toLowerCase()))];
  const leads = leadIds?.map((id) => id.toLowerCase());
  const notMember = leads?.findIndex((id) => !wanted.includes(id)) ?? -1;
  if (notMember >= 0) throw invalid(`leadIds.${notMember}`, "is not one of userIds");
  return db.transaction(async (tx) => {
    // The team's row lock makes concurrent member changes apply one after the other, never interleaved.
    if (!(await lockTeam(tx, actor.workspaceId, teamId))) throw notFound("Team");
    const result = await replaceTeamMembers(tx, actor.workspaceId, teamId, wanted);
    const unknown = result.unknownIds[0];
    if (unknown) {
      const index = userIds.findIndex((id) => id.toLowerCase() === unknown);
      throw invalid(`userIds.${index}`, "is not a user of this workspace");
    }
    const leadChange = leads
      ? await replaceTeamLeads(tx, actor.workspaceId, teamId, leads)
      : { added: [], removed: [] };
    const changes = [result.added, result.removed, leadChange.added, leadChange.removed];
    if (changes.some((ids) => ids.length > 0)) {
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "team.members_changed",
        actorUserId: actor.userId,
        payload: {
          teamId,
          added: result.added,
          removed: result.removed,
          leadsAdded: leadChange.added,
          leadsRemoved: leadChange.removed,
        },
      });
    }
    const team = await findTeamWithMembers(tx, actor.workspaceId, teamId);
    if (!team) throw notFound("Team");
    return team;
  });
}
