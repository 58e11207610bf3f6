import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { findInboxAccess } from "../models/inboxes.js";
import { inboxScope, type InboxScope } from "../policies/inbox-policy.js";

/**
 * The inboxes the actor sees, for scoping every conversation query (list, search, counts, events).
 * One small query: a workspace has few inboxes.
 */
export async function findInboxScope(db: Queryable, actor: Actor): Promise<InboxScope> {
  return inboxScope(actor, await findInboxAccess(db, actor.workspaceId, actor.userId));
}
