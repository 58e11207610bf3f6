import type { Queryable } from "../db/types.js";
import type { ConversationRow } from "./conversations.js";

export type ReopenedBy = "customer" | "agent" | "heed";

/** A reporting row for a resolved conversation that came back, with who brought it back. */
export async function insertReopen(
  tx: Queryable,
  row: { id: string; conversation: ConversationRow; resolvedAt: Date | null; at: Date; by: ReopenedBy },
): Promise<void> {
  const c = row.conversation;
  await tx.query(
    `INSERT INTO conversation_reopens (id, workspace_id, conversation_id, reopened_at, reopened_by, resolved_at,
       inbox_id, team_id, assignee_id, channel, priority)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.id,
      c.workspace_id,
      c.id,
      row.at,
      row.by,
      row.resolvedAt,
      c.inbox_id,
      c.team_id,
      c.assignee_id,
      c.channel,
      c.priority,
    ],
  );
}
