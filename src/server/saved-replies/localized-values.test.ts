import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "../lib/business-hours.js";
import { expectedTimeText, officeHoursText } from "./localized-values.js";

const HOUR = 3600;

describe("expectedTimeText", () => {
  it("says the usual reply time in each language with its plural forms", () => {
    expect(expectedTimeText("en", 2 * HOUR)).toBe("within about 2 hours");
    expect(expectedTimeText("ru", 2 * HOUR)).toBe("в течение примерно 2 часов");
    expect(expectedTimeText("hr", 2 * HOUR)).toBe("u roku od otprilike 2 sata");
    expect(expectedTimeText("sk", 2 * HOUR)).toBe("do približne 2 hodín");
  });

  it("declines one, few and many", () => {
    expect(expectedTimeText("en", 60)).toBe("within about 1 minute");
    expect(expectedTimeText("ru", 60)).toBe("в течение примерно 1 минуты");
    expect(expectedTimeText("ru", 5 * HOUR)).toBe("в течение примерно 5 часов");
    expect(expectedTimeText("ru", 21 * HOUR)).toBe("в течение примерно 21 часа");
    expect(expectedTimeText("hr", 5 * HOUR)).toBe("u roku od otprilike 5 sati");
    expect(expectedTimeText("hr", 45 * 60)).toBe("u roku od otprilike 45 minuta");
    expect(expectedTimeText("sk", 3 * 24 * HOUR)).toBe("do približne 3 dní");
    expect(expectedTimeText("sk", 30 * 60)).toBe("do približne 30 minút");
  });
});

const weekdays = (start: string, end: string) =>
  ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start, end }));

describe("officeHoursText", () => {
  const calendar: BusinessCalendar = {
    timeZone: "Europe/Zagreb",
    intervals: [...weekdays("09:00", "17:00"), { day: 6, start: "10:00", end: "14:00" }],
    holidays: [{ date: "2026-12-25", yearly: true }],
  };

  it("runs days with the same hours together, with localized weekday names and the time zone", () => {
    expect(officeHoursText("en", calendar)).toBe("Mon–Fri 09:00–17:00; Sat 10:00–14:00 (Europe/Zagreb)");
    expect(officeHoursText("ru", calendar)).toBe("пн–пт 09:00–17:00; сб 10:00–14:00 (Europe/Zagreb)");
    expect(officeHoursText("hr", calendar)).toBe("pon–pet 09:00–17:00; sub 10:00–14:00 (Europe/Zagreb)");
    expect(officeHoursText("sk", calendar)).toBe("po–pi 09:00–17:00; so 10:00–14:00 (Europe/Zagreb)");
  });

  it("joins split shifts the language's way and leaves closed days out", () => {
    const split: BusinessCalendar = {
      timeZone: "Europe/Bratislava",
      intervals: [
        { day: 2, start: "13:00", end: "17:00" },
        { day: 2, start: "08:00", end: "12:00" },
        { day: 4, start: "08:00", end: "12:00" },
      ],
      holidays: [],
    };
    expect(officeHoursText("en", split)).toBe(
      "Tue 08:00–12:00 and 13:00–17:00; Thu 08:00–12:00 (Europe/Bratislava)",
    );
    // Slovak keeps a one-letter conjunction on the line with what follows (a no-break space).
    expect(officeHoursText("sk", split)).toBe(
      "ut 08:00–12:00 a\u00a013:00–17:00; št 08:00–12:00 (Europe/Bratislava)",
    );
  });

  it("is null for a calendar that is never open", () => {
    expect(officeHoursText("en", { timeZone: "UTC", intervals: [], holidays: [] })).toBeNull();
  });
});
