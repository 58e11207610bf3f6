import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { lockConversation } from "../models/conversations.js";
import { cancelPendingFollowUp, insertFollowUp, type FollowUpRow } from "../models/follow-ups.js";
import { followUpSetActivity } from "./follow-up-activities.js";
import { recordActivity } from "./record-activity.js";

/** Longest note kept with a follow-up (the database checks it too). */
export const FOLLOW_UP_NOTE_MAX = 500;

export interface SetFollowUpInput {
  dueAt: Date;
  /** What to check when it is due ("Did the replacement arrive?"); trimmed, may be empty. */
  note?: string;
}

/**
 * "Follow up on <date>": a promise to look at the conversation again. A conversation has at most one
 * pending follow-up, so setting one replaces (cancels) the previous. Writes the follow-up, an activity
 * line "Ana will follow up on …: note" and `conversation.follow_up_set` in one transaction. The
 * conversation is locked first, the same order as every other change to it. Throws 404 for a
 * conversation not in the actor's workspace (callers check visibility first) and 400 `dueAt` unless the
 * time is in the future.
 */
export async function setFollowUp(
  db: Database,
  actor: Actor,
  conversationId: string,
  input: SetFollowUpInput,
  now: Date = new Date(),
): Promise<FollowUpRow> {
  if (input.dueAt.getTime() <= now.getTime()) throw invalid("dueAt", "must be in the future");
  const note = (input.note ?? "").trim();
  if (note.length > FOLLOW_UP_NOTE_MAX)
    throw invalid("note", `must be at most ${FOLLOW_UP_NOTE_MAX} characters`);
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!conversation) throw notFound("Conversation");
    const replaced = await cancelPendingFollowUp(tx, conversation.id);
    const followUp = await insertFollowUp(tx, {
      id: newId(),
      workspaceId: conversation.workspace_id,
      conversationId: conversation.id,
      dueAt: input.dueAt,
      note,
      createdBy: actor.userId,
    });
    await recordActivity(tx, conversation, actor, followUpSetActivity(actor.name, followUp, replaced));
    return followUp;
  });
}
