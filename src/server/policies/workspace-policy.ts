import { forbidden } from "../lib/errors.js";
import type { PolicyActor } from "./user-policy.js";

/** What the actor may do with the workspace's settings; everyone reads them. */
export interface WorkspaceAbilities {
  update: boolean;
}

/** Owners and admins change the workspace's settings. */
export const workspaceAbilities = (actor: PolicyActor): WorkspaceAbilities => ({
  update: actor.role === "owner" || actor.role === "admin",
});

/** Throws 403 unless the actor may change the workspace's settings (owners and admins). */
export function authorizeUpdateWorkspace(actor: PolicyActor): void {
  if (!workspaceAbilities(actor).update) throw forbidden("Only owners and admins can change the workspace");
}
