import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import { hashToken, newId, randomToken } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import {
  insertInvitation,
  revokePendingInvitationsFor,
  type InvitationRole,
  type InvitationRow,
} from "../models/invitations.js";
import { findUserByEmail } from "../models/users.js";
import { authorizeInvite } from "../policies/user-policy.js";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** Who is invited, with which role; the name pre-fills the acceptance form. */
export interface InviteUserInput {
  email: string;
  role: InvitationRole;
  name?: string;
}

/**
 * Invites someone to the workspace. Returns the invitation and its secret token, which exists only in
 * this answer (the row keeps its hash), for the link `${publicUrl}/invite?token=…`. A new invitation
 * replaces the pending ones for the same email. Throws 403 per the policy (admins invite agents only),
 * 409 when a user with the email already exists (emails are unique across the install).
 */
export async function inviteUser(
  db: Database,
  actor: Actor,
  input: InviteUserInput,
): Promise<{ invitation: InvitationRow; token: string }> {
  authorizeInvite(actor, input.role);
  const email = input.email.trim();
  const token = randomToken();
  const invitation = await db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) throw conflict("A user with this email already exists");
    const replacedIds = await revokePendingInvitationsFor(tx, actor.workspaceId, email);
    const created = await insertInvitation(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      email,
      name: input.name?.trim() || null,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
    });
    // Never the token: events are readable by listeners and, later, by webhooks.
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "invitation.created",
      actorUserId: actor.userId,
      payload: { invitationId: created.id, email, role: created.role, replacedIds },
    });
    return created;
  });
  return { invitation, token };
}
