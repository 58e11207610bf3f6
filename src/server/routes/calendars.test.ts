import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";

interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  intervals: { day: number; start: string; end: string }[];
  holidays: { date: string; yearly: boolean; name?: string }[];
}
interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId);
});
afterAll(() => t.close());

const zagreb = {
  name: "Zagreb office",
  timeZone: "Europe/Zagreb",
  intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "16:00" })),
  holidays: [{ date: "2026-12-25", yearly: true, name: "Christmas" }],
};

describe("/api/v1/calendars", () => {
  it("creates, lists, changes and deletes calendars; agents read only", async () => {
    const created = await api.post<Calendar>("/api/v1/calendars", owner, zagreb);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Zagreb office", timeZone: "Europe/Zagreb" });
    expect(created.body.intervals).toHaveLength(5);
    expect((await api.post("/api/v1/calendars", agent, { ...zagreb, name: "Mine" })).status).toBe(403);
    expect((await api.post<ErrorBody>("/api/v1/calendars", owner, zagreb)).body.error.code).toBe("conflict");
    const list = await api.get<{ data: Calendar[] }>("/api/v1/calendars", agent);
    expect(list.body.data.map((c) => c.name)).toContain("Zagreb office");

    const changed = await api.put<Calendar>(`/api/v1/calendars/${created.body.id}`, owner, {
      ...zagreb,
      intervals: [{ day: 5, start: "22:00", end: "06:00" }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.intervals).toEqual([{ day: 5, start: "22:00", end: "06:00" }]);

    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect(
      (await api.put(`/api/v1/inboxes/${inbox.id}/calendar`, owner, { calendarId: created.body.id })).status,
    ).toBe(204);
    const shown = await api.get<{ calendarId: string | null }>(`/api/v1/inboxes/${inbox.id}`, owner);
    expect(shown.body.calendarId).toBe(created.body.id);
    expect((await api.delete(`/api/v1/calendars/${created.body.id}`, owner)).status).toBe(204);
    expect(
      (await api.get<{ calendarId: string | null }>(`/api/v1/inboxes/${inbox.id}`, owner)).body.calendarId,
    ).toBeNull();
  });

  it("names every field that is wrong", async () => {
    const response = await api.post<ErrorBody>("/api/v1/calendars", owner, {
      name: "Broken",
      timeZone: "Europe/Atlantis",
      intervals: [{ day: 9, start: "9:00", end: "17:00" }],
      holidays: [{ date: "25.12.2026", yearly: false }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details!.map((d) => d.field)).toEqual([
      "timeZone",
      "intervals.0.day",
      "intervals.0.start",
      "holidays.0.date",
    ]);
  });

  it("refuses another workspace's calendar for an inbox, as missing", async () => {
    const other = (await buildWorkspace(t.ctx)).owner;
    const theirs = await api.post<Calendar>("/api/v1/calendars", other, { ...zagreb, name: "Theirs" });
    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect(
      (await api.put(`/api/v1/inboxes/${inbox.id}/calendar`, owner, { calendarId: theirs.body.id })).status,
    ).toBe(404);
  });

  it("reads the holidays of an iCalendar file, and refuses anything else", async () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Heed test//EN",
      "BEGIN:VEVENT",
      "UID:1",
      "DTSTART;VALUE=DATE:20261225",
      "SUMMARY:Christmas",
      "RRULE:FREQ=YEARLY",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const send = (body: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/calendars/holidays/from-ics",
        headers: { authorization: `Bearer ${agent.token}`, "content-type": "text/calendar" },
        payload: body,
      });
    const read = await send(ics);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ holidays: [{ date: "2000-12-25", yearly: true, name: "Christmas" }] });
    const refused = await send("not a calendar");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe("file");
  });
});
