import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import {
  createCalendar,
  deleteCalendar,
  setInboxBusinessHours,
  updateCalendar,
} from "../commands/save-calendar.js";
import { findCalendars, type CalendarRow } from "../models/calendars.js";
import { invalid } from "../lib/errors.js";
import { holidaysFromICalendar, NotICalendarError } from "../lib/ical-holidays.js";
import { actorOf } from "../plugins/auth.js";
import { acceptRawBodies } from "./raw-body.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

const ZInterval = z.strictObject({
  day: z.number().int(),
  start: z.string().max(5),
  end: z.string().max(5),
});
const ZHoliday = z.strictObject({
  date: z.string().max(10),
  yearly: z.boolean().default(false),
  name: z.string().trim().max(200).optional(),
});

export const ZCalendar = z.object({
  id: z.string(),
  name: z.string(),
  /** IANA time zone, e.g. Europe/Zagreb. */
  timeZone: z.string(),
  /** Weekly open intervals: day 1 (Monday) to 7 (Sunday), "HH:MM"; an end at or before the start is the next day. */
  intervals: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
  holidays: z.array(z.object({ date: z.string(), yearly: z.boolean(), name: z.string().optional() })),
});

export const ZCalendarBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().max(100),
  intervals: z.array(ZInterval).max(100),
  holidays: z.array(ZHoliday).max(400).default([]),
});

const present = (row: CalendarRow): z.infer<typeof ZCalendar> => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  intervals: row.intervals,
  holidays: row.holidays,
});

const fieldsOf = (body: z.infer<typeof ZCalendarBody>) => ({
  name: body.name,
  timeZone: body.timeZone,
  intervals: body.intervals.map((i) => ({ ...i, day: i.day as 1 | 2 | 3 | 4 | 5 | 6 | 7 })),
  holidays: body.holidays,
});

/** /calendars: business hours (owners and admins change them; everyone reads them). */
export function registerCalendarRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/calendars",
    {
      schema: {
        tags: ["business hours"],
        summary: "The workspace's business-hours calendars",
        response: { 200: listOf(ZCalendar), ...ZErrorResponses },
      },
    },
    async (request) => ({
      data: (await findCalendars(ctx.db, actorOf(request).workspaceId)).map(present),
      nextCursor: null,
    }),
  );
  app.post(
    "/calendars",
    {
      schema: {
        tags: ["business hours"],
        summary: "Create a calendar: time zone, weekly intervals and holidays",
        body: ZCalendarBody,
        response: { 201: ZCalendar, ...ZErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await createCalendar(ctx.db, actorOf(request), fieldsOf(request.body)))),
  );
  app.put(
    "/calendars/:id",
    {
      schema: {
        tags: ["business hours"],
        summary: "Replace a calendar's name, time zone, intervals and holidays",
        params: ZUuidParams,
        body: ZCalendarBody,
        response: { 200: ZCalendar, ...ZErrorResponses },
      },
    },
    async (request) =>
      present(await updateCalendar(ctx.db, actorOf(request), request.params.id, fieldsOf(request.body))),
  );
  app.delete(
    "/calendars/:id",
    {
      schema: {
        tags: ["business hours"],
        summary: "Delete a calendar (its inboxes are always open again)",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteCalendar(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  // An iCalendar file as the body (a holiday calendar exported from any calendar app): its holidays,
  // for the editor to add; nothing is saved.
  void app.register(async (scope) => {
    acceptRawBodies(scope, 1024 * 1024);
    (scope as ApiApp).post(
      "/calendars/holidays/from-ics",
      {
        schema: {
          tags: ["business hours"],
          summary: "Read the holidays of an iCalendar (.ics) file sent as the body; nothing is saved",
          response: { 200: z.object({ holidays: ZCalendar.shape.holidays }), ...ZErrorResponses },
        },
      },
      async (request) => {
        actorOf(request);
        const body = request.body;
        const text = Buffer.isBuffer(body) ? body.toString("utf8") : typeof body === "string" ? body : "";
        try {
          return { holidays: holidaysFromICalendar(text) };
        } catch (error) {
          if (error instanceof NotICalendarError) throw invalid("file", error.message);
          throw error;
        }
      },
    );
  });
  app.put(
    "/inboxes/:id/calendar",
    {
      schema: {
        tags: ["business hours"],
        summary: "Make an inbox follow a calendar (null: always open)",
        params: ZUuidParams,
        body: z.strictObject({ calendarId: z.uuid().nullable() }),
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await setInboxBusinessHours(ctx.db, actorOf(request), request.params.id, request.body.calendarId);
      return reply.status(204).send(null);
    },
  );
}
