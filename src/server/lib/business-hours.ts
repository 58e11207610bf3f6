import { DateTime, IANAZone } from "luxon";

/**
 * Business time: when a team is open, in its own time zone. One pure module answers "open at t?", "next
 * opening after t" and "business seconds between a and b"; SLAs, reports, the widget and acknowledgements
 * all use it. Wall-clock times are turned into instants with luxon, so daylight-saving changes count as
 * they happen (a 01:00–05:00 shift is three hours on the spring-forward night, five in the autumn).
 *
 * - An interval belongs to the weekday it starts on; one that ends at or before its start runs overnight
 *   into the next day ("22:00"–"06:00"); "24:00" ends at midnight.
 * - A holiday closes its whole local date, including the tail of an overnight shift from the day before.
 *   Yearly holidays repeat on the same month and day.
 * - A wall time that does not exist (skipped by a spring-forward change) moves forward by the gap; one
 *   that happens twice (autumn) is taken the first time.
 */

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OpenInterval {
  day: Weekday;
  /** "HH:MM", 00:00–23:59. */
  start: string;
  /** "HH:MM", 00:00–24:00; at or before `start`: the next day. */
  end: string;
}

export interface Holiday {
  /** "YYYY-MM-DD" in the calendar's time zone. */
  date: string;
  yearly: boolean;
  name?: string;
}

export interface BusinessCalendar {
  /** IANA name, e.g. "Europe/Zagreb". */
  timeZone: string;
  intervals: OpenInterval[];
  holidays: Holiday[];
}

export interface Span {
  start: Date;
  end: Date;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** How far ahead "next opening" looks before saying there is none. */
const HORIZON_DAYS = 400;

/** What is wrong with a calendar, one message per problem (empty when it is usable). */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(calendar.timeZone))
    problems.push(`timeZone: unknown time zone ${calendar.timeZone}`);
  calendar.intervals.forEach((interval, i) => {
    if (!Number.isInteger(interval.day) || interval.day < 1 || interval.day > 7)
      problems.push(`intervals.${i}.day: must be 1 (Monday) to 7 (Sunday)`);
    if (!TIME.test(interval.start) || interval.start === "24:00")
      problems.push(`intervals.${i}.start: must be a time from 00:00 to 23:59`);
    if (!TIME.test(interval.end)) problems.push(`intervals.${i}.end: must be a time from 00:00 to 24:00`);
  });
  calendar.holidays.forEach((holiday, i) => {
    if (!DATE.test(holiday.date)) problems.push(`holidays.${i}.date: must be a date like 2026-12-25`);
  });
  return problems;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function isHoliday(calendar: BusinessCalendar, day: DateTime): boolean {
  const date = day.toISODate()!;
  return calendar.holidays.some((holiday) =>
    holiday.yearly ? holiday.date.slice(5) === date.slice(5) : holiday.date === date,
  );
}

/** The instant of `minutes` after local midnight of `day` (which may be 24:00, the next midnight). */
const at = (day: DateTime, minutes: number): DateTime =>
  minutes === 24 * 60
    ? day.plus({ days: 1 }).startOf("day")
    : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });

/**
 * The open periods that overlap [from, to), merged and clipped to it, oldest first. Local days from the
 * one before `from` (its overnight shift may reach in) to the one of `to` are looked at.
 */
export function openSpans(calendar: BusinessCalendar, from: Date, to: Date): Span[] {
  if (to <= from) return [];
  const zone = calendar.timeZone;
  const first = DateTime.fromJSDate(from, { zone }).startOf("day").minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf("day");
  const open: [number, number][] = [];
  const closed: [number, number][] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 }).startOf("day")) {
    if (isHoliday(calendar, day)) {
      closed.push([day.toMillis(), day.plus({ days: 1 }).startOf("day").toMillis()]);
      continue;
    }
    for (const interval of calendar.intervals) {
      if (interval.day !== day.weekday) continue;
      const start = minutesOf(interval.start);
      const end = minutesOf(interval.end);
      const startAt = at(day, start);
      const endAt = end > start ? at(day, end) : at(day.plus({ days: 1 }).startOf("day"), end);
      if (endAt > startAt) open.push([startAt.toMillis(), endAt.toMillis()]);
    }
  }
  const lo = from.getTime();
  const hi = to.getTime();
  const spans: [number, number][] = [];
  for (const [start, end] of open.sort((a, b) => a[0] - b[0])) {
    for (const piece of subtract([start, end], closed)) {
      const s = Math.max(piece[0], lo);
      const e = Math.min(piece[1], hi);
      if (e <= s) continue;
      const previous = spans[spans.length - 1];
      if (previous && s <= previous[1]) previous[1] = Math.max(previous[1], e);
      else spans.push([s, e]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  // Pieces cut by holidays may come out of order with later intervals: merge once more.
  const merged: [number, number][] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span[0] <= previous[1]) previous[1] = Math.max(previous[1], span[1]);
    else merged.push([...span]);
  }
  return merged.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}

/** `span` without the parts that `holes` cover. */
function subtract(span: [number, number], holes: [number, number][]): [number, number][] {
  let pieces: [number, number][] = [span];
  for (const [hs, he] of holes) {
    pieces = pieces.flatMap(([s, e]): [number, number][] => {
      if (he <= s || hs >= e) return [[s, e]];
      const left: [number, number][] = hs > s ? [[s, hs]] : [];
      const right: [number, number][] = he < e ? [[he, e]] : [];
      return [...left, ...right];
    });
  }
  return pieces;
}

/** Whether the team is open at `moment`. */
export function isOpen(calendar: BusinessCalendar, moment: Date): boolean {
  return openSpans(calendar, moment, new Date(moment.getTime() + 1)).length > 0;
}

/** When the team is next open at or after `moment` (`moment` itself when open now); null if never. */
export function nextOpening(calendar: BusinessCalendar, moment: Date): Date | null {
  const week = 7 * 24 * 3600_000;
  for (let from = moment.getTime(); from - moment.getTime() < HORIZON_DAYS * 24 * 3600_000; from += week) {
    const spans = openSpans(calendar, new Date(from), new Date(from + week));
    if (spans.length > 0) return spans[0]!.start;
  }
  return null;
}

/** Seconds of open time between `a` and `b` (0 when b is not after a). */
export function businessSeconds(calendar: BusinessCalendar, a: Date, b: Date): number {
  const ms = openSpans(calendar, a, b).reduce(
    (sum, span) => sum + (span.end.getTime() - span.start.getTime()),
    0,
  );
  return ms / 1000;
}

/**
 * The moment `seconds` of open time after `from` have passed (`from` itself when `seconds` ≤ 0): an SLA
 * deadline. Null when the calendar never opens again within the horizon (a deadline that never comes).
 */
export function addBusinessSeconds(calendar: BusinessCalendar, from: Date, seconds: number): Date | null {
  let remaining = seconds * 1000;
  if (remaining <= 0) return from;
  const week = 7 * 24 * 3600_000;
  const start = from.getTime();
  for (let cursor = start; cursor - start < HORIZON_DAYS * 24 * 3600_000; cursor += week) {
    for (const span of openSpans(calendar, new Date(cursor), new Date(cursor + week))) {
      const length = span.end.getTime() - span.start.getTime();
      if (remaining <= length) return new Date(span.start.getTime() + remaining);
      remaining -= length;
    }
  }
  return null;
}
