import type { ConversationRow, ConversationStatus, Priority } from "../models/conversations.js";
import type { Activity } from "./record-activity.js";

type Named = { id: string; name: string } | null;

/** "Ana assigned this to Marko" / "Ana unassigned Marko". */
export function assignedActivity(actorName: string, assignee: Named, previous: Named): Activity {
  return {
    body: assignee
      ? `${actorName} assigned this to ${assignee.name}`
      : `${actorName} unassigned ${previous?.name ?? "it"}`,
    meta: { action: assignee ? "assigned" : "unassigned", assignee, previousAssignee: previous },
    event: {
      type: "conversation.assigned",
      payload: { assigneeId: assignee?.id ?? null, previousAssigneeId: previous?.id ?? null },
    },
  };
}

/** "Ana moved this to team Billing" / "Ana removed the team". */
export function teamActivity(actorName: string, team: Named, previous: Named): Activity {
  return {
    body: team
      ? `${actorName} moved this to team ${team.name}`
      : `${actorName} removed team ${previous?.name ?? ""}`.trim(),
    meta: { action: team ? "team_set" : "team_removed", team, previousTeam: previous },
    event: {
      type: "conversation.team_changed",
      payload: { teamId: team?.id ?? null, previousTeamId: previous?.id ?? null },
    },
  };
}

const statusSentence: Record<ConversationStatus, string> = {
  open: "reopened this",
  pending: "marked this as pending",
  snoozed: "snoozed this",
  resolved: "resolved this",
};

/** "Ana resolved this" / "Ana snoozed this until 2025-05-02T08:00:00.000Z". */
export function statusActivity(actorName: string, before: ConversationRow, after: ConversationRow): Activity {
  const until = after.status === "snoozed" ? (after.snoozed_until?.toISOString() ?? null) : null;
  return {
    body: `${actorName} ${statusSentence[after.status]}${until ? ` until ${until}` : ""}`,
    meta: { action: "status_changed", from: before.status, to: after.status, snoozedUntil: until },
    event: {
      type: "conversation.status_changed",
      payload: { from: before.status, to: after.status, snoozedUntil: until },
    },
  };
}

/** "Ana set the priority to urgent". */
export function priorityActivity(actorName: string, from: Priority, to: Priority): Activity {
  return {
    body: `${actorName} set the priority to ${to}`,
    meta: { action: "priority_changed", from, to },
    event: { type: "conversation.priority_changed", payload: { from, to } },
  };
}

/** "Ana added tags billing, refund and removed tag vip". */
export function tagsActivity(actorName: string, added: string[], removed: string[]): Activity {
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.length === 1 ? "tag" : "tags"} ${added.join(", ")}`);
  if (removed.length) parts.push(`removed ${removed.length === 1 ? "tag" : "tags"} ${removed.join(", ")}`);
  return {
    body: `${actorName} ${parts.join(" and ")}`,
    meta: { action: "tagged", added, removed },
    event: { type: "conversation.tagged", payload: { added, removed } },
  };
}

/** Heed itself reopening a conversation whose snooze time came. */
export function snoozeEndedActivity(snoozedUntil: Date | null): Activity {
  const until = snoozedUntil?.toISOString() ?? null;
  return {
    body: "Snooze ended: the conversation is open again",
    meta: { action: "unsnoozed", snoozedUntil: until },
    event: { type: "conversation.unsnoozed", payload: { from: "snoozed", to: "open", snoozedUntil: until } },
  };
}

/** The customer writing again reopens a pending, snoozed or resolved conversation. */
export function customerReopenedActivity(from: ConversationStatus): Activity {
  return {
    body: "The customer wrote again: the conversation is open again",
    meta: { action: "reopened_by_customer", from, to: "open" },
    event: { type: "conversation.status_changed", payload: { from, to: "open", reason: "customer_message" } },
  };
}

/** "Ana set the order number to 10442" / "Ana removed the order number". */
export function orderNumberActivity(actorName: string, from: string | null, to: string | null): Activity {
  return {
    body: to ? `${actorName} set the order number to ${to}` : `${actorName} removed the order number`,
    meta: { action: "order_number_set", from, to },
    event: { type: "conversation.order_number_set", payload: { from, to } },
  };
}
