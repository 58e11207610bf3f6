import type { Queryable } from "../db/types.js";
import { findAssignmentCandidates, type AssignmentCandidateRow } from "../models/assignment-candidates.js";
import { findLastOwner } from "../models/assignment-conversations.js";
import { updateConversationFields, type ConversationRow } from "../models/conversations.js";
import { moveRoundRobinCursor, type InboxAssignmentRow } from "../models/inbox-assignment.js";
import type { InboxAccess } from "../models/inboxes.js";
import { markAssigned } from "../models/users.js";
import { isEligibleAssignee, pickBalanced, pickRoundRobin } from "../policies/assignment-policy.js";
import type { AssignmentReason } from "./assignment-activities.js";
import { recordActivity, type Activity } from "./record-activity.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Serializes automatic assignment within a workspace, across processes, until the transaction ends.
 * Capacity is per agent over all inboxes, so two inboxes assigning at once could otherwise both see an
 * agent's last free slot. Take it before locking any conversation or user row (lock order: this lock,
 * then the inbox's rule, then conversations), and never while waiting on another conversation's lock.
 */
export async function lockWorkspaceAssignment(tx: Queryable, workspaceId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`heed-assignment:${workspaceId}`]);
}

/** Who the rule picked, and why (shown in the activity line). */
export interface RuleChoice {
  assignee: Pick<AssignmentCandidateRow, "id" | "name">;
  reason: AssignmentReason;
}

/**
 * Who the inbox's rule gives the conversation to: with `sticky` and the rule's sticky_days, the
 * customer's last owner when they are eligible; else round robin (moving the cursor) or balanced; null
 * in manual mode or when nobody is eligible. The conversation's own team, else the rule's, narrows the
 * agents. The caller holds the workspace's assignment lock and the rule's row lock.
 */
export async function chooseByRule(
  tx: Queryable,
  conversation: ConversationRow,
  rule: InboxAssignmentRow,
  inboxAccess: InboxAccess,
  opts: { sticky: boolean; excludeUserId?: string | null },
): Promise<RuleChoice | null> {
  const candidates = await findAssignmentCandidates(tx, {
    workspaceId: conversation.workspace_id,
    inboxId: conversation.inbox_id,
    channel: conversation.channel,
  });
  const target = {
    inboxAccess,
    teamId: conversation.team_id ?? rule.team_id,
    excludeUserId: opts.excludeUserId,
  };
  const eligible = candidates.filter((candidate) => isEligibleAssignee(candidate, target));
  if (eligible.length === 0) return null;
  if (opts.sticky && rule.sticky_days) {
    const owner = await findLastOwner(tx, {
      workspaceId: conversation.workspace_id,
      customerId: conversation.customer_id,
      exceptConversationId: conversation.id,
      since: new Date(conversation.created_at.getTime() - rule.sticky_days * DAY_MS),
    });
    const returning = eligible.find((candidate) => candidate.id === owner);
    // The cursor stays: a returning customer's owner does not use up a round-robin turn.
    if (returning) return { assignee: returning, reason: "returning_customer" };
  }
  if (rule.mode === "round_robin") {
    const next = pickRoundRobin(eligible, rule.last_assignee_id);
    if (!next) return null;
    await moveRoundRobinCursor(tx, rule.inbox_id, next.id);
    return { assignee: next, reason: "round_robin" };
  }
  if (rule.mode === "balanced") {
    const next = pickBalanced(eligible);
    return next ? { assignee: next, reason: "balanced" } : null;
  }
  return null;
}

/**
 * Heed (no person) assigns or unassigns a conversation: the row, the activity line and its
 * `conversation.assigned` event, and the assignee's last-assigned time for balanced mode's tie-break.
 */
export async function giveConversation(
  tx: Queryable,
  conversation: ConversationRow,
  assigneeId: string | null,
  activity: Activity,
  at?: Date,
): Promise<ConversationRow> {
  const after = await updateConversationFields(tx, conversation.id, { assigneeId });
  await recordActivity(tx, after, null, activity, at);
  if (assigneeId) await markAssigned(tx, assigneeId);
  return after;
}
