import type { ConversationStatus, Priority } from "../models/conversations.js";
import type { Named } from "./conversation-change.js";
import type { Activity } from "./record-activity.js";

/** One actual change a macro made, as the activity message's `meta.changes` lists it. */
export type MacroChange =
  | { field: "status"; from: ConversationStatus; to: ConversationStatus }
  | { field: "priority"; from: Priority; to: Priority }
  | { field: "assignee"; from: Named | null; to: Named | null }
  | { field: "team"; from: Named | null; to: Named | null }
  | { field: "tags"; added: string[]; removed: string[] }
  | { field: "followUp"; dueAt: string; previousDueAt: string | null };

function describe(change: MacroChange): string {
  switch (change.field) {
    case "status":
      return `status ${change.to}`;
    case "priority":
      return `priority ${change.to}`;
    case "assignee":
      return change.to ? `assigned to ${change.to.name}` : "unassigned";
    case "team":
      return change.to ? `team ${change.to.name}` : "no team";
    case "tags":
      return [...change.added.map((tag) => `+${tag}`), ...change.removed.map((tag) => `-${tag}`)].join(" ");
    case "followUp":
      return `follow up on ${change.dueAt}`;
  }
}

/**
 * "Ana applied macro Refund: status resolved, +refund, follow up on …": the one timeline entry and the one
 * event (`conversation.macro_applied`) of a macro, however many fields it changed. Clients word it in
 * their language from `meta.changes`.
 */
export function macroAppliedActivity(
  actorName: string,
  macro: { id: string; name: string },
  changes: MacroChange[],
  savedReplyId: string | null,
): Activity {
  return {
    body: `${actorName} applied macro ${macro.name}: ${changes.map(describe).join(", ")}`,
    meta: { action: "macro_applied", macro: { id: macro.id, name: macro.name }, changes },
    event: {
      type: "conversation.macro_applied",
      payload: { macroId: macro.id, macroName: macro.name, changes, savedReplyId },
    },
  };
}
