import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { findPendingInvitation, revokeInvitation as revokeInvitationRow } from "../models/invitations.js";
import { cancelQueuedInvitationMail } from "../models/outgoing-emails.js";
import { authorizeRevokeInvitation, canManageInvitations } from "../policies/user-policy.js";

/**
 * Revokes a pending invitation: its link stops working at once. Throws 403 per the policy (admins revoke
 * agents' invitations only), 404 when there is no pending invitation with this id in the workspace.
 */
export async function revokeInvitation(db: Database, actor: Actor, invitationId: string): Promise<void> {
  if (!canManageInvitations(actor)) throw forbidden("Only owners and admins can revoke invitations");
  await db.transaction(async (tx) => {
    const invitation = await findPendingInvitation(tx, actor.workspaceId, invitationId);
    if (!invitation) throw notFound("Invitation");
    authorizeRevokeInvitation(actor, invitation);
    if (!(await revokeInvitationRow(tx, actor.workspaceId, invitationId))) throw notFound("Invitation");
    // Its mail, if still waiting in the outbox, is not sent: the link in it no longer works.
    await cancelQueuedInvitationMail(tx, actor.workspaceId, invitation.email);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "invitation.revoked",
      actorUserId: actor.userId,
      payload: { invitationId, email: invitation.email },
    });
  });
}
