import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { cleanNames } from "../lib/clean-names.js";
import { forbidden, HttpError, invalid, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { lockConversation, updateConversationFields, type ConversationRow } from "../models/conversations.js";
import { cancelPendingFollowUp, insertFollowUp } from "../models/follow-ups.js";
import { countMacroUse, findMacro, type MacroActions, type MacroRow } from "../models/macros.js";
import { findSavedReplyVariants } from "../models/saved-reply-variants.js";
import { countSavedReplyUse, findSavedReply } from "../models/saved-replies.js";
import { findConversationTags } from "../models/tags.js";
import { canActOnConversation, type ConversationAction } from "../policies/conversation-policy.js";
import { authorizeSeeScopedItem, canSeeScopedItem } from "../policies/saved-reply-policy.js";
import { fillReply, type FilledReply } from "../saved-replies/fill-reply.js";
import { namedTeam, namedUser, planConversationChange, replaceTagSet } from "./conversation-change.js";
import { getConversation } from "./get-conversation.js";
import { macroAppliedActivity, type MacroChange } from "./macro-activities.js";
import { recordActivity } from "./record-activity.js";
import { clocksOnAttributesChange, clocksOnStatusChange } from "./response-clocks.js";

/** The conversation permissions a macro's actions need (policies/conversation-policy.ts). */
export function macroPermissions(actions: MacroActions): ConversationAction[] {
  const needs: [ConversationAction, unknown][] = [
    ["tag", actions.addTags ?? actions.removeTags],
    ["setStatus", actions.status],
    ["setPriority", actions.priority],
    ["assign", actions.assigneeId],
    ["setTeam", actions.teamId],
    ["followUp", actions.followUpInHours],
  ];
  return needs.filter(([, value]) => value !== undefined).map(([action]) => action);
}

/** A 400 of the shared checks, named as the macro's field (`assigneeId` → `actions.assigneeId`). */
function asActionError(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.statusCode !== 400) return error;
  const [detail] = (error.details as { field: string; message: string }[] | undefined) ?? [];
  return detail ? invalid(`actions.${detail.field}`, detail.message) : error;
}

/** Everything the macro changes, in one transaction with the conversation locked; the changes made. */
async function applyActions(
  tx: Queryable,
  actor: Actor,
  before: ConversationRow,
  macro: MacroRow,
  now: Date,
) {
  const { actions } = macro;
  const input = {
    status: actions.status,
    priority: actions.priority,
    assigneeId: actions.assigneeId,
    teamId: actions.teamId,
  };
  const plan = await planConversationChange(tx, actor, before, input, now).catch((error: unknown) => {
    throw asActionError(error);
  });
  const after = Object.keys(plan.patch).length
    ? await updateConversationFields(tx, before.id, plan.patch)
    : before;
  const changes: MacroChange[] = [];
  if (plan.patch.status) changes.push({ field: "status", from: before.status, to: after.status });
  if (plan.patch.priority) changes.push({ field: "priority", from: before.priority, to: after.priority });
  if (plan.assignee !== undefined) {
    const from = await namedUser(tx, actor.workspaceId, before.assignee_id);
    changes.push({ field: "assignee", from, to: plan.assignee });
  }
  if (plan.team !== undefined) {
    const from = await namedTeam(tx, actor.workspaceId, before.team_id);
    changes.push({ field: "team", from, to: plan.team });
  }
  let tagsChanged = false;
  if (actions.addTags || actions.removeTags) {
    const removing = new Set((actions.removeTags ?? []).map((name) => name.toLowerCase()));
    const kept = (await findConversationTags(tx, [before.id])).map((tag) => tag.name);
    const names = [...kept.filter((name) => !removing.has(name.toLowerCase())), ...(actions.addTags ?? [])];
    const { added, removed } = await replaceTagSet(tx, actor.workspaceId, after, cleanNames(names));
    tagsChanged = added.length > 0 || removed.length > 0;
    if (tagsChanged) changes.push({ field: "tags", added, removed });
  }
  if (actions.followUpInHours !== undefined) {
    // Replaces the pending follow-up, as PUT /conversations/:id/follow-up does; the macro's entry says so.
    const replaced = await cancelPendingFollowUp(tx, before.id);
    const dueAt = new Date(now.getTime() + actions.followUpInHours * 3_600_000);
    await insertFollowUp(tx, {
      id: newId(),
      workspaceId: before.workspace_id,
      conversationId: before.id,
      dueAt,
      note: "",
      createdBy: actor.userId,
    });
    changes.push({
      field: "followUp",
      dueAt: dueAt.toISOString(),
      previousDueAt: replaced?.due_at.toISOString() ?? null,
    });
  }
  await clocksOnStatusChange(tx, before, after, now);
  if (plan.patch.priority || tagsChanged) await clocksOnAttributesChange(tx, after, now);
  return { after, changes };
}

/**
 * Runs a macro on a conversation: every action in ONE transaction, then ONE activity message
 * (`meta.action = "macro_applied"` with the list of actual changes) and ONE event
 * (`conversation.macro_applied`); a macro that changes nothing writes neither. Counts a use of the macro
 * and of its saved reply, and returns that reply filled in for the conversation (null without one, or
 * when the actor does not see it) for the composer: the macro sends nothing. Throws 404 for a conversation
 * or macro the actor does not see, 403 when the actor may not take one of its actions, and 400
 * (`actions.assigneeId`, `actions.teamId`) when an action cannot apply here; then nothing changes.
 */
export async function applyMacro(
  db: Database,
  actor: Actor,
  conversationId: string,
  macroId: string,
  now = new Date(),
): Promise<{ reply: FilledReply | null }> {
  const conversation = await getConversation(db, actor, conversationId);
  const macro = authorizeSeeScopedItem(actor, await findMacro(db, actor.workspaceId, macroId), "Macro");
  if (macroPermissions(macro.actions).some((action) => !canActOnConversation(actor, action, conversation)))
    throw forbidden("You may not take every action of this macro here");
  const found = macro.saved_reply_id
    ? await findSavedReply(db, actor.workspaceId, macro.saved_reply_id)
    : undefined;
  const savedReply = found && canSeeScopedItem(actor, found) ? found : null;

  await db.transaction(async (tx) => {
    const before = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!before) throw notFound("Conversation");
    const { after, changes } = await applyActions(tx, actor, before, macro, now);
    if (changes.length)
      await recordActivity(
        tx,
        after,
        actor,
        macroAppliedActivity(actor.name, macro, changes, savedReply?.id ?? null),
      );
    await countMacroUse(tx, macro.id);
    if (savedReply) await countSavedReplyUse(tx, savedReply.id);
  });
  if (!savedReply) return { reply: null };
  const variants = await findSavedReplyVariants(db, [savedReply.id]);
  return { reply: await fillReply(db, actor, conversationId, variants) };
}
