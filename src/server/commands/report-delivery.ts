import type { Queryable } from "../db/types.js";
import { recordEvent } from "../models/events.js";
import { setMessageDelivery } from "../models/messages.js";
import type { OutgoingEmailRow } from "../models/outgoing-emails.js";

/** Records a reply's delivery state on its message, with an event so agents see it change. */
export async function reportDelivery(
  tx: Queryable,
  mail: OutgoingEmailRow,
  status: "pending" | "sent" | "failed",
  error: string | null,
): Promise<void> {
  if (!mail.message_id) return;
  await setMessageDelivery(tx, mail.message_id, status, error);
  await recordEvent(tx, {
    workspaceId: mail.workspace_id,
    conversationId: mail.conversation_id,
    type: "message.delivery_changed",
    payload: { messageId: mail.message_id, status, error, inboxId: mail.inbox_id },
  });
}
