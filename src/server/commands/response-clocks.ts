import type { Queryable } from "../db/types.js";
import { insertReopen, type ReopenedBy } from "../models/conversation-reopens.js";
import type { ConversationRow } from "../models/conversations.js";
import { recordEvents, type NewEvent } from "../models/events.js";
import {
  hasClockOfKind,
  insertClocks,
  findOpenClocks,
  refreshConversationSla,
  updateClock,
  type ClockKind,
  type NewClock,
  type ResponseClockRow,
} from "../models/response-clocks.js";
import { newId } from "../lib/ids.js";
import { deadlinesOf, usedBy, type ClockState } from "../sla/clock-timing.js";
import {
  cancel,
  deadlinesPatch,
  newClock,
  settingFor,
  slaEvent,
  type ClockSetting,
  stateOf,
  stop,
  targetOf,
} from "./response-clock-steps.js";

/**
 * Response clocks follow a conversation's life (METRICS.md, "Response"): every customer wait on the
 * team is measured, whether or not an SLA policy sets a target, and a stopped clock is the reporting
 * row. The commands that change a conversation call these in their own transaction, with the
 * conversation locked:
 * - a new conversation starts its first-response and resolution clocks at the customer's message;
 * - a customer message after a reply starts a next-response clock (a second message adds nothing);
 * - a human reply stops the running response clock (met, or breached when past its target);
 * - pending pauses the resolution clock and leaving pending resumes it; resolving stops it and ends
 *   response clocks nobody answered (cancelled, unless already breached);
 * - a change of priority or tags chooses the policy again and moves the deadlines.
 * Clocks with a target write `sla.*` events (the SLA history, and what agents see live).
 */

async function start(tx: Queryable, conversation: ConversationRow, clocks: NewClock[], at: Date) {
  const started = await insertClocks(tx, clocks);
  const events = started.flatMap((clock) => slaEvent(clock, "sla.started", at));
  if (events.length) await recordEvents(tx, events);
  if (started.some((clock) => clock.target_seconds !== null))
    await refreshConversationSla(tx, conversation.id);
}

/**
 * The clocks a conversation the customer starts at `at` begins with: first response and resolution. The
 * caller read the setting (createConversation reads it once for the clocks and the assignment).
 */
export const conversationClocks = (
  setting: ClockSetting,
  conversation: Pick<ConversationRow, "id" | "workspace_id">,
  at: Date,
): NewClock[] => [
  newClock(setting, conversation, "first_response", at),
  newClock(setting, conversation, "resolution", at),
];

/**
 * Clocks that need nothing but their rows (no target: no `sla.*` event, no SLA due time on the
 * conversation), which createConversation can insert with the conversation in one statement.
 */
export const needNoMore = (clocks: NewClock[]): boolean =>
  clocks.every((clock) => clock.target_seconds === null);

/** Starts a new conversation's clocks (conversationClocks) with their events and SLA due time. */
export async function startConversationClocks(
  tx: Queryable,
  conversation: ConversationRow,
  clocks: NewClock[],
  at: Date,
): Promise<void> {
  await start(tx, conversation, clocks, at);
}

/** Whether any of the clocks has a target: only those show on the conversation (its SLA due time). */
const hasTarget = (clocks: ResponseClockRow[]) => clocks.some((clock) => clock.target_seconds !== null);

/**
 * A customer's message on an existing conversation starts a next-response clock unless a response clock
 * already runs. A conversation from before clocks existed, never answered, gets its first-response clock
 * instead, from the start of the customer's wait.
 */
export async function clocksOnCustomerMessage(
  tx: Queryable,
  conversation: ConversationRow,
  at: Date,
  /** Whether a clock other than resolution runs or is paused (read with the conversation's lock). */
  isWaiting: boolean,
): Promise<void> {
  // A customer already waiting keeps their clock; only a new wait starts one.
  if (isWaiting) return;
  // A conversation resolved without a reply and written to again gets a next response (METRICS.md:
  // a reopened conversation does not restart its first response).
  const kind: ClockKind =
    !conversation.first_reply_at && !(await hasClockOfKind(tx, conversation.id, "first_response"))
      ? "first_response"
      : "next_response";
  const setting = await settingFor(tx, conversation);
  const startedAt = kind === "first_response" ? (conversation.waiting_since ?? at) : at;
  await start(tx, conversation, [newClock(setting, conversation, kind, startedAt)], at);
}

/** A human reply (not a note, not an automatic message) answers the customer's wait. */
export async function clocksOnReply(
  tx: Queryable,
  conversation: ConversationRow,
  at: Date,
  userId: string | null,
): Promise<void> {
  const open = (await findOpenClocks(tx, conversation.id)).filter((clock) => clock.kind !== "resolution");
  if (open.length === 0) return;
  const setting = await settingFor(tx, conversation);
  const events: NewEvent[] = [];
  for (const clock of open) events.push(...(await stop(tx, conversation, setting, clock, at, userId)));
  if (events.length) await recordEvents(tx, events);
  if (hasTarget(open)) await refreshConversationSla(tx, conversation.id);
}

/**
 * Pending pauses the resolution clock, leaving pending resumes it, resolving stops every clock. A
 * resolved conversation coming back is a reopen (a reporting row saying who brought it back).
 */
export async function clocksOnStatusChange(
  tx: Queryable,
  before: ConversationRow,
  after: ConversationRow,
  at: Date,
  by: ReopenedBy = "agent",
): Promise<void> {
  if (before.status === after.status) return;
  if (before.status === "resolved") {
    await insertReopen(tx, { id: newId(), conversation: after, resolvedAt: before.resolved_at, at, by });
  }
  const open = await findOpenClocks(tx, after.id);
  if (open.length === 0) return;
  const setting = await settingFor(tx, after);
  const events: NewEvent[] = [];
  for (const clock of open) {
    if (after.status === "resolved") {
      if (clock.kind === "resolution") events.push(...(await stop(tx, after, setting, clock, at, null)));
      else events.push(...(await cancel(tx, after, setting, clock, at)));
    } else if (clock.kind === "resolution" && after.status === "pending" && clock.status === "running") {
      const used = usedBy(setting.calendar, stateOf(clock), at);
      const paused = await updateClock(tx, clock.id, {
        status: "paused",
        running_since: null,
        used_seconds: used,
        warn_at: null,
        due_at: null,
        next_check_at: null,
      });
      events.push(...slaEvent(paused, "sla.paused", at));
    } else if (clock.kind === "resolution" && before.status === "pending" && clock.status === "paused") {
      const state = { ...stateOf(clock), runningSince: at };
      const resumed = await updateClock(tx, clock.id, {
        status: "running",
        running_since: at,
        ...deadlinesPatch(setting.calendar, state),
      });
      events.push(...slaEvent(resumed, "sla.resumed", at));
    }
  }
  if (events.length) await recordEvents(tx, events);
  if (hasTarget(open)) await refreshConversationSla(tx, after.id);
}

/**
 * Priority or tags changed: the policy is chosen again, and the open clocks take its targets (their
 * deadlines move; time already used still counts). A warning or breach that the new deadline puts back
 * in the future is lifted.
 */
export async function clocksOnAttributesChange(
  tx: Queryable,
  conversation: ConversationRow,
  at: Date,
): Promise<void> {
  const open = await findOpenClocks(tx, conversation.id);
  if (open.length === 0) return;
  const setting = await settingFor(tx, conversation);
  const events: NewEvent[] = [];
  for (const clock of open) {
    const target = targetOf(setting.policy, clock.kind);
    const policyId = target === null ? null : setting.policy!.id;
    if (policyId === clock.policy_id && target === clock.target_seconds) continue;
    const state: ClockState = {
      ...stateOf(clock),
      targetSeconds: target,
      warnPercent: setting.policy?.warn_percent ?? clock.warn_percent,
    };
    // Used time so far is kept; the deadlines are computed again from now on.
    if (state.runningSince) {
      state.usedSeconds = usedBy(setting.calendar, state, at);
      state.runningSince = at;
    }
    const fresh = deadlinesOf(setting.calendar, { ...state, warnedAt: null, breachedAt: null });
    if (state.warnedAt && fresh.warnAt && fresh.warnAt > at) state.warnedAt = null;
    if (state.breachedAt && fresh.dueAt && fresh.dueAt > at) state.breachedAt = null;
    const changed = await updateClock(tx, clock.id, {
      policy_id: policyId,
      policy_name: target === null ? null : setting.policy!.name,
      target_seconds: target,
      warn_percent: state.warnPercent,
      running_since: state.runningSince,
      used_seconds: state.usedSeconds,
      warned_at: state.warnedAt,
      breached_at: state.breachedAt,
      ...deadlinesPatch(setting.calendar, state),
    });
    if (clock.target_seconds !== null || target !== null)
      events.push(...slaEvent(changed, "sla.changed", at));
  }
  // Only clocks with a target (before or after the change) show on the conversation.
  if (events.length) {
    await recordEvents(tx, events);
    await refreshConversationSla(tx, conversation.id);
  }
}
