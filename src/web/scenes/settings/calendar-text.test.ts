import { describe, expect, it } from "vitest";
import { formatDayHours, formatHolidays, parseDayHours, parseHolidays } from "./calendar-text.js";

describe("the business-hours editor's text", () => {
  it("reads a day's split and overnight shifts and writes them back", () => {
    const intervals = parseDayHours(1, "8:00-12:00, 13:00–17:30; 22:00-06:00");
    expect(intervals).toEqual([
      { day: 1, start: "08:00", end: "12:00" },
      { day: 1, start: "13:00", end: "17:30" },
      { day: 1, start: "22:00", end: "06:00" },
    ]);
    expect(formatDayHours(intervals, 1)).toBe("08:00-12:00, 13:00-17:30, 22:00-06:00");
    expect(parseDayHours(2, "  ")).toEqual([]);
    expect(() => parseDayHours(3, "9 to 5")).toThrow("9 to 5");
  });

  it("reads one-off and yearly holidays and writes them back", () => {
    const holidays = parseHolidays("2026-12-24 Inventory\n12-25 Christmas\n\n01-01");
    expect(holidays).toEqual([
      { date: "2026-12-24", yearly: false, name: "Inventory" },
      { date: "2000-12-25", yearly: true, name: "Christmas" },
      { date: "2000-01-01", yearly: true },
    ]);
    expect(formatHolidays(holidays)).toBe("2026-12-24 Inventory\n12-25 Christmas\n01-01");
    expect(() => parseHolidays("Christmas")).toThrow("Christmas");
  });
});
