import { z } from "zod";
import type { FollowUpViewRow } from "../models/follow-ups.js";

/** A conversation's pending follow-up: when it is due, what to check, and who promised it. */
export const ZFollowUp = z.object({
  id: z.string(),
  conversationId: z.string(),
  dueAt: z.string(),
  note: z.string(),
  /** null once that user was deleted. */
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

export function presentFollowUp(row: FollowUpViewRow): TFollowUp {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    dueAt: row.due_at.toISOString(),
    note: row.note,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "" } : null,
    createdAt: row.created_at.toISOString(),
  };
}
