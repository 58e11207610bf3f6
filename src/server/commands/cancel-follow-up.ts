import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { lockConversation } from "../models/conversations.js";
import { cancelPendingFollowUp, type FollowUpRow } from "../models/follow-ups.js";
import { followUpCancelledActivity } from "./follow-up-activities.js";
import { recordActivity } from "./record-activity.js";

/**
 * Cancels the conversation's pending follow-up, with an activity line and
 * `conversation.follow_up_cancelled`. Without one (never set, already fired or cancelled) nothing is
 * written and undefined comes back: cancelling twice is not an error. Throws 404 for a conversation not
 * in the actor's workspace (callers check visibility first).
 */
export async function cancelFollowUp(
  db: Database,
  actor: Actor,
  conversationId: string,
): Promise<FollowUpRow | undefined> {
  return db.transaction(async (tx) => {
    const conversation = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!conversation) throw notFound("Conversation");
    const cancelled = await cancelPendingFollowUp(tx, conversation.id);
    if (cancelled) {
      await recordActivity(tx, conversation, actor, followUpCancelledActivity(actor.name, cancelled));
    }
    return cancelled;
  });
}
