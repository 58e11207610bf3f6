import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { isUniqueViolation } from "../db/errors.js";
import { conflict, forbidden, HttpError, notFound } from "../lib/errors.js";
import { calendarProblems } from "../lib/business-hours.js";
import { newId } from "../lib/ids.js";
import {
  deleteCalendarRow,
  findCalendar,
  insertCalendar,
  setInboxCalendar,
  updateCalendarRow,
  type CalendarFields,
  type CalendarRow,
} from "../models/calendars.js";
import { recordEvent } from "../models/events.js";
import { isWorkspaceAdmin } from "../policies/inbox-policy.js";

/** 400 naming every field that is wrong (time zone, times, days, dates). */
function check(fields: CalendarFields): void {
  const problems = calendarProblems({
    timeZone: fields.timeZone,
    intervals: fields.intervals,
    holidays: fields.holidays,
  });
  if (problems.length === 0) return;
  throw new HttpError(
    400,
    "invalid",
    problems[0]!,
    problems.map((problem) => {
      const [field, ...rest] = problem.split(": ");
      return { field, message: rest.join(": ") };
    }),
  );
}

function requireAdmin(actor: Actor): void {
  if (!isWorkspaceAdmin(actor)) throw forbidden("Only owners and admins change business hours");
}

/**
 * Creates (`id` null) or replaces a calendar in one transaction with its event; a name another calendar
 * of the workspace has is 409.
 */
async function saveCalendar(db: Database, actor: Actor, id: string | null, fields: CalendarFields) {
  requireAdmin(actor);
  check(fields);
  try {
    return await db.transaction(async (tx) => {
      const row = id
        ? await updateCalendarRow(tx, actor.workspaceId, id, fields)
        : await insertCalendar(tx, { ...fields, id: newId(), workspaceId: actor.workspaceId });
      if (!row) throw notFound("Calendar");
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: id ? "calendar.updated" : "calendar.created",
        actorUserId: actor.userId,
        payload: { calendarId: row.id },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, "calendars_name_key")) {
      throw conflict("A calendar with this name exists already");
    }
    throw error;
  }
}

/** A new business-hours calendar; `calendar.created`. */
export const createCalendar = (db: Database, actor: Actor, fields: CalendarFields): Promise<CalendarRow> =>
  saveCalendar(db, actor, null, fields);

/** Replaces a calendar's name, zone, intervals and holidays; `calendar.updated`. */
export const updateCalendar = (
  db: Database,
  actor: Actor,
  id: string,
  fields: CalendarFields,
): Promise<CalendarRow> => saveCalendar(db, actor, id, fields);

/** Deletes a calendar; inboxes that followed it are always open again. `calendar.deleted`. */
export async function deleteCalendar(db: Database, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    if (!(await deleteCalendarRow(tx, actor.workspaceId, id))) throw notFound("Calendar");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "calendar.deleted",
      actorUserId: actor.userId,
      payload: { calendarId: id },
    });
  });
}

/** Makes an inbox follow a calendar (null: always open); `inbox.updated`. */
export async function setInboxBusinessHours(
  db: Database,
  actor: Actor,
  inboxId: string,
  calendarId: string | null,
): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    if (calendarId && !(await findCalendar(tx, actor.workspaceId, calendarId))) throw notFound("Calendar");
    if (!(await setInboxCalendar(tx, actor.workspaceId, inboxId, calendarId))) throw notFound("Inbox");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.updated",
      actorUserId: actor.userId,
      payload: { inboxId, calendarId },
    });
  });
}
