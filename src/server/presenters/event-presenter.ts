import { z } from "zod";
import type { EventRow } from "../models/events.js";

/** One event of the catch-up feed. */
export const ZEvent = z.object({
  id: z.number(),
  type: z.string(),
  conversationId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TEvent = z.infer<typeof ZEvent>;

/** An event row as the API shows it. */
export function presentEvent(row: EventRow): TEvent {
  return {
    id: Number(row.id),
    type: row.type,
    conversationId: row.conversation_id,
    actorUserId: row.actor_user_id,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
  };
}
