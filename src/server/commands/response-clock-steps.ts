import type { Queryable } from "../db/types.js";
import type { BusinessCalendar } from "../lib/business-hours.js";
import { newId } from "../lib/ids.js";
import type { ConversationRow } from "../models/conversations.js";
import type { NewEvent } from "../models/events.js";
import {
  updateClock,
  type ClockKind,
  type ClockPatch,
  type NewClock,
  type ResponseClockRow,
} from "../models/response-clocks.js";
import { findConversationSetting, type ConversationSettingRow } from "../models/conversation-setting.js";
import type { SlaPolicyRow } from "../models/sla-policies.js";
import { choosePolicy } from "../sla/choose-policy.js";
import { deadlinesOf, elapsedSeconds, outcomeOf, usedBy, type ClockState } from "../sla/clock-timing.js";
import { slaEventOf } from "../sla/sla-event.js";

/**
 * The steps of a response clock that commands/response-clocks.ts strings together: what applies to a
 * conversation (calendar, policy, tags), a new clock, stopping and cancelling one.
 */

/** What a conversation's clocks follow: its inbox's calendar (null: always open), policy and tags. */
export interface ClockSetting {
  calendar: BusinessCalendar | null;
  policy: SlaPolicyRow | undefined;
  tagIds: string[];
}

const TARGET: Record<ClockKind, keyof SlaPolicyRow> = {
  first_response: "first_response_seconds",
  next_response: "next_response_seconds",
  resolution: "resolution_seconds",
};
/** The policy's target for a kind of clock (null: none, the clock is only measured). */
export const targetOf = (policy: SlaPolicyRow | undefined, kind: ClockKind) =>
  (policy?.[TARGET[kind]] as number | null | undefined) ?? null;

/** The clock setting from what findConversationSetting read (one statement for everything). */
export function clockSettingOf(
  conversation: Pick<ConversationRow, "priority" | "inbox_id">,
  row: ConversationSettingRow,
): ClockSetting {
  const policy = choosePolicy(row.policies, {
    priority: conversation.priority,
    inboxId: conversation.inbox_id,
    tagIds: row.tag_ids,
  });
  const calendar = row.calendar
    ? { timeZone: row.calendar.time_zone, intervals: row.calendar.intervals, holidays: row.calendar.holidays }
    : null;
  return { calendar, policy, tagIds: row.tag_ids };
}

/** Reads the calendar, tags and applying policy of a conversation. */
export async function settingFor(tx: Queryable, conversation: ConversationRow): Promise<ClockSetting> {
  const row = await findConversationSetting(tx, {
    workspaceId: conversation.workspace_id,
    inboxId: conversation.inbox_id,
    conversationId: conversation.id,
  });
  return clockSettingOf(conversation, row);
}

/** The timing fields of a clock row, for the pure arithmetic of sla/clock-timing.ts. */
export const stateOf = (clock: ResponseClockRow): ClockState => ({
  targetSeconds: clock.target_seconds,
  warnPercent: clock.warn_percent,
  usedSeconds: clock.used_seconds,
  runningSince: clock.running_since,
  warnedAt: clock.warned_at,
  breachedAt: clock.breached_at,
});

/** The `sla.*` event of a clock with a target (clocks without one are only measured, silently). */
export function slaEvent(clock: ResponseClockRow, type: string, at: Date): NewEvent[] {
  if (clock.target_seconds === null && type !== "sla.changed") return [];
  return [slaEventOf(clock, type, at)];
}

/** A running clock of `kind` from `startedAt`, with the deadlines of the applying policy. */
export function newClock(
  setting: ClockSetting,
  conversation: Pick<ConversationRow, "id" | "workspace_id">,
  kind: ClockKind,
  startedAt: Date,
): NewClock {
  const target = targetOf(setting.policy, kind);
  const state: ClockState = {
    targetSeconds: target,
    warnPercent: setting.policy?.warn_percent ?? 80,
    usedSeconds: 0,
    runningSince: startedAt,
    warnedAt: null,
    breachedAt: null,
  };
  const deadlines = deadlinesOf(setting.calendar, state);
  return {
    id: newId(),
    workspace_id: conversation.workspace_id,
    conversation_id: conversation.id,
    kind,
    status: "running",
    policy_id: target === null ? null : setting.policy!.id,
    policy_name: target === null ? null : setting.policy!.name,
    target_seconds: target,
    warn_percent: state.warnPercent,
    started_at: startedAt,
    running_since: startedAt,
    used_seconds: 0,
    warn_at: deadlines.warnAt,
    due_at: deadlines.dueAt,
    next_check_at: deadlines.nextCheckAt,
    warned_at: null,
    breached_at: null,
  };
}

/** Stops a clock as met or breached, filling its reporting row. */
export async function stop(
  tx: Queryable,
  conversation: ConversationRow,
  setting: ClockSetting,
  clock: ResponseClockRow,
  at: Date,
  repliedBy: string | null,
): Promise<NewEvent[]> {
  const used = usedBy(setting.calendar, stateOf(clock), at);
  const outcome = outcomeOf(stateOf(clock), used);
  const stopped = await updateClock(
    tx,
    clock.id,
    {
      status: outcome,
      running_since: null,
      used_seconds: used,
      next_check_at: null,
      stopped_at: at,
      breached_at: outcome === "breached" ? (clock.breached_at ?? clock.due_at ?? at) : null,
      calendar_seconds: Math.max(0, (at.getTime() - clock.started_at.getTime()) / 1000),
      business_seconds: elapsedSeconds(setting.calendar, clock.started_at, at),
      replied_by: repliedBy,
    },
    {
      inboxId: conversation.inbox_id,
      teamId: conversation.team_id,
      channel: conversation.channel,
      priority: conversation.priority,
      tagIds: setting.tagIds,
    },
  );
  // A breach the worker had not recorded yet (it was due moments ago) is recorded with the stop.
  const lateBreach = outcome === "breached" && !clock.breached_at;
  return [
    ...(lateBreach ? slaEvent(stopped, "sla.breached", at) : []),
    ...slaEvent(stopped, outcome === "met" ? "sla.met" : "sla.stopped", at),
  ];
}

/** The warning, due and next-check times of a clock in this state, as a row patch. */
export const deadlinesPatch = (calendar: BusinessCalendar | null, state: ClockState): ClockPatch => {
  const deadlines = deadlinesOf(calendar, state);
  return { warn_at: deadlines.warnAt, due_at: deadlines.dueAt, next_check_at: deadlines.nextCheckAt };
};

/** A response nobody gave because the conversation was resolved: not a breach, unless it was already due. */
export async function cancel(
  tx: Queryable,
  conversation: ConversationRow,
  setting: ClockSetting,
  clock: ResponseClockRow,
  at: Date,
): Promise<NewEvent[]> {
  if (clock.breached_at || (clock.due_at && clock.due_at <= at))
    return stop(tx, conversation, setting, clock, at, null);
  const cancelled = await updateClock(tx, clock.id, {
    status: "cancelled",
    running_since: null,
    next_check_at: null,
    stopped_at: at,
  });
  return slaEvent(cancelled, "sla.cancelled", at);
}
