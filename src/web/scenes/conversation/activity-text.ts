import type { TMessage } from "../../api/types.js";

type T = (key: string, params?: Record<string, string | number>) => string;
type Named = { id: string; name: string } | null | undefined;

/**
 * An activity line in the reader's language, built from the structured `meta` the server stores (who did
 * what); falls back to the server's English sentence for an action this version does not know.
 */
export function activityText(message: TMessage, t: T, formatDateTime: (iso: string) => string): string {
  const meta = (message.meta ?? {}) as Record<string, unknown>;
  const actor = message.author?.name ?? t("activity.someone");
  const named = (value: unknown) => (value as Named)?.name ?? "";
  switch (meta.action) {
    case "assigned":
      return t("activity.assigned", { actor, assignee: named(meta.assignee) });
    case "unassigned":
      return t("activity.unassigned", { actor });
    case "team_set":
      return t("activity.teamSet", { actor, team: named(meta.team) });
    case "team_removed":
      return t("activity.teamRemoved", { actor });
    case "status_changed": {
      const to = String(meta.to);
      if (to === "snoozed" && typeof meta.snoozedUntil === "string") {
        return t("activity.snoozedUntil", { actor, until: formatDateTime(meta.snoozedUntil) });
      }
      return t(`activity.status.${to}`, { actor });
    }
    case "priority_changed":
      return t("activity.priority", { actor, priority: t(`priority.${String(meta.to)}`) });
    case "tagged": {
      const added = (meta.added as string[] | undefined) ?? [];
      const removed = (meta.removed as string[] | undefined) ?? [];
      const parts = [];
      if (added.length)
        parts.push(t("activity.tagsAdded", { actor, count: added.length, tags: added.join(", ") }));
      if (removed.length)
        parts.push(t("activity.tagsRemoved", { actor, count: removed.length, tags: removed.join(", ") }));
      return parts.join(" · ");
    }
    case "order_number_set":
      return meta.to
        ? t("activity.orderNumberSet", { actor, number: String(meta.to) })
        : t("activity.orderNumberRemoved", { actor });
    case "unsnoozed":
      return t("activity.unsnoozed");
    case "reopened_by_customer":
      return t("activity.reopenedByCustomer");
    case "follow_up_set": {
      const at = formatDateTime(String(meta.dueAt));
      const note = String(meta.note ?? "");
      return note
        ? t("activity.followUpSetNote", { actor, at, note })
        : t("activity.followUpSet", { actor, at });
    }
    case "follow_up_cancelled":
      return t("activity.followUpCancelled", { actor, at: formatDateTime(String(meta.dueAt)) });
    case "follow_up_due":
      return meta.note
        ? t("activity.followUpDueNote", { note: String(meta.note) })
        : t("activity.followUpDue");
    case "auto_assigned":
    case "auto_unassigned":
    case "escalated":
      return assignmentText(meta, actor, t) ?? message.body;
    case "macro_applied":
      return macroText(meta, actor, t, formatDateTime) ?? message.body;
    default:
      return message.body;
  }
}

const autoReasons = ["round_robin", "balanced", "returning_customer", "agent_online"];
const rules = ["manual", "round_robin", "balanced"];

/**
 * What the assignment rule did ("Assigned to Marko by round robin", "Reassigned to Olga (balanced): Tom
 * has been away for over 30 minutes") and escalations ("Ana escalated this to Marko: <reason>"); null
 * for a reason this version does not know, which then shows the server's English sentence.
 */
function assignmentText(meta: Record<string, unknown>, actor: string, t: T): string | null {
  const named = (value: unknown) => (value as Named)?.name ?? "";
  const reason = String(meta.reason ?? "");
  if (meta.action === "escalated") {
    return t("activity.escalated", { actor, lead: named(meta.lead), reason });
  }
  if (reason === "agent_away") {
    const rule = String(meta.rule);
    const count = Number(meta.awayMinutes);
    if (!Number.isFinite(count)) return null;
    const previous = named(meta.previousAssignee);
    if (meta.action === "auto_unassigned") return t("activity.awayUnassigned", { previous, count });
    if (!rules.includes(rule)) return null;
    return t("activity.awayReassigned", {
      assignee: named(meta.assignee),
      rule: t(`activity.rule.${rule}`),
      previous,
      count,
    });
  }
  if (meta.action !== "auto_assigned" || !autoReasons.includes(reason)) return null;
  return t(`activity.autoAssigned.${reason}`, { assignee: named(meta.assignee) });
}

/**
 * "Ana applied macro “Lost order”: status pending, tags +lost-order, follow-up on …" from the macro's
 * list of actual changes; null when a change is of a kind this version does not know (the server's
 * English sentence is shown then, so nothing goes unsaid).
 */
function macroText(
  meta: Record<string, unknown>,
  actor: string,
  t: T,
  formatDateTime: (iso: string) => string,
): string | null {
  const macro = (meta.macro as Named)?.name ?? "";
  const changes = Array.isArray(meta.changes) ? (meta.changes as Record<string, unknown>[]) : [];
  const lower = (text: string) => text.toLocaleLowerCase();
  const parts: string[] = [];
  for (const change of changes) {
    const to = change.to as unknown;
    switch (change.field) {
      case "status":
        parts.push(t("activity.macro.status", { status: lower(t(`status.${String(to)}`)) }));
        break;
      case "priority":
        parts.push(t("activity.macro.priority", { priority: lower(t(`priority.${String(to)}`)) }));
        break;
      case "assignee":
        parts.push(
          to
            ? t("activity.macro.assigned", { assignee: (to as Named)?.name ?? "" })
            : t("activity.macro.unassigned"),
        );
        break;
      case "team":
        parts.push(
          to ? t("activity.macro.team", { team: (to as Named)?.name ?? "" }) : t("activity.macro.noTeam"),
        );
        break;
      case "tags": {
        const added = ((change.added as string[] | undefined) ?? []).map((tag) => `+${tag}`);
        const removed = ((change.removed as string[] | undefined) ?? []).map((tag) => `−${tag}`);
        parts.push(t("activity.macro.tags", { tags: [...added, ...removed].join(" ") }));
        break;
      }
      case "followUp":
        parts.push(t("activity.macro.followUp", { at: formatDateTime(String(change.dueAt)) }));
        break;
      default:
        return null;
    }
  }
  if (parts.length === 0) return t("activity.macroAppliedNothing", { actor, macro });
  return t("activity.macroApplied", { actor, macro, changes: parts.join(", ") });
}
