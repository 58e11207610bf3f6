import type { Queryable } from "../db/types.js";
import type { BusinessCalendar, Holiday, OpenInterval } from "../lib/business-hours.js";

export interface CalendarRow {
  id: string;
  workspace_id: string;
  name: string;
  time_zone: string;
  intervals: OpenInterval[];
  holidays: Holiday[];
  created_at: Date;
  updated_at: Date;
}

const columns = "id, workspace_id, name, time_zone, intervals, holidays, created_at, updated_at";

export const toBusinessCalendar = (row: CalendarRow): BusinessCalendar => ({
  timeZone: row.time_zone,
  intervals: row.intervals,
  holidays: row.holidays,
});

export async function findCalendars(db: Queryable, workspaceId: string): Promise<CalendarRow[]> {
  return db.query<CalendarRow>(
    `SELECT ${columns} FROM calendars WHERE workspace_id = $1 ORDER BY lower(name), id`,
    [workspaceId],
  );
}

export async function findCalendar(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<CalendarRow | undefined> {
  const rows = await db.query<CalendarRow>(
    `SELECT ${columns} FROM calendars WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/** The calendar an inbox follows, if any. */
export async function findInboxCalendar(db: Queryable, inboxId: string): Promise<CalendarRow | undefined> {
  const rows = await db.query<CalendarRow>(
    `SELECT ${columns.replace(/(\w+)/g, "c.$1")} FROM calendars c JOIN inboxes i ON i.calendar_id = c.id
      WHERE i.id = $1`,
    [inboxId],
  );
  return rows[0];
}

export interface CalendarFields {
  name: string;
  timeZone: string;
  intervals: OpenInterval[];
  holidays: Holiday[];
}

export async function insertCalendar(
  tx: Queryable,
  calendar: CalendarFields & { id: string; workspaceId: string },
): Promise<CalendarRow> {
  const rows = await tx.query<CalendarRow>(
    `INSERT INTO calendars (id, workspace_id, name, time_zone, intervals, holidays)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING ${columns}`,
    [
      calendar.id,
      calendar.workspaceId,
      calendar.name,
      calendar.timeZone,
      JSON.stringify(calendar.intervals),
      JSON.stringify(calendar.holidays),
    ],
  );
  return rows[0]!;
}

export async function updateCalendarRow(
  tx: Queryable,
  workspaceId: string,
  id: string,
  calendar: CalendarFields,
): Promise<CalendarRow | undefined> {
  const rows = await tx.query<CalendarRow>(
    `UPDATE calendars SET name = $3, time_zone = $4, intervals = $5::jsonb, holidays = $6::jsonb, updated_at = now()
      WHERE workspace_id = $1 AND id = $2 RETURNING ${columns}`,
    [
      workspaceId,
      id,
      calendar.name,
      calendar.timeZone,
      JSON.stringify(calendar.intervals),
      JSON.stringify(calendar.holidays),
    ],
  );
  return rows[0];
}

export async function deleteCalendarRow(tx: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await tx.query("DELETE FROM calendars WHERE workspace_id = $1 AND id = $2 RETURNING id", [
    workspaceId,
    id,
  ]);
  return rows.length > 0;
}

/** Sets (or clears) the calendar an inbox follows; false when the inbox is not the workspace's. */
export async function setInboxCalendar(
  tx: Queryable,
  workspaceId: string,
  inboxId: string,
  calendarId: string | null,
): Promise<boolean> {
  const rows = await tx.query(
    "UPDATE inboxes SET calendar_id = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING id",
    [workspaceId, inboxId, calendarId],
  );
  return rows.length > 0;
}
