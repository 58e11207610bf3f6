import { z } from "zod";
import type { MessageViewRow } from "../models/messages.js";

/** Who wrote a message: an agent (user) or the customer. */
export const ZAuthor = z.object({
  type: z.enum(["user", "customer"]),
  id: z.string(),
  name: z.string().nullable(),
});

/** One entry of a conversation's timeline. */
export const ZMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(["incoming", "outgoing", "note", "activity"]),
  body: z.string(),
  author: ZAuthor.nullable(),
  /** Outgoing replies: 'pending' until the channel delivered them, then 'sent' or 'failed'. */
  deliveryStatus: z.enum(["pending", "sent", "failed"]).nullable(),
  /** Activity messages: what happened, structured, for clients to word in their own language. */
  meta: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number() })),
  createdAt: z.string(),
});
export type TMessage = z.infer<typeof ZMessage>;

/** A timeline entry. The author is the user or the customer who wrote it (null for Heed's own). */
export function presentMessage(row: MessageViewRow): TMessage {
  const author = row.author_user_id
    ? { type: "user" as const, id: row.author_user_id, name: row.author_user_name }
    : row.author_customer_id
      ? { type: "customer" as const, id: row.author_customer_id, name: row.author_customer_name }
      : null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind,
    body: row.body,
    author,
    deliveryStatus: row.delivery_status,
    meta: row.kind === "activity" ? row.meta : null,
    attachments: [],
    createdAt: row.created_at.toISOString(),
  };
}
