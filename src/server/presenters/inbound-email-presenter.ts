import { z } from "zod";
import type { InboundEmailListRow } from "../models/inbound-emails.js";

/** A received email as admins review it (the raw bytes stay on the server). */
export const ZInboundEmail = z.object({
  id: z.string(),
  inboxId: z.string(),
  status: z.enum(["received", "processed", "quarantined", "ignored"]),
  /** Why it was quarantined or ignored. */
  problem: z.string().nullable(),
  envelopeFrom: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  size: z.number(),
  conversationId: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
export type TInboundEmail = z.infer<typeof ZInboundEmail>;

export function presentInboundEmail(row: InboundEmailListRow): TInboundEmail {
  return {
    id: row.id,
    inboxId: row.inbox_id,
    status: row.status,
    problem: row.problem,
    envelopeFrom: row.envelope_from,
    from: row.from_address,
    subject: row.subject,
    size: row.size,
    conversationId: row.conversation_id,
    receivedAt: row.received_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  };
}
