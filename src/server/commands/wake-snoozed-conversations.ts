import type { Database } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";

/**
 * Reopens conversations whose snooze time has come, each with an activity message and an event.
 * SKIP LOCKED lets several worker processes share the work without waking one conversation twice.
 * Returns how many were woken (at most 100 per call; the caller loops).
 */
export async function wakeSnoozedConversations(db: Database, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string; workspace_id: string; snoozed_until: Date }>(
      `SELECT id, workspace_id, snoozed_until FROM conversations
        WHERE status = 'snoozed' AND snoozed_until <= $1
        ORDER BY snoozed_until LIMIT 100 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    for (const row of due) {
      await tx.query(
        `UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = now() WHERE id = $1`,
        [row.id],
      );
      await tx.query(
        `INSERT INTO messages (id, workspace_id, conversation_id, kind, body, meta)
         VALUES ($1, $2, $3, 'activity', $4, $5)`,
        [
          newId(),
          row.workspace_id,
          row.id,
          "Snooze ended: the conversation is open again",
          { action: "unsnoozed" },
        ],
      );
      await recordEvent(tx, {
        workspaceId: row.workspace_id,
        type: "conversation.unsnoozed",
        conversationId: row.id,
        payload: { snoozedUntil: row.snoozed_until.toISOString() },
      });
    }
    return due.length;
  });
}

/** When the next snoozed conversation is due, or null when none is snoozed. */
export async function nextSnoozeWake(db: Database): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "SELECT min(snoozed_until) AS at FROM conversations WHERE status = 'snoozed'",
  );
  return rows[0]?.at ?? null;
}
