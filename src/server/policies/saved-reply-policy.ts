import type { Actor } from "../context.js";
import { forbidden, notFound } from "../lib/errors.js";
import type { SavedReplyScope } from "../models/saved-replies.js";
import { isWorkspaceAdmin } from "./inbox-policy.js";

/**
 * Saved replies and macros follow one rule set ("scoped items"): a personal one belongs to its owner,
 * who alone sees, edits and deletes it (admins included: it is private); a shared one is seen by
 * everyone in the workspace and changed by owners and admins. Agents create personal ones only.
 */
export interface ScopedItem {
  scope: SavedReplyScope;
  owner_id: string | null;
}

/** What the actor may do with one saved reply or macro; sent with it. */
export interface ScopedAbilities {
  edit: boolean;
  delete: boolean;
}

type PolicyActor = Pick<Actor, "role" | "userId">;

/** Whether the actor sees the item at all; one they do not see answers 404 like a missing id. */
export const canSeeScopedItem = (actor: PolicyActor, item: ScopedItem): boolean =>
  item.scope === "shared" || item.owner_id === actor.userId;

export function scopedAbilities(actor: PolicyActor, item: ScopedItem): ScopedAbilities {
  const can = item.scope === "shared" ? isWorkspaceAdmin(actor) : item.owner_id === actor.userId;
  return { edit: can, delete: can };
}

/** Throws 404 unless the actor sees the item (what: "Saved reply", "Macro"). */
export function authorizeSeeScopedItem<T extends ScopedItem>(
  actor: PolicyActor,
  item: T | undefined,
  what: string,
): T {
  if (!item || !canSeeScopedItem(actor, item)) throw notFound(what);
  return item;
}

/** Throws 403 unless the actor may create an item of this scope (shared: owners and admins). */
export function authorizeCreateScopedItem(actor: PolicyActor, scope: SavedReplyScope): void {
  if (scope === "shared" && !isWorkspaceAdmin(actor))
    throw forbidden("Only owners and admins create shared ones; agents create personal ones");
}

/**
 * Throws 403 unless the actor may edit (or delete) the item and, when the scope changes, may own the
 * result: making an item shared needs owner or admin, and an item becomes personal only to the actor.
 */
export function authorizeChangeScopedItem(
  actor: PolicyActor,
  item: ScopedItem,
  action: "edit" | "delete",
  newScope?: SavedReplyScope,
): void {
  if (!scopedAbilities(actor, item)[action]) throw forbidden(`You may not ${action} this`);
  if (newScope && newScope !== item.scope) authorizeCreateScopedItem(actor, newScope);
}

/** Throws 403 unless the actor manages saved-reply folders (owners and admins). */
export function authorizeManageSavedReplyFolders(actor: Pick<Actor, "role">): void {
  if (!isWorkspaceAdmin(actor)) throw forbidden("Only owners and admins manage saved-reply folders");
}

/** Whether the actor manages saved-reply folders (the folder list says so). */
export const canManageSavedReplyFolders = (actor: Pick<Actor, "role">): boolean => isWorkspaceAdmin(actor);
