import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { countDueSoon, findFolderCounts } from "../models/folder-counts.js";
import type { InboxScope } from "../policies/inbox-policy.js";
import { presentFolders, type TFolders } from "../presenters/folder-presenter.js";
import { findInboxScope } from "./find-inbox-scope.js";

/**
 * The sidebar counts the actor sees (GET /folders and the live connection's `folders`), from counters.
 * A caller that knows the actor's inbox scope already (a live connection) passes it.
 */
export async function getFolders(db: Queryable, actor: Actor, known?: InboxScope): Promise<TFolders> {
  const scope = known ?? (await findInboxScope(db, actor));
  const inboxIds = scope.isAll ? null : scope.ids;
  const rows = await findFolderCounts(db, actor.workspaceId, actor.userId, inboxIds);
  return presentFolders(rows, scope.ids, await countDueSoon(db, actor.workspaceId, inboxIds));
}
