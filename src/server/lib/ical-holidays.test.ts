import { describe, expect, it } from "vitest";
import { holidaysFromICalendar, NotICalendarError } from "./ical-holidays.js";

const ics = (...events: string[]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Heed test//EN", ...events, "END:VCALENDAR"].join("\r\n");
const event = (uid: string, lines: string[]) =>
  ["BEGIN:VEVENT", `UID:${uid}`, ...lines, "END:VEVENT"].join("\r\n");

describe("holidaysFromICalendar", () => {
  it("reads yearly, one-off, multi-day and other recurring all-day events", () => {
    const holidays = holidaysFromICalendar(
      ics(
        event("1", [
          "DTSTART;VALUE=DATE:20261225",
          "DTEND;VALUE=DATE:20261226",
          "SUMMARY:Božić",
          "RRULE:FREQ=YEARLY",
        ]),
        event("2", [
          "DTSTART;VALUE=DATE:20270329",
          "DTEND;VALUE=DATE:20270330",
          "SUMMARY:Uskrsni ponedjeljak",
        ]),
        event("3", ["DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270102", "SUMMARY:New Year break"]),
        // The last Monday of May: not one date every year, so expanded.
        event("4", [
          "DTSTART;VALUE=DATE:20260525",
          "SUMMARY:Spring bank holiday",
          "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
        ]),
      ),
      new Date("2026-01-01T00:00:00Z"),
    );
    expect(holidays).toContainEqual({ date: "2000-12-25", yearly: true, name: "Božić" });
    expect(holidays).toContainEqual({ date: "2027-03-29", yearly: false, name: "Uskrsni ponedjeljak" });
    expect(holidays).toContainEqual({ date: "2026-12-31", yearly: false, name: "New Year break" });
    expect(holidays).toContainEqual({ date: "2027-01-01", yearly: false, name: "New Year break" });
    expect(holidays.filter((h) => h.name === "Spring bank holiday").map((h) => h.date)).toEqual([
      "2026-05-25",
      "2027-05-31",
    ]);
  });

  it("refuses what is not an iCalendar file", () => {
    expect(() => holidaysFromICalendar("hello")).toThrow(NotICalendarError);
    expect(() => holidaysFromICalendar("BEGIN:VCARD\r\nFN:x\r\nEND:VCARD")).toThrow(NotICalendarError);
  });
});
