import type { AssignmentMode } from "../models/inbox-assignment.js";
import type { Activity } from "./record-activity.js";

type Named = { id: string; name: string };

/** Why the rule gave a conversation to someone; stored in the activity's meta and the event. */
export type AssignmentReason = "round_robin" | "balanced" | "returning_customer" | "agent_online";

const because: Record<AssignmentReason, (name: string) => string> = {
  round_robin: (name) => `Assigned to ${name} by round robin`,
  balanced: (name) => `Assigned to ${name}, who had the fewest open conversations (balanced)`,
  returning_customer: (name) =>
    `Assigned to ${name}, who helped this customer last time (returning customer)`,
  agent_online: (name) => `Assigned to ${name}, who came online while it waited unassigned`,
};

/**
 * Heed assigning a conversation by the inbox's rule: "Assigned to Marko by round robin". The action is
 * `auto_assigned`, not `assigned`, because no person did it and the reason is part of the line.
 */
export function autoAssignedActivity(assignee: Named, reason: AssignmentReason): Activity {
  return {
    body: because[reason](assignee.name),
    meta: { action: "auto_assigned", assignee, previousAssignee: null, reason },
    event: {
      type: "conversation.assigned",
      payload: { assigneeId: assignee.id, previousAssigneeId: null, reason },
    },
  };
}

const ruleName: Record<AssignmentMode, string> = {
  manual: "manual",
  round_robin: "round robin",
  balanced: "balanced",
};

/**
 * A new conversation taken from an agent who has been away too long: to someone else by the rule, or
 * back to Unassigned when nobody can take it.
 */
export function awayReassignedActivity(
  previous: Named,
  minutes: number,
  assignee: Named | null,
  rule: AssignmentMode,
): Activity {
  const away = `${previous.name} has been away for over ${minutes} minutes`;
  return {
    body: assignee
      ? `Reassigned to ${assignee.name} (${ruleName[rule]}): ${away}`
      : `Unassigned: ${away} and no other agent is available`,
    meta: {
      action: assignee ? "auto_assigned" : "auto_unassigned",
      assignee,
      previousAssignee: previous,
      reason: "agent_away",
      awayMinutes: minutes,
      rule,
    },
    event: {
      type: "conversation.assigned",
      payload: {
        assigneeId: assignee?.id ?? null,
        previousAssigneeId: previous.id,
        reason: "agent_away",
        rule,
      },
    },
  };
}

/** "Ana escalated this to Lea: the customer threatens to cancel"; the lead gets the conversation. */
export function escalatedActivity(
  actorName: string,
  lead: Named,
  previous: Named | null,
  reason: string,
  teamId: string | null,
): Activity {
  return {
    body: `${actorName} escalated this to ${lead.name}: ${reason}`,
    meta: { action: "escalated", lead, previousAssignee: previous, reason, teamId },
    event: {
      type: "conversation.escalated",
      payload: { leadId: lead.id, previousAssigneeId: previous?.id ?? null, reason, teamId },
    },
  };
}
