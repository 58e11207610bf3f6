import type { Database } from "../db/types.js";
import { findNextSnoozeWake, lockDueSnoozed, updateConversationFields } from "../models/conversations.js";
import { snoozeEndedActivity } from "./conversation-activities.js";
import { notifyUser } from "./notify-user.js";
import { recordActivity } from "./record-activity.js";

const BATCH = 100;

/**
 * Reopens conversations whose snooze time has come, each with an activity message and a
 * `conversation.unsnoozed` event, and tells the assignee (`snooze_ended`; nobody when unassigned: the
 * conversation is back in the shared Unassigned folder, which is notice enough). The state lives in the
 * database, so snoozes that fell due while Heed was down wake on the first pass after start. SKIP LOCKED
 * lets several worker processes share the work without waking one conversation twice. Returns how many
 * were woken (at most 100 per call; the caller loops).
 */
export async function wakeSnoozedConversations(db: Database, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockDueSnoozed(tx, now, BATCH);
    for (const conversation of due) {
      const woken = await updateConversationFields(tx, conversation.id, { status: "open" });
      const activity = await recordActivity(tx, woken, null, snoozeEndedActivity(conversation.snoozed_until));
      if (!woken.assignee_id) continue;
      await notifyUser(tx, {
        workspaceId: woken.workspace_id,
        userId: woken.assignee_id,
        kind: "snooze_ended",
        conversationId: woken.id,
        payload: { snoozedUntil: conversation.snoozed_until?.toISOString() ?? null, messageId: activity.id },
      });
    }
    return due.length;
  });
}

/** When the next snoozed conversation is due, or null when none is snoozed. */
export async function nextSnoozeWake(db: Database): Promise<Date | null> {
  return findNextSnoozeWake(db);
}
