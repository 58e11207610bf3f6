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
    case "unsnoozed":
      return t("activity.unsnoozed");
    case "reopened_by_customer":
      return t("activity.reopenedByCustomer");
    default:
      return message.body;
  }
}
