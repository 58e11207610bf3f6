import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertNotification, type NotificationRow } from "../models/notifications.js";

export type { NotificationRow } from "../models/notifications.js";

export interface NotifyUserInput {
  workspaceId: string;
  /** The recipient: the only user who sees the notification or its event. */
  userId: string;
  /** "follow_up_due", "snooze_ended", "escalated", "sla_warning", "sla_breached", … */
  kind: string;
  conversationId: string | null;
  /** Who caused it; null or absent when Heed did (a timer fired). */
  actorUserId?: string | null;
  /** The facts the client needs to word it; no rendered text, since each reader has their own language. */
  payload?: Record<string, unknown>;
}

/**
 * Tells one user something, inside the caller's transaction: a `notifications` row and a
 * `notification.created` event that only the recipient receives (policies/event-policy.ts), so the bell
 * updates live and the notification exists exactly when the change that caused it does.
 *
 * The event carries no conversation id on purpose: it belongs to the recipient, not to the
 * conversation's timeline, and must not reach others who watch that conversation.
 */
export async function notifyUser(tx: Queryable, input: NotifyUserInput): Promise<NotificationRow> {
  const notification = await insertNotification(tx, {
    id: newId(),
    workspaceId: input.workspaceId,
    userId: input.userId,
    kind: input.kind,
    conversationId: input.conversationId,
    actorUserId: input.actorUserId ?? null,
    payload: input.payload ?? {},
  });
  await recordEvent(tx, {
    workspaceId: input.workspaceId,
    type: "notification.created",
    actorUserId: input.actorUserId ?? null,
    payload: { notificationId: notification.id, userId: input.userId, kind: input.kind },
  });
  return notification;
}
