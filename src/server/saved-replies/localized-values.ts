import { helpDuration } from "../../help-center/help-text.js";
import type { BusinessCalendar } from "../lib/business-hours.js";
import type { Language } from "../lib/guess-language.js";

/** "within about {time}": the duration itself comes declined from the help center's catalogs. */
const withinAbout: Record<Language, string> = {
  en: "within about {time}",
  ru: "в течение примерно {time}",
  hr: "u roku od otprilike {time}",
  sk: "do približne {time}",
};

/**
 * The usual reply time in words, the way the help center's contact page rounds it (minutes under two
 * hours, then hours, then days), with the language's plural forms: "within about 2 hours",
 * "в течение примерно 2 часов", "u roku od otprilike 2 sata", "do približne 2 hodín".
 */
export function expectedTimeText(lang: Language, seconds: number): string {
  return withinAbout[lang].replace("{time}", helpDuration(lang, seconds));
}

const weekdayName = (lang: Language, day: number) =>
  new Intl.DateTimeFormat(lang, { weekday: "short", timeZone: "UTC" }).format(Date.UTC(2024, 0, day));

/**
 * A calendar's weekly hours in one line, Monday first, days with the same hours run together:
 * "Mon–Fri 09:00–17:00; Sat 10:00–14:00 (Europe/Zagreb)", "пн–пт 09:00–17:00 (Europe/Moscow)". Split
 * shifts are joined the language's way ("08:00–12:00 and 13:00–16:00"); closed days are left out.
 * Null when the calendar has no open hours at all. Holidays are not mentioned.
 */
export function officeHoursText(lang: Language, calendar: BusinessCalendar): string | null {
  const list = new Intl.ListFormat(lang, { type: "conjunction" });
  const days = [1, 2, 3, 4, 5, 6, 7].map((day) =>
    list.format(
      calendar.intervals
        .filter((interval) => interval.day === day)
        .sort((a, b) => a.start.localeCompare(b.start))
        .map((interval) => `${interval.start}–${interval.end}`),
    ),
  );
  const groups: string[] = [];
  for (let first = 0; first < 7;) {
    let last = first;
    while (last + 1 < 7 && days[last + 1] === days[first]) last++;
    if (days[first]) {
      const name = weekdayName(lang, first + 1);
      const range = last > first ? `${name}–${weekdayName(lang, last + 1)}` : name;
      groups.push(`${range} ${days[first]}`);
    }
    first = last + 1;
  }
  return groups.length ? `${groups.join("; ")} (${calendar.timeZone})` : null;
}
