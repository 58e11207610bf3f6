/**
 * The business-hours editor's plain-text forms: a day's hours as "08:00-12:00, 13:00-17:00" (empty:
 * closed) and holidays one per line, "2026-12-24 Inventory" once or "12-25 Christmas" every year.
 */
export interface IntervalText {
  day: number;
  start: string;
  end: string;
}
export interface HolidayText {
  date: string;
  yearly: boolean;
  name?: string;
}

const pad = (time: string) => (/^\d:\d\d$/.test(time) ? `0${time}` : time);

/** The intervals of one weekday from its text; throws with the piece that is not "HH:MM-HH:MM". */
export function parseDayHours(day: number, text: string): IntervalText[] {
  return text
    .split(/[,;]/)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .map((piece) => {
      const match = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(piece);
      if (!match) throw new Error(piece);
      return { day, start: pad(match[1]!), end: pad(match[2]!) };
    });
}

export const formatDayHours = (intervals: IntervalText[], day: number): string =>
  intervals
    .filter((interval) => interval.day === day)
    .map((interval) => `${interval.start}-${interval.end}`)
    .join(", ");

/** Holidays from their lines; throws with the line that does not start with a date. Yearly ones keep year 2000. */
export function parseHolidays(text: string): HolidayText[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\d{4}-)?(\d{2}-\d{2})\s*(.*)$/.exec(line);
      if (!match) throw new Error(line);
      const name = match[3]!.trim();
      return {
        date: `${match[1] ? match[1] : "2000-"}${match[2]}`,
        yearly: !match[1],
        ...(name ? { name } : {}),
      };
    });
}

export const formatHolidays = (holidays: HolidayText[]): string =>
  holidays
    .map(
      (holiday) =>
        `${holiday.yearly ? holiday.date.slice(5) : holiday.date}${holiday.name ? ` ${holiday.name}` : ""}`,
    )
    .join("\n");
