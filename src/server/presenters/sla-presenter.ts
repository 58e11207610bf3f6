import { z } from "zod";
import type { EventRow } from "../models/events.js";
import type { ResponseClockRow } from "../models/response-clocks.js";
import type { SlaPolicyRow } from "../models/sla-policies.js";

const iso = (at: Date | null) => at?.toISOString() ?? null;
const ZKind = z.enum(["first_response", "next_response", "resolution"]);

export const ZSlaPolicy = z.object({
  id: z.string(),
  name: z.string(),
  /** 1 is tried first; the first enabled policy whose conditions all hold applies. */
  position: z.number(),
  isEnabled: z.boolean(),
  /** Conditions; an empty list matches anything. */
  priorities: z.array(z.string()),
  inboxIds: z.array(z.string()),
  /** Holds when the conversation has any of these tags. */
  tagIds: z.array(z.string()),
  /** Targets in business seconds (calendar seconds for an inbox without business hours); null: none. */
  firstResponseSeconds: z.number().nullable(),
  nextResponseSeconds: z.number().nullable(),
  resolutionSeconds: z.number().nullable(),
  /** Agents are warned when this share of a target is used. */
  warnPercent: z.number(),
});

export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;

export const presentSlaPolicy = (row: SlaPolicyRow): z.infer<typeof ZSlaPolicy> => ({
  id: row.id,
  name: row.name,
  position: row.position,
  isEnabled: row.is_enabled,
  priorities: row.priorities,
  inboxIds: row.inbox_ids,
  tagIds: row.tag_ids,
  firstResponseSeconds: row.first_response_seconds,
  nextResponseSeconds: row.next_response_seconds,
  resolutionSeconds: row.resolution_seconds,
  warnPercent: row.warn_percent,
});

export const ZResponseClock = z.object({
  id: z.string(),
  kind: ZKind,
  status: z.enum(["running", "paused", "met", "breached", "cancelled"]),
  policyName: z.string().nullable(),
  targetSeconds: z.number().nullable(),
  startedAt: z.string(),
  warnAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  warnedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  /** Business seconds the clock has counted (pending time excluded), as of its last change. */
  usedSeconds: z.number(),
  calendarSeconds: z.number().nullable(),
  businessSeconds: z.number().nullable(),
});

export const presentClock = (row: ResponseClockRow): z.infer<typeof ZResponseClock> => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  policyName: row.policy_name,
  targetSeconds: row.target_seconds,
  startedAt: row.started_at.toISOString(),
  warnAt: iso(row.warn_at),
  dueAt: iso(row.due_at),
  warnedAt: iso(row.warned_at),
  breachedAt: iso(row.breached_at),
  stoppedAt: iso(row.stopped_at),
  usedSeconds: row.used_seconds,
  calendarSeconds: row.calendar_seconds,
  businessSeconds: row.business_seconds,
});

export const ZSlaHistoryEntry = z.object({
  /** started, paused, resumed, warning, breached, met, stopped (answered after a breach), cancelled, changed. */
  step: z.string(),
  kind: ZKind,
  at: z.string(),
  policyName: z.string().nullable(),
  targetSeconds: z.number().nullable(),
  dueAt: z.string().nullable(),
});

/** An `sla.*` event as a line of the conversation's SLA history. */
export const presentSlaHistoryEntry = (event: EventRow): z.infer<typeof ZSlaHistoryEntry> => {
  const payload = event.payload as {
    kind: z.infer<typeof ZKind>;
    at?: string;
    policyName?: string | null;
    targetSeconds?: number | null;
    dueAt?: string | null;
  };
  return {
    step: event.type.slice("sla.".length),
    kind: payload.kind,
    at: payload.at ?? event.created_at.toISOString(),
    policyName: payload.policyName ?? null,
    targetSeconds: payload.targetSeconds ?? null,
    dueAt: payload.dueAt ?? null,
  };
};

/** GET /conversations/:id/sla: the clocks (oldest first) and the history of their steps. */
export const ZSlaOverview = z.object({ clocks: z.array(ZResponseClock), history: z.array(ZSlaHistoryEntry) });
export type TSlaOverview = z.infer<typeof ZSlaOverview>;
