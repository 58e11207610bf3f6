import type { ConversationStatus } from "../models/conversations.js";
import type { FollowUpRow } from "../models/follow-ups.js";
import type { Activity } from "./record-activity.js";

const withNote = (sentence: string, note: string) => (note ? `${sentence}: ${note}` : sentence);

/** "Ana will follow up on 2025-05-02T08:00:00.000Z: check the replacement arrived". */
export function followUpSetActivity(
  actorName: string,
  followUp: FollowUpRow,
  replaced: FollowUpRow | undefined,
): Activity {
  const dueAt = followUp.due_at.toISOString();
  const previousDueAt = replaced?.due_at.toISOString() ?? null;
  return {
    body: withNote(`${actorName} will follow up on ${dueAt}`, followUp.note),
    meta: { action: "follow_up_set", dueAt, note: followUp.note, previousDueAt },
    event: {
      type: "conversation.follow_up_set",
      payload: { followUpId: followUp.id, dueAt, replacedFollowUpId: replaced?.id ?? null },
    },
  };
}

/** "Ana cancelled the follow-up on 2025-05-02T08:00:00.000Z". */
export function followUpCancelledActivity(actorName: string, followUp: FollowUpRow): Activity {
  const dueAt = followUp.due_at.toISOString();
  return {
    body: `${actorName} cancelled the follow-up on ${dueAt}`,
    meta: { action: "follow_up_cancelled", dueAt, note: followUp.note },
    event: { type: "conversation.follow_up_cancelled", payload: { followUpId: followUp.id, dueAt } },
  };
}

/**
 * Heed itself, when a follow-up's time came: "Follow-up due: check the replacement arrived". `from` is
 * the status before; the conversation is open afterwards either way.
 */
export function followUpDueActivity(followUp: FollowUpRow, from: ConversationStatus): Activity {
  const dueAt = followUp.due_at.toISOString();
  return {
    body: withNote("Follow-up due", followUp.note),
    meta: { action: "follow_up_due", dueAt, note: followUp.note, from, to: "open" },
    event: {
      type: "conversation.follow_up_due",
      payload: { followUpId: followUp.id, dueAt, from, to: "open", createdBy: followUp.created_by },
    },
  };
}
