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
import { findWorkspace } from "../models/workspaces.js";
import { cancelQueuedInvitationMail, insertOutgoingEmail } from "../models/outgoing-emails.js";
import { composeMail, outgoingMessageId } from "../email/compose-mail.js";
import { emailText } from "../email/email-text.js";
import type { Queryable } from "../db/types.js";
import { authorizeInvite } from "../policies/user-policy.js";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** Who is invited, with which role; the name pre-fills the acceptance form. */
export interface InviteUserInput {
  email: string;
  role: InvitationRole;
  name?: string;
}

/** Where invitation mail comes from and where its link points. */
export interface InvitationMail {
  from: string;
  publicUrl: string;
}

/** The invitation link's address (the token only ever travels in it). */
export const invitationUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/invite?token=${encodeURIComponent(token)}`;

/**
 * Queues the invitation mail in the workspace's language, composed now (the token is known only
 * here), marked Auto-Submitted: auto-generated so auto-responders do not answer it.
 */
async function queueInvitationMail(
  tx: Queryable,
  actor: Actor,
  invitation: InvitationRow,
  token: string,
  mail: InvitationMail,
): Promise<void> {
  const workspace = await findWorkspace(tx, actor.workspaceId);
  const language = workspace?.default_language ?? "en";
  const params = {
    inviter: actor.name,
    workspace: workspace?.name ?? "Heed",
    role: emailText(language, `role.${invitation.role}`),
    url: invitationUrl(mail.publicUrl, token),
    days: INVITATION_DAYS,
  };
  const greeting = invitation.name
    ? emailText(language, "greetingNamed", { name: invitation.name })
    : emailText(language, "greeting");
  const id = newId();
  const emailMessageId = outgoingMessageId(`invitation.${id}`, mail.from);
  const raw = await composeMail({
    from: { name: params.workspace, address: mail.from },
    to: { name: invitation.name ?? "", address: invitation.email },
    subject: emailText(language, "invitation.subject", params),
    markdown: `${greeting}\n\n${emailText(language, "invitation.body", params)}`,
    messageId: emailMessageId,
    autoSubmitted: "auto-generated",
  });
  await insertOutgoingEmail(tx, {
    id,
    workspaceId: actor.workspaceId,
    inboxId: null,
    purpose: "invitation",
    envelopeTo: invitation.email,
    envelopeFrom: mail.from,
    emailMessageId,
    raw,
  });
}

/**
 * Invites someone to the workspace. Returns the invitation and its secret token, which exists only in
 * this answer (the row keeps its hash), for the link `${publicUrl}/invite?token=…`. A new invitation
 * replaces the pending ones for the same email. With `mail`, the link is also emailed to the invitee
 * (queued in the outbox in the same transaction). Throws 403 per the policy (admins invite agents only),
 * 409 when a user with the email already exists (emails are unique across the install).
 */
export async function inviteUser(
  db: Database,
  actor: Actor,
  input: InviteUserInput,
  options: { mail?: InvitationMail } = {},
): Promise<{ invitation: InvitationRow; token: string }> {
  authorizeInvite(actor, input.role);
  const email = input.email.trim();
  const token = randomToken();
  const invitation = await db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) throw conflict("A user with this email already exists");
    const replacedIds = await revokePendingInvitationsFor(tx, actor.workspaceId, email);
    // A replaced invitation's mail that has not left carries a dead link: it is not sent.
    if (replacedIds.length > 0) await cancelQueuedInvitationMail(tx, actor.workspaceId, email);
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
    if (options.mail) await queueInvitationMail(tx, actor, created, token, options.mail);
    return created;
  });
  return { invitation, token };
}
