import type { Database } from "../db/types.js";
import { recordEvents, type NewEvent } from "../models/events.js";
import {
  findNextClockCheck,
  lockDueClocks,
  refreshConversationSla,
  updateClock,
} from "../models/response-clocks.js";
import { slaEventOf } from "../sla/sla-event.js";
import { notifyUser } from "./notify-user.js";
import { queueSlaAlerts, type SlaAlertLinks } from "./queue-sla-alerts.js";

const BATCH = 100;

/**
 * Records the SLA warnings and breaches that have come: `sla.warning` once a clock has used its warning
 * share of the target (80% by default), `sla.breached` at the target. The clocks are the durable
 * timers: each due one is locked with its conversation (SKIP LOCKED) and updated in the same transaction
 * as its event, so with several worker processes, and after a restart, each fires exactly once. The
 * breach keeps its true moment (the due time), even when the worker looks later. Returns how many clocks
 * it handled (at most 100 per call; the caller loops).
 */
export async function fireSlaTimers(
  db: Database,
  now: Date = new Date(),
  alerts?: SlaAlertLinks,
): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockDueClocks(tx, now, BATCH);
    const events: NewEvent[] = [];
    for (const clock of due) {
      const warns = !clock.warned_at && clock.warn_at !== null && clock.warn_at <= now;
      const breaches = !clock.breached_at && clock.due_at !== null && clock.due_at <= now;
      const warnedAt = clock.warned_at ?? (warns || breaches ? now : null);
      const breachedAt = clock.breached_at ?? (breaches ? clock.due_at : null);
      const updated = await updateClock(tx, clock.id, {
        warned_at: warnedAt,
        breached_at: breachedAt,
        next_check_at: !warnedAt ? clock.warn_at : !breachedAt ? clock.due_at : null,
      });
      if (warns && !breaches) events.push(slaEventOf(updated, "sla.warning", now));
      if (breaches) events.push(slaEventOf(updated, "sla.breached", clock.due_at!));
      // Mail and webhooks the workspace asked for, queued with the step (docs/sla.md).
      if (alerts && (warns || breaches)) {
        await queueSlaAlerts(tx, {
          ...alerts,
          clock: updated,
          type: breaches ? "sla.breached" : "sla.warning",
          at: breaches ? clock.due_at! : now,
        });
      }
      // The owner hears of it wherever they are in the app; an unassigned conversation shows in "Due soon".
      if ((warns || breaches) && clock.assignee_id) {
        await notifyUser(tx, {
          workspaceId: clock.workspace_id,
          userId: clock.assignee_id,
          kind: breaches ? "sla_breached" : "sla_warning",
          conversationId: clock.conversation_id,
          payload: { kind: clock.kind, dueAt: clock.due_at?.toISOString() ?? null },
        });
      }
    }
    if (events.length) await recordEvents(tx, events);
    for (const conversationId of new Set(due.map((clock) => clock.conversation_id)))
      await refreshConversationSla(tx, conversationId);
    return due.length;
  });
}

/** When the next warning or breach is due, or null when no clock has one coming. */
export async function nextSlaTimer(db: Database): Promise<Date | null> {
  return findNextClockCheck(db);
}
