import type { Actor } from "../context.js";
import type { InboxAccessRow } from "../models/inboxes.js";

/** Owners and admins see and manage everything in their workspace. */
export const isWorkspaceAdmin = (actor: Pick<Actor, "role">): boolean =>
  actor.role === "owner" || actor.role === "admin";

/**
 * Whether a user sees an inbox (and so its conversations): owners and admins always; agents when the
 * inbox is open to all, or when they are one of its members.
 */
export function canSeeInbox(
  actor: Pick<Actor, "role">,
  inbox: Pick<InboxAccessRow, "access" | "is_member">,
): boolean {
  return isWorkspaceAdmin(actor) || inbox.access === "all" || inbox.is_member;
}

/** Creating inboxes, renaming them, changing who may see them: owners and admins only. */
export const canManageInboxes = (actor: Pick<Actor, "role">): boolean => isWorkspaceAdmin(actor);

/**
 * The inboxes a user sees. `isAll` is true when that is every inbox of the workspace, so queries can skip
 * the inbox filter; `ids` lists them either way.
 */
export interface InboxScope {
  isAll: boolean;
  ids: string[];
}

/** Applies `canSeeInbox` to every inbox of the workspace. */
export function inboxScope(actor: Pick<Actor, "role">, inboxes: InboxAccessRow[]): InboxScope {
  const ids = inboxes.filter((inbox) => canSeeInbox(actor, inbox)).map((inbox) => inbox.id);
  return { isAll: ids.length === inboxes.length, ids };
}

/** True when the scope includes the inbox. */
export const scopeIncludes = (scope: InboxScope, inboxId: string): boolean => scope.ids.includes(inboxId);
