import { forbidden } from "../lib/errors.js";
import type { PolicyActor } from "./user-policy.js";

/** What the actor may do with teams, sent with each team. Everyone reads teams. */
export interface TeamAbilities {
  update: boolean;
  delete: boolean;
}

/** Owners and admins create, rename, delete teams and set their members. */
export const canManageTeams = (actor: PolicyActor): boolean =>
  actor.role === "owner" || actor.role === "admin";

/** The team abilities sent with every team. */
export const teamAbilities = (actor: PolicyActor): TeamAbilities => {
  const manage = canManageTeams(actor);
  return { update: manage, delete: manage };
};

/** Throws 403 unless the actor may change teams. */
export function authorizeManageTeams(actor: PolicyActor): void {
  if (!canManageTeams(actor)) throw forbidden("Only owners and admins can manage teams");
}
