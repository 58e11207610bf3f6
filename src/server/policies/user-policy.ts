import { conflict, forbidden } from "../lib/errors.js";
import type { InvitationRole } from "../models/invitations.js";
import type { Role } from "../models/users.js";

/** The part of an actor (or of a fresh user row) that decisions depend on. */
export interface PolicyActor {
  userId: string;
  role: Role;
}

/** The part of a user row that decisions depend on. */
export interface PolicyUser {
  id: string;
  role: Role;
  is_active: boolean;
}

/** What a user update asks for; a field equal to the current value is not a change. */
export interface UserChange {
  name?: string;
  language?: string;
  role?: Role;
  isActive?: boolean;
}

/** What the actor may do with one user, sent with the user so the UI never re-derives it. */
export interface UserAbilities {
  update: boolean;
  changeRole: boolean;
  deactivate: boolean;
}

const isSelf = (actor: PolicyActor, user: PolicyUser) => actor.userId === user.id;

/**
 * Rules, in one place:
 * - everyone edits their own name and language; nobody changes their own role or deactivates themselves;
 * - an owner edits, re-roles, deactivates and reactivates anyone else (owners included);
 * - an admin edits, deactivates and reactivates agents only, and changes no roles (granting or removing
 *   admin or owner is the owners' decision);
 * - an agent changes nobody but themselves.
 */
export function userAbilities(actor: PolicyActor, user: PolicyUser): UserAbilities {
  const self = isSelf(actor, user);
  const manages = actor.role === "owner" || (actor.role === "admin" && user.role === "agent");
  return {
    update: self || manages,
    changeRole: !self && actor.role === "owner",
    deactivate: !self && manages,
  };
}

/**
 * Throws 403 when the actor may not make this change to the user, and 409 when it would leave the
 * workspace without an active owner (`activeOwnerIds`: the workspace's active owners right now).
 */
export function authorizeUserChange(
  actor: PolicyActor,
  user: PolicyUser,
  change: UserChange,
  activeOwnerIds: readonly string[],
): void {
  const can = userAbilities(actor, user);
  const changesRole = change.role !== undefined && change.role !== user.role;
  const changesActive = change.isActive !== undefined && change.isActive !== user.is_active;
  if (changesRole && isSelf(actor, user)) throw forbidden("You cannot change your own role");
  if (changesRole && !can.changeRole) throw forbidden("Only an owner can change roles");
  if (changesActive && isSelf(actor, user)) throw forbidden("You cannot deactivate or reactivate yourself");
  if (changesActive && !can.deactivate) {
    throw forbidden(
      actor.role === "agent"
        ? "Only owners and admins can deactivate or reactivate users"
        : "Only an owner can deactivate or reactivate an admin or an owner",
    );
  }
  if ((change.name !== undefined || change.language !== undefined) && !can.update) {
    throw forbidden("You may only change your own profile");
  }
  const removesOwner =
    user.role === "owner" &&
    user.is_active &&
    ((changesRole && change.role !== "owner") || change.isActive === false);
  if (removesOwner && activeOwnerIds.filter((id) => id !== user.id).length === 0) {
    throw conflict("The workspace must keep at least one active owner");
  }
}

/** Owners and admins see and manage invitations. */
export const canManageInvitations = (actor: PolicyActor): boolean =>
  actor.role === "owner" || actor.role === "admin";

/** The roles the actor may invite people with: owners agents and admins, admins agents, agents none. */
export const invitableRoles = (actor: PolicyActor): InvitationRole[] =>
  !canManageInvitations(actor) ? [] : actor.role === "owner" ? ["agent", "admin"] : ["agent"];

/** Throws 403 unless the actor may invite someone with this role (admins invite agents only). */
export function authorizeInvite(actor: PolicyActor, role: InvitationRole): void {
  if (!canManageInvitations(actor)) throw forbidden("Only owners and admins can invite people");
  if (!invitableRoles(actor).includes(role)) throw forbidden("Only an owner can invite an admin");
}

/** Owners revoke any pending invitation, admins agents' invitations only. */
export const canRevokeInvitation = (actor: PolicyActor, invitation: { role: InvitationRole }): boolean =>
  actor.role === "owner" || (actor.role === "admin" && invitation.role === "agent");

/** Throws 403 unless the actor may revoke this invitation. */
export function authorizeRevokeInvitation(actor: PolicyActor, invitation: { role: InvitationRole }): void {
  if (!canRevokeInvitation(actor, invitation)) {
    throw forbidden(
      canManageInvitations(actor)
        ? "Only an owner can revoke an admin's invitation"
        : "Only owners and admins can revoke invitations",
    );
  }
}
