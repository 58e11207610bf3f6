import type { Database } from "../db/types.js";
import { recordEvent } from "../models/events.js";
import { markCustomerRead, markRepliesDelivered } from "../models/visitor-conversations.js";

interface ChatConversation {
  id: string;
  workspace_id: string;
  inbox_id: string;
}

/**
 * The visitor's widget showed these agent replies: they count as delivered (`sent`), so the agent sees
 * it and the email fallback for replies nobody received leaves them alone. Records `message.delivered`.
 */
export async function markChatRepliesDelivered(
  db: Database,
  conversation: ChatConversation,
  messageIds: string[],
): Promise<void> {
  if (messageIds.length === 0) return;
  await db.transaction(async (tx) => {
    const delivered = await markRepliesDelivered(tx, conversation.id, messageIds);
    if (delivered.length === 0) return;
    await recordEvent(tx, {
      workspaceId: conversation.workspace_id,
      conversationId: conversation.id,
      type: "message.delivered",
      payload: { messageIds: delivered, inboxId: conversation.inbox_id },
    });
  });
}

/** The visitor has read the conversation up to `at`: agents see their replies as read. */
export async function markChatRead(db: Database, conversation: ChatConversation, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await markCustomerRead(tx, conversation.id, at))) return;
    await recordEvent(tx, {
      workspaceId: conversation.workspace_id,
      conversationId: conversation.id,
      type: "conversation.read_by_customer",
      payload: { at: at.toISOString(), inboxId: conversation.inbox_id },
    });
  });
}
