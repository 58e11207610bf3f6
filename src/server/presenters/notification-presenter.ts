import { z } from "zod";
import type { NotificationListRow } from "../models/notifications.js";

/**
 * One notification of the signed-in user. `kind` and `payload` say what happened; clients word it in
 * their reader's language (kinds: follow_up_due, snooze_ended, escalated, sla_warning, sla_breached).
 */
export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  conversationId: z.string().nullable(),
  conversation: z.object({ id: z.string(), number: z.number(), subject: z.string().nullable() }).nullable(),
  /** Who caused it (e.g. who set the follow-up); null when Heed did, or that user is gone. */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  payload: z.record(z.string(), z.unknown()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export function presentNotification(row: NotificationListRow): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    conversationId: row.conversation_id,
    conversation:
      row.conversation_id && row.conversation_number !== null
        ? {
            id: row.conversation_id,
            number: Number(row.conversation_number),
            subject: row.conversation_subject,
          }
        : null,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? "" } : null,
    payload: row.payload,
    readAt: row.read_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
