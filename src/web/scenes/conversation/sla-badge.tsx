import { useI18n } from "../../i18n/i18n.js";

/**
 * The nearest SLA deadline as a short badge: "due in 25 min" (amber once past the warning point) or
 * "overdue 10 min" (red). The exact time is in the title.
 */
export function SlaBadge({
  dueAt,
  state,
  now,
}: {
  dueAt: string;
  state: "ok" | "warning" | "breached";
  now: number;
}) {
  const { t, formatDuration, formatDateTime } = useI18n();
  const left = new Date(dueAt).getTime() - now;
  const isOverdue = state === "breached" || left <= 0;
  return (
    <span
      className={`sla-badge sla-${isOverdue ? "breached" : state}`}
      title={t("sla.dueAtTitle", { time: formatDateTime(dueAt) })}
    >
      {isOverdue
        ? t("sla.overdue", { duration: formatDuration(-left) })
        : t("sla.dueIn", { duration: formatDuration(left) })}
    </span>
  );
}
