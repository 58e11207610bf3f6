import type { Actor } from "../context.js";
import type { Database, Queryable } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import {
  lockConversation,
  updateConversationFields,
  type ConversationPatch,
  type ConversationRow,
  type ConversationStatus,
  type Priority,
} from "../models/conversations.js";
import { findInbox, isInboxMember } from "../models/inboxes.js";
import { ensureTags, findConversationTags, replaceConversationTags } from "../models/tags.js";
import { findTeam } from "../models/teams.js";
import { findUser } from "../models/users.js";
import { canSeeInbox } from "../policies/inbox-policy.js";
import {
  assignedActivity,
  priorityActivity,
  statusActivity,
  tagsActivity,
  teamActivity,
} from "./conversation-activities.js";
import { recordActivity } from "./record-activity.js";
import { clocksOnAttributesChange, clocksOnStatusChange } from "./response-clocks.js";

export interface UpdateConversationInput {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  /** The complete tag list, by name; unknown names become new tags. */
  tags?: string[];
  /** Snoozes until then (must be in the future); implies status "snoozed". */
  snoozedUntil?: Date;
  /** When the change happened (imports, demo data): timeline entries and resolvedAt; now by default. */
  at?: Date;
}

/** Tag names trimmed, inner spaces collapsed, de-duplicated case-insensitively. */
export function cleanTagNames(names: string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, " ");
    if (name && !byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
  }
  return [...byKey.values()];
}

/** The assignee must be an active user of the workspace who can see the conversation's inbox. */
async function checkAssignee(tx: Queryable, conversation: ConversationRow, userId: string) {
  const user = await findUser(tx, conversation.workspace_id, userId);
  const inbox = await findInbox(tx, conversation.workspace_id, conversation.inbox_id);
  const sees =
    user?.is_active &&
    inbox &&
    canSeeInbox(user, { access: inbox.access, is_member: await isInboxMember(tx, inbox.id, user.id) });
  if (!user || !sees) throw invalid("assigneeId", "is not an active user who can see this inbox");
  return { id: user.id, name: user.name };
}

/** The status and snooze time asked for, checked: snoozing needs a future time. */
function targetStatus(before: ConversationRow, input: UpdateConversationInput, now: Date): ConversationPatch {
  if (input.snoozedUntil) {
    if (input.status && input.status !== "snoozed")
      throw invalid("status", "must be snoozed when snoozedUntil is set");
    if (input.snoozedUntil.getTime() <= now.getTime()) throw invalid("snoozedUntil", "must be in the future");
    return { status: "snoozed", snoozedUntil: input.snoozedUntil };
  }
  if (input.status === "snoozed" && before.status !== "snoozed")
    throw invalid("snoozedUntil", "is required to snooze");
  return input.status ? { status: input.status } : {};
}

/**
 * Changes status, assignee, team, priority, tags or snooze time. Each actual change writes an activity
 * message and an event (`conversation.assigned`, `.team_changed`, `.status_changed`, `.priority_changed`,
 * `.tagged`) in the same transaction; unchanged fields write nothing. Throws 404 for a conversation not in
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
    const patch: ConversationPatch = targetStatus(before, input, new Date());
    if (patch.status === before.status && patch.snoozedUntil === undefined) delete patch.status;
    if (patch.snoozedUntil && before.snoozed_until?.getTime() === patch.snoozedUntil.getTime()) {
      delete patch.snoozedUntil;
      if (before.status === "snoozed") delete patch.status;
    }
    if (input.priority && input.priority !== before.priority) patch.priority = input.priority;

    let assignee: { id: string; name: string } | null | undefined;
    if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
      assignee = input.assigneeId ? await checkAssignee(tx, before, input.assigneeId) : null;
      patch.assigneeId = assignee?.id ?? null;
    }
    let team: { id: string; name: string } | null | undefined;
    if (input.teamId !== undefined && input.teamId !== before.team_id) {
      const row = input.teamId ? await findTeam(tx, actor.workspaceId, input.teamId) : undefined;
      if (input.teamId && !row) throw invalid("teamId", "is not a team of this workspace");
      team = row ? { id: row.id, name: row.name } : null;
      patch.teamId = team?.id ?? null;
    }

    const after =
      Object.keys(patch).length > 0
        ? await updateConversationFields(tx, conversationId, patch, input.at)
        : before;
    const name = actor.name;
    if (assignee !== undefined) {
      const previous = before.assignee_id
        ? await findUser(tx, actor.workspaceId, before.assignee_id)
        : undefined;
      const prev = previous ? { id: previous.id, name: previous.name } : null;
      await recordActivity(tx, after, actor, assignedActivity(name, assignee, prev), input.at);
    }
    if (team !== undefined) {
      const previous = before.team_id ? await findTeam(tx, actor.workspaceId, before.team_id) : undefined;
      const prev = previous ? { id: previous.id, name: previous.name } : null;
      await recordActivity(tx, after, actor, teamActivity(name, team, prev), input.at);
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
    const tagsChanged = input.tags
      ? await changeTags(tx, actor, after, cleanTagNames(input.tags), input.at)
      : false;
    const at = input.at ?? new Date();
    await clocksOnStatusChange(tx, before, after, at);
    if (patch.priority || tagsChanged) await clocksOnAttributesChange(tx, after, at);
    return after;
  });
}

/** Replaces the tag set, creating unknown tags; records one activity when anything changed (and says so). */
async function changeTags(
  tx: Queryable,
  actor: Actor,
  conversation: ConversationRow,
  names: string[],
  at: Date | undefined,
) {
  const current = await findConversationTags(tx, [conversation.id]);
  const tags = await ensureTags(tx, actor.workspaceId, names);
  const added = tags.filter((t) => !current.some((c) => c.tag_id === t.id)).map((t) => t.name);
  const removed = current.filter((c) => !tags.some((t) => t.id === c.tag_id)).map((c) => c.name);
  if (added.length === 0 && removed.length === 0) return false;
  await replaceConversationTags(
    tx,
    actor.workspaceId,
    conversation.id,
    tags.map((t) => t.id),
  );
  await recordActivity(tx, conversation, actor, tagsActivity(actor.name, added, removed), at);
  return true;
}
