import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { recordEvent } from "../models/events.js";
import { markNotificationsRead } from "../models/notifications.js";

/**
 * Marks the actor's own notifications read: the given ids, or every unread one when `ids` is null.
 * Ids of other users' notifications (or unknown ones) change nothing, without an error, so a stale list
 * in another tab is harmless. When anything changed, a `notification.read` event (only the actor
 * receives it) lets their other tabs update the bell. Returns how many changed.
 */
export async function readNotifications(db: Database, actor: Actor, ids: string[] | null): Promise<number> {
  return db.transaction(async (tx) => {
    const changed = await markNotificationsRead(tx, actor.userId, ids);
    if (changed.length === 0) return 0;
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "notification.read",
      actorUserId: actor.userId,
      payload: { userId: actor.userId, notificationIds: ids === null ? null : changed },
    });
    return changed.length;
  });
}
