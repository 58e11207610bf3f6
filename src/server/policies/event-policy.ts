import type { TailEventRow } from "../models/event-feed.js";
import type { InboxScope } from "./inbox-policy.js";

export interface EventViewer {
  workspaceId: string;
  userId: string;
  /** null: every inbox of the workspace, including ones created later. */
  inboxIds: ReadonlySet<string> | null;
}

export const viewerScope = (scope: InboxScope): EventViewer["inboxIds"] =>
  scope.isAll ? null : new Set(scope.ids);

/**
 * Whether a user may receive an event live: the same rule as the catch-up feed's SQL
 * (models/event-feed.ts findVisibleEvents), so a reconnecting client gets exactly what it would have got
 * live. Conversation events only for conversations of inboxes the user sees (none once the conversation
 * is gone), inbox events only for those inboxes, other users' sign-ins and tokens never, and notification
 * events only to their recipient (`payload.userId`; never when it is missing).
 */
export function mayReceiveEvent(viewer: EventViewer, event: TailEventRow): boolean {
  if (event.workspace_id !== viewer.workspaceId) return false;
  if (event.conversation_id) {
    if (!event.conversation_exists || !event.conversation_inbox_id) return false;
    if (viewer.inboxIds && !viewer.inboxIds.has(event.conversation_inbox_id)) return false;
  }
  if (event.type.startsWith("inbox.") && viewer.inboxIds) {
    const inboxId = event.payload?.inboxId;
    if (typeof inboxId !== "string" || !viewer.inboxIds.has(inboxId)) return false;
  }
  if (event.type.startsWith("session.") || event.type.startsWith("api_token.")) {
    return event.actor_user_id === viewer.userId;
  }
  if (event.type.startsWith("notification.")) return event.payload?.userId === viewer.userId;
  return true;
}
