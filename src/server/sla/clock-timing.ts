import { addBusinessSeconds, businessSeconds, type BusinessCalendar } from "../lib/business-hours.js";

/**
 * The arithmetic of a response clock, pure: how much business time it has used, and when it warns and
 * breaches. Without a calendar (the inbox has none) every second counts. A clock counts only while it
 * runs: `usedSeconds` holds what it used before `runningSince` (a pause keeps it, a resume goes on from
 * it), so time spent waiting on the customer never counts against the team.
 */
export interface ClockState {
  targetSeconds: number | null;
  warnPercent: number;
  usedSeconds: number;
  runningSince: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export interface ClockDeadlines {
  warnAt: Date | null;
  dueAt: Date | null;
  /** When the worker must look at the clock next: the warning, then the breach; null when neither is left. */
  nextCheckAt: Date | null;
}

/** Business seconds between two instants (every second without a calendar). */
export function elapsedSeconds(calendar: BusinessCalendar | null, from: Date, to: Date): number {
  if (to <= from) return 0;
  return calendar ? businessSeconds(calendar, from, to) : (to.getTime() - from.getTime()) / 1000;
}

/** The instant after `seconds` of business time from `from` (null: the calendar never opens again). */
export function afterSeconds(calendar: BusinessCalendar | null, from: Date, seconds: number): Date | null {
  if (seconds <= 0) return from;
  return calendar ? addBusinessSeconds(calendar, from, seconds) : new Date(from.getTime() + seconds * 1000);
}

/** Business seconds the clock has used by `at`. */
export function usedBy(calendar: BusinessCalendar | null, clock: ClockState, at: Date): number {
  return clock.usedSeconds + (clock.runningSince ? elapsedSeconds(calendar, clock.runningSince, at) : 0);
}

/** Warning and due times of a running clock with a target; all null for a paused or target-less one. */
export function deadlinesOf(calendar: BusinessCalendar | null, clock: ClockState): ClockDeadlines {
  if (!clock.runningSince || clock.targetSeconds === null)
    return { warnAt: null, dueAt: null, nextCheckAt: null };
  const dueAt = afterSeconds(calendar, clock.runningSince, clock.targetSeconds - clock.usedSeconds);
  const warnAt = afterSeconds(
    calendar,
    clock.runningSince,
    (clock.targetSeconds * clock.warnPercent) / 100 - clock.usedSeconds,
  );
  const nextCheckAt = !clock.warnedAt ? warnAt : !clock.breachedAt ? dueAt : null;
  return { warnAt, dueAt, nextCheckAt };
}

/** How a stopping clock ends: breached when it was already recorded as breached or used more than its target. */
export function outcomeOf(clock: ClockState, used: number): "met" | "breached" {
  if (clock.breachedAt) return "breached";
  return clock.targetSeconds !== null && used > clock.targetSeconds ? "breached" : "met";
}
