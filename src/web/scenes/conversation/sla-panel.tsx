import { useEffect, useState } from "react";
import { useConversationSla } from "../../api/queries.js";
import type { TSlaOverview } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { SlaBadge } from "./sla-badge.js";

type Clock = TSlaOverview["clocks"][number];

/** The clocks worth showing: each kind's latest, so an old next response does not crowd the panel. */
function latestPerKind(clocks: Clock[]): Clock[] {
  const latest = new Map<string, Clock>();
  for (const clock of clocks) latest.set(clock.kind, clock);
  return [...latest.values()].filter((clock) => clock.targetSeconds !== null);
}

/** Re-renders every 30 s so "due in" counts down while the conversation stays open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The conversation's service levels: for each kind of clock with a target, its due time or how it ended,
 * then the full SLA history (when each clock started, paused, warned, was met or breached). Refreshed
 * live: its query lies under the conversation's, which every conversation event invalidates.
 */
export function SlaPanel({ conversationId }: { conversationId: string }) {
  const { t, formatDateTime, formatDuration } = useI18n();
  const sla = useConversationSla(conversationId);
  const now = useNow();
  const clocks = latestPerKind(sla.data?.clocks ?? []);
  if (!sla.data || (clocks.length === 0 && sla.data.history.length === 0)) return null;

  const line = (clock: Clock) => {
    const target = formatDuration((clock.targetSeconds ?? 0) * 1000);
    switch (clock.status) {
      case "running":
        return clock.dueAt ? (
          <SlaBadge
            dueAt={clock.dueAt}
            state={clock.breachedAt ? "breached" : clock.warnedAt ? "warning" : "ok"}
            now={now}
          />
        ) : null;
      case "paused":
        return (
          <span className="muted">
            {t("sla.paused", { used: formatDuration(clock.usedSeconds * 1000), target })}
          </span>
        );
      case "met":
        return <span>{t("sla.met", { used: formatDuration(clock.usedSeconds * 1000), target })}</span>;
      case "breached":
        return (
          <span className="sla-badge sla-breached">
            {t("sla.missed", { used: formatDuration(clock.usedSeconds * 1000), target })}
          </span>
        );
      case "cancelled":
        return <span className="muted">{t("sla.cancelled")}</span>;
    }
  };

  return (
    <section className="details-section sla-panel" aria-labelledby={`sla-${conversationId}`}>
      <h2 id={`sla-${conversationId}`}>{t("sla.title")}</h2>
      <ol aria-label={t("sla.clocks")}>
        {clocks.map((clock) => (
          <li key={clock.id} className="sla-clock">
            <span>
              {t(`sla.kind.${clock.kind}`)}
              {clock.dueAt && clock.status === "running" && (
                <span className="muted"> · {formatDateTime(clock.dueAt)}</span>
              )}
            </span>
            {line(clock)}
          </li>
        ))}
      </ol>
      {sla.data.history.length > 0 && (
        <details className="sla-history">
          <summary>{t("sla.history")}</summary>
          <ol aria-label={t("sla.history")}>
            {sla.data.history.map((entry, i) => (
              <li key={i}>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> —{" "}
                {t(`sla.step.${entry.step === "changed" && !entry.policyName ? "unset" : entry.step}`, {
                  clock: t(`sla.kind.${entry.kind}`),
                  policy: entry.policyName ?? "",
                  target: formatDuration((entry.targetSeconds ?? 0) * 1000),
                })}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
