import { randomUUID } from "node:crypto";
import type { AppContext } from "../../src/server/context.js";
import { hashToken, newId, randomToken } from "../../src/server/lib/ids.js";
import {
  insertInvitation,
  type InvitationRole,
  type InvitationRow,
} from "../../src/server/models/invitations.js";
import { replaceTeamLeads, replaceTeamMembers } from "../../src/server/models/team-members.js";
import { insertTeam, type TeamRow } from "../../src/server/models/teams.js";
import { uniqueEmail } from "./factories.js";

/** A team of the workspace with a unique name and, optionally, members and leads (members too). */
export async function buildTeam(
  ctx: AppContext,
  workspaceId: string,
  overrides: { name?: string; memberIds?: string[]; leadIds?: string[] } = {},
): Promise<TeamRow> {
  return ctx.db.transaction(async (tx) => {
    const team = await insertTeam(tx, {
      id: newId(),
      workspaceId,
      name: overrides.name ?? `Team ${randomUUID().slice(0, 8)}`,
    });
    const members = [...new Set([...(overrides.memberIds ?? []), ...(overrides.leadIds ?? [])])];
    if (members.length) await replaceTeamMembers(tx, workspaceId, team.id, members);
    if (overrides.leadIds?.length) await replaceTeamLeads(tx, workspaceId, team.id, overrides.leadIds);
    return team;
  });
}

/**
 * An invitation of the workspace and its secret token. `expiresInHours` below zero makes an expired one;
 * `state` "accepted" or "revoked" makes one that can no longer be used.
 */
export async function buildInvitation(
  ctx: AppContext,
  workspaceId: string,
  overrides: {
    email?: string;
    role?: InvitationRole;
    name?: string;
    invitedBy?: string;
    expiresInHours?: number;
    state?: "pending" | "accepted" | "revoked";
  } = {},
): Promise<{ invitation: InvitationRow; token: string }> {
  const token = randomToken();
  const invitation = await insertInvitation(ctx.db, {
    id: newId(),
    workspaceId,
    email: overrides.email ?? uniqueEmail("invitee"),
    name: overrides.name ?? null,
    role: overrides.role ?? "agent",
    tokenHash: hashToken(token),
    invitedBy: overrides.invitedBy ?? null,
    expiresAt: new Date(Date.now() + (overrides.expiresInHours ?? 7 * 24) * 3600 * 1000),
  });
  if (overrides.state === "accepted" || overrides.state === "revoked") {
    const column = overrides.state === "accepted" ? "accepted_at" : "revoked_at";
    await ctx.db.query(`UPDATE invitations SET ${column} = now() WHERE id = $1`, [invitation.id]);
  }
  return { invitation, token };
}
