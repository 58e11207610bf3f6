import { z } from "zod";
import type { AttachmentRow } from "../models/attachments.js";
import type { MessageViewRow } from "../models/messages.js";
import { presentAttachment, ZAttachment } from "./attachment-presenter.js";

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
  /** Why a reply failed, or why it still waits (e.g. "Retrying: …"); null when there is nothing to say. */
  deliveryError: z.string().nullable(),
  /** Activity messages: what happened, structured, for clients to word in their own language. */
  meta: z.record(z.string(), z.unknown()).nullable(),
  /** Files that came with it, inline images included (isInline). */
  attachments: z.array(ZAttachment),
  /** Email: sanitized HTML exists, shown in a sandboxed frame from GET /api/v1/messages/:id/html. */
  hasHtml: z.boolean(),
  /** Email: the HTML refers to remote images, blocked unless the frame is loaded with ?images=allow. */
  hasRemoteImages: z.boolean(),
  /** Customer messages: the language and mood read from the text; null for others. */
  language: z.enum(["en", "ru", "hr", "sk"]).nullable(),
  sentiment: z.enum(["negative", "neutral", "positive"]).nullable(),
  createdAt: z.string(),
});
export type TMessage = z.infer<typeof ZMessage>;

/**
 * A timeline entry. The author is the user or the customer who wrote it (null for Heed's own);
 * `attachments` are this message's (findAttachmentsOfMessages), in their order.
 */
export function presentMessage(row: MessageViewRow, attachments: AttachmentRow[] = []): TMessage {
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
    deliveryError: row.delivery_error,
    meta: row.kind === "activity" ? row.meta : null,
    attachments: attachments.map(presentAttachment),
    hasHtml: row.has_html,
    hasRemoteImages: row.has_html && row.has_remote_images,
    language: row.language,
    sentiment: row.sentiment,
    createdAt: row.created_at.toISOString(),
  };
}

/** Timeline entries with their attachments, read for the whole page at once (no query per message). */
export function presentMessages(rows: MessageViewRow[], attachments: AttachmentRow[]): TMessage[] {
  const byMessage = new Map<string | null, AttachmentRow[]>();
  for (const attachment of attachments) {
    const list = byMessage.get(attachment.message_id);
    if (list) list.push(attachment);
    else byMessage.set(attachment.message_id, [attachment]);
  }
  return rows.map((row) => presentMessage(row, byMessage.get(row.id) ?? []));
}
