import ICAL from "ical.js";
import type { Holiday } from "./business-hours.js";

/** At most this many holidays come out of one file (a calendar of every day for years is a mistake). */
const MAX_HOLIDAYS = 400;
/** Recurring events other than "every year on this date" are expanded this many years ahead. */
const YEARS_AHEAD = 2;

export class NotICalendarError extends Error {
  override name = "NotICalendarError";
}

/**
 * The holidays of an iCalendar file (a public-holiday calendar exported from any calendar app): each
 * all-day event's days, by local date and named by its summary. "Every year on this date" (RRULE
 * FREQ=YEARLY with nothing else) becomes a yearly holiday; other recurrences (Easter Monday, "last
 * Monday of May") are expanded for the next two years. Throws NotICalendarError for anything else.
 */
export function holidaysFromICalendar(text: string, now = new Date()): Holiday[] {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new NotICalendarError(`not an iCalendar file: ${(error as Error).message}`);
  }
  if (calendar.name !== "vcalendar") throw new NotICalendarError("not an iCalendar file: no VCALENDAR");
  const until = ICAL.Time.fromJSDate(new Date(now.getTime() + YEARS_AHEAD * 366 * 86_400_000), true);
  const holidays = new Map<string, Holiday>();
  const add = (holiday: Holiday) => {
    if (holidays.size < MAX_HOLIDAYS) holidays.set(`${holiday.yearly}:${holiday.date}`, holiday);
  };
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const name = event.summary?.trim() || undefined;
    const days = Math.max(
      1,
      event.duration?.toSeconds() ? Math.round(event.duration.toSeconds() / 86_400) : 1,
    );
    const datesFrom = (start: ICAL.Time) =>
      Array.from({ length: Math.min(days, 31) }, (_, i) => {
        const day = start.clone();
        day.day += i;
        return day.toString().slice(0, 10);
      });
    const rule = component.getFirstPropertyValue("rrule") as ICAL.Recur | null;
    const simpleYearly =
      rule &&
      rule.freq === "YEARLY" &&
      !rule.count &&
      !rule.until &&
      Object.keys(rule.parts ?? {}).length === 0;
    if (simpleYearly) {
      for (const date of datesFrom(event.startDate))
        add({ date: `2000-${date.slice(5)}`, yearly: true, name });
    } else if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && next.compare(until) < 0; next = iterator.next()) {
        for (const date of datesFrom(next)) add({ date, yearly: false, name });
      }
    } else {
      for (const date of datesFrom(event.startDate)) add({ date, yearly: false, name });
    }
  }
  return [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date));
}
