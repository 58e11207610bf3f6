import type { Database } from "../db/types.js";
import { updateConversationFields } from "../models/conversations.js";
import { findNextFollowUpDueAt, lockDueFollowUps, markFollowUpsFired } from "../models/follow-ups.js";
import { followUpDueActivity } from "./follow-up-activities.js";
import { notifyUser } from "./notify-user.js";
import { recordActivity } from "./record-activity.js";
import { clocksOnStatusChange } from "./response-clocks.js";

const BATCH = 100;

/**
 * Fires follow-ups whose time has come: each is marked fired, its conversation reopened when it is not
 * open (pending, snoozed or resolved; a snooze time is cleared), an activity line "Follow-up due: note"
 * and `conversation.follow_up_due` are written, and the owner is notified (`follow_up_due`): the
 * assignee, or the follow-up's creator when nobody is assigned.
 *
 * The timers are rows, so follow-ups that fell due while Heed was down fire on the first pass after
 * start. One transaction per batch with SKIP LOCKED: several worker processes share the work and each
 * follow-up fires exactly once; a crash mid-batch rolls the whole batch back for the next pass. Returns
 * how many fired (at most 100 per call; the caller loops while it gets a full batch).
 */
export async function fireDueFollowUps(db: Database, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockDueFollowUps(tx, now, BATCH);
    if (due.length === 0) return 0;
    await markFollowUpsFired(
      tx,
      due.map((followUp) => followUp.id),
    );
    for (const followUp of due) {
      const from = followUp.conversation_status;
      let conversation = { id: followUp.conversation_id, workspace_id: followUp.workspace_id };
      if (from !== "open") {
        const reopened = await updateConversationFields(tx, followUp.conversation_id, { status: "open" });
        // Leaving pending resumes the resolution clock, as when an agent reopens it.
        await clocksOnStatusChange(tx, { ...reopened, status: from }, reopened, now, "heed");
        conversation = reopened;
      }
      const activity = await recordActivity(tx, conversation, null, followUpDueActivity(followUp, from));
      const ownerId = followUp.conversation_assignee_id ?? followUp.created_by;
      if (!ownerId) continue;
      await notifyUser(tx, {
        workspaceId: followUp.workspace_id,
        userId: ownerId,
        kind: "follow_up_due",
        conversationId: followUp.conversation_id,
        actorUserId: followUp.created_by,
        payload: {
          followUpId: followUp.id,
          dueAt: followUp.due_at.toISOString(),
          note: followUp.note,
          from,
          messageId: activity.id,
        },
      });
    }
    return due.length;
  });
}

/** When the next pending follow-up is due, or null when none is: how long the worker may sleep. */
export async function findNextFollowUpDue(db: Database): Promise<Date | null> {
  return findNextFollowUpDueAt(db);
}
