import type { Queryable } from "../db/types.js";

/** Records that a note mentions these users (each once). */
export async function insertMentions(
  tx: Queryable,
  m: { workspaceId: string; messageId: string; conversationId: string; userIds: string[] },
): Promise<void> {
  if (m.userIds.length === 0) return;
  await tx.query(
    `INSERT INTO mentions (workspace_id, message_id, conversation_id, user_id)
     SELECT $1, $2, $3, u FROM unnest($4::uuid[]) AS u ON CONFLICT DO NOTHING`,
    [m.workspaceId, m.messageId, m.conversationId, [...new Set(m.userIds)]],
  );
}
