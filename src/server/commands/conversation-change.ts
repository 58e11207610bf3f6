import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { invalid } from "../lib/errors.js";
import type {
  ConversationPatch,
  ConversationRow,
  ConversationStatus,
  Priority,
} from "../models/conversations.js";
import { findInbox, isInboxMember } from "../models/inboxes.js";
import { ensureTags, findConversationTags, replaceConversationTags } from "../models/tags.js";
import { findTeam } from "../models/teams.js";
import { findUser } from "../models/users.js";
import { canSeeInbox } from "../policies/inbox-policy.js";

/**
 * The pieces every change of a conversation's fields shares (PATCH /conversations/:id, macros): the
 * checks of a new assignee, team and status, and the tag set. They run inside the caller's
 * transaction, with the conversation locked.
 */

export type Named = { id: string; name: string };

/** Status, assignee, team, priority and snooze as asked for; undefined leaves a field alone. */
export interface ConversationFieldsInput {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  /** Snoozes until then (must be in the future); implies status "snoozed". */
  snoozedUntil?: Date;
}

/** The fields that actually change, and the new assignee and team with their names (when they change). */
export interface PlannedChange {
  patch: ConversationPatch;
  /** undefined: unchanged; null: removed. */
  assignee?: Named | null;
  team?: Named | null;
}

/** The assignee must be an active user of the workspace who can see the conversation's inbox. */
async function checkAssignee(tx: Queryable, conversation: ConversationRow, userId: string): Promise<Named> {
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
function targetStatus(before: ConversationRow, input: ConversationFieldsInput, now: Date): ConversationPatch {
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
 * What `input` changes on the conversation as it is (`before`), checked. Values equal to the current
 * ones are no change. Throws 400 naming the field for an assignee who cannot see the inbox, a team of
 * another workspace, or a snooze without a future time.
 */
export async function planConversationChange(
  tx: Queryable,
  actor: Pick<Actor, "workspaceId">,
  before: ConversationRow,
  input: ConversationFieldsInput,
  now: Date,
): Promise<PlannedChange> {
  const patch: ConversationPatch = targetStatus(before, input, now);
  if (patch.status === before.status && patch.snoozedUntil === undefined) delete patch.status;
  if (patch.snoozedUntil && before.snoozed_until?.getTime() === patch.snoozedUntil.getTime()) {
    delete patch.snoozedUntil;
    if (before.status === "snoozed") delete patch.status;
  }
  if (input.priority && input.priority !== before.priority) patch.priority = input.priority;

  const planned: PlannedChange = { patch };
  if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
    planned.assignee = input.assigneeId ? await checkAssignee(tx, before, input.assigneeId) : null;
    patch.assigneeId = planned.assignee?.id ?? null;
  }
  if (input.teamId !== undefined && input.teamId !== before.team_id) {
    const row = input.teamId ? await findTeam(tx, actor.workspaceId, input.teamId) : undefined;
    if (input.teamId && !row) throw invalid("teamId", "is not a team of this workspace");
    planned.team = row ? { id: row.id, name: row.name } : null;
    patch.teamId = planned.team?.id ?? null;
  }
  return planned;
}

/** A user of the workspace by id, with their name (null for none or a missing one). */
export async function namedUser(
  tx: Queryable,
  workspaceId: string,
  id: string | null,
): Promise<Named | null> {
  const user = id ? await findUser(tx, workspaceId, id) : undefined;
  return user ? { id: user.id, name: user.name } : null;
}

/** A team of the workspace by id, with its name (null for none or a missing one). */
export async function namedTeam(
  tx: Queryable,
  workspaceId: string,
  id: string | null,
): Promise<Named | null> {
  const team = id ? await findTeam(tx, workspaceId, id) : undefined;
  return team ? { id: team.id, name: team.name } : null;
}

/**
 * Makes `names` the conversation's tag set, creating unknown tags; writes only when something changes.
 * Returns the names added and removed (both empty: no change). No activity: the caller words it.
 */
export async function replaceTagSet(
  tx: Queryable,
  workspaceId: string,
  conversation: ConversationRow,
  names: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const current = await findConversationTags(tx, [conversation.id]);
  const tags = await ensureTags(tx, workspaceId, names);
  const added = tags.filter((t) => !current.some((c) => c.tag_id === t.id)).map((t) => t.name);
  const removed = current.filter((c) => !tags.some((t) => t.id === c.tag_id)).map((c) => c.name);
  if (added.length === 0 && removed.length === 0) return { added, removed };
  await replaceConversationTags(
    tx,
    workspaceId,
    conversation.id,
    tags.map((t) => t.id),
  );
  return { added, removed };
}
