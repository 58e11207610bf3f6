import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { cleanNames } from "../lib/clean-names.js";
import { notFound } from "../lib/errors.js";
import {
  lockConversation,
  setOrderNumber,
  updateConversationFields,
  type ConversationRow,
} from "../models/conversations.js";
import {
  assignedActivity,
  orderNumberActivity,
  priorityActivity,
  statusActivity,
  tagsActivity,
  teamActivity,
} from "./conversation-activities.js";
import {
  namedTeam,
  namedUser,
  planConversationChange,
  replaceTagSet,
  type ConversationFieldsInput,
} from "./conversation-change.js";
import { recordActivity } from "./record-activity.js";
import { clocksOnAttributesChange, clocksOnStatusChange } from "./response-clocks.js";

export interface UpdateConversationInput extends ConversationFieldsInput {
  /** The complete tag list, by name; unknown names become new tags. */
  tags?: string[];
  /** The shop's order this conversation is about (null removes it); saved replies' `order.number`. */
  orderNumber?: string | null;
  /** When the change happened (imports, demo data): timeline entries and resolvedAt; now by default. */
  at?: Date;
}

/**
 * Changes status, assignee, team, priority, tags, snooze time or order number. Each actual change writes an activity
 * message and an event (`conversation.assigned`, `.team_changed`, `.status_changed`, `.priority_changed`,
 * `.tagged`, `.order_number_set`) in the same transaction; unchanged fields write nothing. Throws 404 for a conversation not in
 * the actor's workspace (callers check visibility first) and 400 naming the field for an assignee who
 * cannot see the inbox, a team of another workspace, or a snooze without a future time.
 */
export async function updateConversation(
  db: Database,
  actor: Actor,
  conversationId: string,
  input: UpdateConversationInput,
): Promise<ConversationRow> {
  return db.transaction(async (tx) => {
    const before = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!before) throw notFound("Conversation");
    const { patch, assignee, team } = await planConversationChange(tx, actor, before, input, new Date());

    const after =
      Object.keys(patch).length > 0
        ? await updateConversationFields(tx, conversationId, patch, input.at)
        : before;
    const name = actor.name;
    if (assignee !== undefined) {
      const previous = await namedUser(tx, actor.workspaceId, before.assignee_id);
      await recordActivity(tx, after, actor, assignedActivity(name, assignee, previous), input.at);
    }
    if (team !== undefined) {
      const previous = await namedTeam(tx, actor.workspaceId, before.team_id);
      await recordActivity(tx, after, actor, teamActivity(name, team, previous), input.at);
    }
    if (patch.status !== undefined || patch.snoozedUntil !== undefined) {
      await recordActivity(tx, after, actor, statusActivity(name, before, after), input.at);
    }
    if (patch.priority) {
      await recordActivity(
        tx,
        after,
        actor,
        priorityActivity(name, before.priority, patch.priority),
        input.at,
      );
    }
    const orderNumber = input.orderNumber === undefined ? undefined : input.orderNumber?.trim() || null;
    if (orderNumber !== undefined && orderNumber !== before.order_number) {
      await setOrderNumber(tx, before.id, orderNumber);
      after.order_number = orderNumber;
      await recordActivity(
        tx,
        after,
        actor,
        orderNumberActivity(name, before.order_number, orderNumber),
        input.at,
      );
    }
    let tagsChanged = false;
    if (input.tags) {
      const { added, removed } = await replaceTagSet(tx, actor.workspaceId, after, cleanNames(input.tags));
      tagsChanged = added.length > 0 || removed.length > 0;
      if (tagsChanged) await recordActivity(tx, after, actor, tagsActivity(name, added, removed), input.at);
    }
    const at = input.at ?? new Date();
    await clocksOnStatusChange(tx, before, after, at);
    if (patch.priority || tagsChanged) await clocksOnAttributesChange(tx, after, at);
    return after;
  });
}
