import { z } from "zod";
import type { Capacity } from "../models/agent-capacities.js";
import type { InboxAssignmentRow } from "../models/inbox-assignment.js";

/** manual: people assign; round_robin: agents take turns; balanced: the least loaded agent. */
export const ZAssignmentMode = z.enum(["manual", "round_robin", "balanced"]);

/** An inbox's assignment rule as the API shows it. */
export const ZInboxAssignment = z.object({
  inboxId: z.string(),
  mode: ZAssignmentMode,
  teamId: z.string().nullable(),
  stickyDays: z.number().nullable(),
  reassignAwayMinutes: z.number().nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type TInboxAssignment = z.infer<typeof ZInboxAssignment>;

/** The rule of an inbox; an inbox without a stored rule is manual with no options. */
export function presentInboxAssignment(
  inboxId: string,
  row: InboxAssignmentRow | undefined,
  abilities: { update: boolean },
): TInboxAssignment {
  return {
    inboxId,
    mode: row?.mode ?? "manual",
    teamId: row?.team_id ?? null,
    stickyDays: row?.sticky_days ?? null,
    reassignAwayMinutes: row?.reassign_away_minutes ?? null,
    abilities: { update: abilities.update },
  };
}

/** A user's capacity per channel; null: no limit. */
export const ZCapacity = z.object({
  userId: z.string(),
  email: z.number().nullable(),
  chat: z.number().nullable(),
  phone: z.number().nullable(),
  api: z.number().nullable(),
  abilities: z.object({ update: z.boolean() }),
});
export type TCapacity = z.infer<typeof ZCapacity>;

/** Every channel named, null where there is no limit. */
export function presentCapacity(
  userId: string,
  capacity: Capacity,
  abilities: { update: boolean },
): TCapacity {
  return {
    userId,
    email: capacity.email ?? null,
    chat: capacity.chat ?? null,
    phone: capacity.phone ?? null,
    api: capacity.api ?? null,
    abilities: { update: abilities.update },
  };
}
