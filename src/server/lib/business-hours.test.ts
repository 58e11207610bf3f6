import { describe, expect, it } from "vitest";
import {
  addBusinessSeconds,
  businessSeconds,
  calendarProblems,
  isOpen,
  nextOpening,
  openSpans,
  type BusinessCalendar,
  type OpenInterval,
  type Weekday,
} from "./business-hours.js";

const HOUR = 3600;
const weekdays = (start: string, end: string, days: Weekday[] = [1, 2, 3, 4, 5]): OpenInterval[] =>
  days.map((day) => ({ day, start, end }));
const calendar = (
  timeZone: string,
  intervals: OpenInterval[],
  holidays: BusinessCalendar["holidays"] = [],
) => ({
  timeZone,
  intervals,
  holidays,
});
const utc = (text: string) => new Date(text);

describe("business hours across daylight-saving changes", () => {
  // Sunday shifts that span the change: 01:00–05:00 local is 3 h on the spring night, 5 h in autumn.
  const night = (zone: string) => calendar(zone, [{ day: 7, start: "01:00", end: "05:00" }]);
  it.each([
    ["Europe/Zagreb", "2026-03-29", 3],
    ["Europe/Zagreb", "2026-10-25", 5],
    ["Europe/Bratislava", "2026-03-29", 3],
    ["Europe/Bratislava", "2026-10-25", 5],
    // Moscow keeps UTC+3 all year: always 4 h.
    ["Europe/Moscow", "2026-03-29", 4],
    ["Europe/Moscow", "2026-10-25", 4],
  ])("%s on %s: a 01:00–05:00 shift is %i hours", (zone, date, hours) => {
    const day = utc(`${date}T12:00:00Z`);
    const dayBefore = new Date(day.getTime() - 24 * HOUR * 1000);
    expect(businessSeconds(night(zone), dayBefore, day)).toBe(hours * HOUR);
  });

  it.each([
    // 09:00–17:00 Monday to Friday; instants in UTC.
    ["Europe/Zagreb", "2026-01-12T07:59:00Z", false], // 08:59 CET
    ["Europe/Zagreb", "2026-01-12T08:00:00Z", true], // 09:00 CET
    ["Europe/Zagreb", "2026-07-13T07:00:00Z", true], // 09:00 CEST
    ["Europe/Zagreb", "2026-07-13T15:00:00Z", false], // 17:00 CEST, closed
    ["Europe/Bratislava", "2026-07-13T06:59:00Z", false], // 08:59 CEST
    ["Europe/Moscow", "2026-07-13T06:00:00Z", true], // 09:00 MSK
    ["Europe/Moscow", "2026-01-12T05:59:00Z", false], // 08:59 MSK
    ["Europe/Zagreb", "2026-01-17T10:00:00Z", false], // Saturday
  ])("%s at %s: open %s", (zone, instant, open) => {
    expect(isOpen(calendar(zone, weekdays("09:00", "17:00")), utc(instant))).toBe(open);
  });

  it("moves a wall time skipped by the spring change forward, and takes a repeated one the first time", () => {
    // 02:30 does not exist in Zagreb on 2026-03-29: a shift from 02:30 starts at 03:00 CEST (01:00Z).
    const spring = calendar("Europe/Zagreb", [{ day: 7, start: "02:30", end: "06:00" }]);
    const [span] = openSpans(spring, utc("2026-03-28T12:00:00Z"), utc("2026-03-29T12:00:00Z"));
    expect(span!.start.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(span!.end.toISOString()).toBe("2026-03-29T04:00:00.000Z");
    // 02:30 happens twice on 2026-10-25: the first is 00:30Z (CEST).
    const autumn = calendar("Europe/Zagreb", [{ day: 7, start: "02:30", end: "06:00" }]);
    const [first] = openSpans(autumn, utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z"));
    expect(first!.start.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });
});

describe("shifts and holidays", () => {
  const support = calendar("Europe/Zagreb", [
    // Split shift on weekdays, an overnight shift from Friday into Saturday.
    ...weekdays("08:00", "12:00"),
    ...weekdays("13:00", "17:00"),
    { day: 5, start: "22:00", end: "06:00" },
  ]);

  it.each([
    ["2026-01-12T10:30:00Z", true], // Monday 11:30
    ["2026-01-12T11:30:00Z", false], // Monday 12:30, lunch
    ["2026-01-16T22:00:00Z", true], // Friday 23:00
    ["2026-01-17T04:00:00Z", true], // Saturday 05:00, the overnight shift
    ["2026-01-17T06:00:00Z", false], // Saturday 07:00
  ])("open at %s: %s", (instant, open) => {
    expect(isOpen(support, utc(instant))).toBe(open);
  });

  it("counts split shifts and the overnight one", () => {
    // Monday 06:00–20:00 local: 4 h + 4 h.
    expect(businessSeconds(support, utc("2026-01-12T05:00:00Z"), utc("2026-01-12T19:00:00Z"))).toBe(8 * HOUR);
    // Friday 21:00 to Saturday 12:00 local: the overnight shift, 8 h.
    expect(businessSeconds(support, utc("2026-01-16T20:00:00Z"), utc("2026-01-17T11:00:00Z"))).toBe(8 * HOUR);
    expect(businessSeconds(support, utc("2026-01-12T10:00:00Z"), utc("2026-01-12T09:00:00Z"))).toBe(0);
  });

  it("closes one-off and yearly holidays for the whole local day, the overnight tail included", () => {
    const withHolidays = {
      ...support,
      holidays: [
        { date: "2026-01-13", yearly: false, name: "Inventory" },
        { date: "2020-12-25", yearly: true, name: "Christmas" },
        { date: "2026-01-17", yearly: false, name: "Saturday off" },
      ],
    };
    expect(isOpen(withHolidays, utc("2026-01-13T10:30:00Z"))).toBe(false);
    expect(isOpen(withHolidays, utc("2026-01-14T10:30:00Z"))).toBe(true);
    expect(isOpen(withHolidays, utc("2026-12-25T10:30:00Z"))).toBe(false);
    expect(isOpen(withHolidays, utc("2027-12-24T10:30:00Z"))).toBe(true);
    // Friday 23:00 still open; Saturday 01:00 (the holiday) not.
    expect(isOpen(withHolidays, utc("2026-01-16T22:00:00Z"))).toBe(true);
    expect(isOpen(withHolidays, utc("2026-01-17T00:30:00Z"))).toBe(false);
  });

  it("finds the next opening over a weekend and a holiday, and none in an empty calendar", () => {
    const weekdaysOnly = calendar("Europe/Zagreb", weekdays("08:00", "16:00"), [
      { date: "2026-01-19", yearly: false },
    ]);
    // Friday 18:00 local → Monday is a holiday → Tuesday 08:00 CET (07:00Z).
    expect(nextOpening(weekdaysOnly, utc("2026-01-16T17:00:00Z"))?.toISOString()).toBe(
      "2026-01-20T07:00:00.000Z",
    );
    // Open now: now.
    expect(nextOpening(weekdaysOnly, utc("2026-01-16T09:00:00Z"))?.toISOString()).toBe(
      "2026-01-16T09:00:00.000Z",
    );
    expect(nextOpening(calendar("Europe/Zagreb", []), utc("2026-01-16T09:00:00Z"))).toBeNull();
  });

  it("names what is wrong with a calendar", () => {
    expect(calendarProblems(support)).toEqual([]);
    expect(
      calendarProblems({
        timeZone: "Mars/Olympus",
        intervals: [{ day: 8 as Weekday, start: "25:00", end: "24:01" }],
        holidays: [{ date: "2026-13-01", yearly: false }],
      }),
    ).toEqual([
      "timeZone: unknown time zone Mars/Olympus",
      "intervals.0.day: must be 1 (Monday) to 7 (Sunday)",
      "intervals.0.start: must be a time from 00:00 to 23:59",
      "intervals.0.end: must be a time from 00:00 to 24:00",
      "holidays.0.date: must be a date like 2026-12-25",
    ]);
  });
});

describe("business seconds add up", () => {
  it("over any split point, across a year with both daylight-saving changes (seeded random cases)", () => {
    const cal = calendar(
      "Europe/Zagreb",
      [
        ...weekdays("08:00", "12:00"),
        ...weekdays("13:00", "17:30"),
        { day: 6, start: "22:00", end: "02:00" },
      ],
      [{ date: "2026-05-01", yearly: true }],
    );
    // A small linear congruential generator: the same cases on every run.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const yearStart = utc("2026-01-01T00:00:00Z").getTime();
    const year = 365 * 24 * 3600_000;
    for (let i = 0; i < 50; i++) {
      const points = [random(), random(), random()]
        .map((r) => yearStart + Math.floor(r * year))
        .sort((x, y) => x - y);
      const [a, m, b] = points.map((p) => new Date(p)) as [Date, Date, Date];
      const whole = businessSeconds(cal, a, b);
      expect(businessSeconds(cal, a, m) + businessSeconds(cal, m, b)).toBeCloseTo(whole, 6);
      expect(whole).toBeLessThanOrEqual((b.getTime() - a.getTime()) / 1000);
    }
  });
});

describe("adding business time (SLA deadlines)", () => {
  const support = calendar(
    "Europe/Zagreb",
    [...weekdays("08:00", "12:00"), ...weekdays("13:00", "17:00"), { day: 5, start: "22:00", end: "06:00" }],
    [{ date: "2026-01-14", yearly: false }],
  );
  it.each([
    // Monday 11:00 local + 2 h: one hour before lunch, one after → 14:00 local.
    ["2026-01-12T10:00:00Z", 2 * HOUR, "2026-01-12T13:00:00Z"],
    // Monday 16:30 + 1 h: 30 min, then Tuesday from 08:00 → 08:30 local.
    ["2026-01-12T15:30:00Z", HOUR, "2026-01-13T07:30:00Z"],
    // Tuesday 16:00 + 2 h: Wednesday is a holiday → Thursday 09:00 local.
    ["2026-01-13T15:00:00Z", 2 * HOUR, "2026-01-15T08:00:00Z"],
    // Saturday noon (closed) + 1 h: Monday 09:00 local.
    ["2026-01-17T11:00:00Z", HOUR, "2026-01-19T08:00:00Z"],
    // Friday 17:00 + 3 h: into the overnight shift → Saturday 01:00 local.
    ["2026-01-16T16:00:00Z", 3 * HOUR, "2026-01-17T00:00:00Z"],
    // Sunday 29 March 2026, the spring change: Monday 08:00 CEST + 30 min.
    ["2026-03-29T00:30:00Z", 1800, "2026-03-30T06:30:00Z"],
    ["2026-01-12T10:00:00Z", 0, "2026-01-12T10:00:00Z"],
  ])("from %s plus %d s is %s", (from, seconds, expected) => {
    expect(addBusinessSeconds(support, utc(from), seconds)?.toISOString()).toBe(utc(expected).toISOString());
  });

  it("is null when the calendar never opens", () => {
    expect(addBusinessSeconds(calendar("Europe/Moscow", []), utc("2026-01-12T10:00:00Z"), 60)).toBeNull();
  });

  it("is the inverse of business seconds (seeded random cases across a year)", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 40; i++) {
      const from = new Date(utc("2026-01-01T00:00:00Z").getTime() + Math.floor(random() * 360 * 86_400_000));
      const seconds = Math.floor(random() * 60 * HOUR);
      const due = addBusinessSeconds(support, from, seconds)!;
      expect(businessSeconds(support, from, due)).toBeCloseTo(seconds, 6);
      // Not a moment later than needed: the deadline falls inside open time (or is `from` itself).
      if (seconds > 0) expect(isOpen(support, new Date(due.getTime() - 1))).toBe(true);
    }
  });
});
