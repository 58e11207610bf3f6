import { forbidden } from "../lib/errors.js";
import { invitableRoles, type PolicyActor } from "./user-policy.js";

/** What the actor may do with the workspace's settings; everyone reads them. */
export interface WorkspaceAbilities {
  update: boolean;
  /** The roles the actor may invite people with (empty: none). */
  inviteRoles: ("admin" | "agent")[];
}

/** Owners and admins change the workspace's settings; owners invite admins and agents, admins agents. */
export const workspaceAbilities = (actor: PolicyActor): WorkspaceAbilities => ({
  update: actor.role === "owner" || actor.role === "admin",
  inviteRoles: invitableRoles(actor),
});

/** Throws 403 unless the actor may change the workspace's settings (owners and admins). */
export function authorizeUpdateWorkspace(actor: PolicyActor): void {
  if (!workspaceAbilities(actor).update) throw forbidden("Only owners and admins can change the workspace");
}
