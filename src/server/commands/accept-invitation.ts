import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { hashToken } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { consumeInvitation, setInvitationUser } from "../models/invitations.js";
import type { UserRow } from "../models/users.js";
import { findWorkspace } from "../models/workspaces.js";
import { createUser } from "./create-user.js";

/** What the invitee types on the acceptance page, with the token from the link. */
export interface AcceptInvitationInput {
  token: string;
  name: string;
  password: string;
  language?: string;
}

/** The one answer for a token that is unknown, used, expired or revoked: none of them may be told apart. */
export const invitationNotFound = () => notFound("Invitation");

/**
 * Turns an invitation into a user with the invited email and role, at most once: the invitation is
 * marked accepted by a conditional UPDATE inside the same transaction, so a second accept (even a
 * concurrent one) finds nothing. The user's language is the one given, else the workspace's default.
 * Throws 404 for any unusable token and 409 when the email got an account meanwhile (the invitation
 * then stays pending).
 */
export async function acceptInvitation(db: Database, input: AcceptInvitationInput): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const invitation = await consumeInvitation(tx, hashToken(input.token));
    if (!invitation) throw invitationNotFound();
    const workspace = await findWorkspace(tx, invitation.workspace_id);
    const user = await createUser(tx, {
      workspaceId: invitation.workspace_id,
      email: invitation.email,
      name: input.name,
      role: invitation.role,
      password: input.password,
      language: input.language ?? workspace?.default_language,
      actorUserId: invitation.invited_by,
    });
    await setInvitationUser(tx, invitation.id, user.id);
    await recordEvent(tx, {
      workspaceId: invitation.workspace_id,
      type: "invitation.accepted",
      actorUserId: user.id,
      payload: { invitationId: invitation.id, userId: user.id, role: user.role },
    });
    return user;
  });
}
