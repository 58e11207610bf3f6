import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildInbox, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildSlaPolicy } from "../../../test/helpers/factories-sla.js";
import type { Actor } from "../context.js";
import type { ResponseClockRow } from "../models/response-clocks.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";
import { fireSlaTimers } from "./fire-sla-timers.js";
import { replyToConversation } from "./reply-to-conversation.js";
import { createCalendar, setInboxBusinessHours } from "./save-calendar.js";
import { updateConversation } from "./update-conversation.js";

/**
 * Response clocks on hand-computed cases. The inbox is open Monday–Friday 09:00–17:00 in Zagreb (UTC+1
 * in January); the standard policy wants a first reply within 2 business hours, a next reply within 4 and
 * a resolution within 16, and warns at 80%. Each case uses its own week, in order, because a timer pass
 * looks at every clock of the database.
 */
let t: TestApp;
let owner: Actor;
let workspaceId: string;
let inboxId: string;
let urgentTagId: string;
const HOUR = 3600;

beforeAll(async () => {
  t = await createTestApp();
  const built = await buildWorkspace(t.ctx);
  workspaceId = built.workspace.id;
  owner = await ownerActor(t.ctx, workspaceId);
  inboxId = (await buildInbox(t.ctx, { workspaceId })).id;
  const calendar = await createCalendar(t.ctx.db, owner, {
    name: "Office",
    timeZone: "Europe/Zagreb",
    intervals: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, start: "09:00", end: "17:00" })),
    holidays: [],
  });
  await setInboxBusinessHours(t.ctx.db, owner, inboxId, calendar.id);
  const tag = await t.ctx.db.query<{ id: string }>(
    "INSERT INTO tags (id, workspace_id, name) VALUES (gen_random_uuid(), $1, 'vip') RETURNING id",
    [workspaceId],
  );
  urgentTagId = tag[0]!.id;
  const policy = (name: string, over: Parameters<typeof buildSlaPolicy>[2]) =>
    buildSlaPolicy(t.ctx, workspaceId, { name, firstResponseSeconds: null, ...over });
  // Tried in this order: urgent first, then VIP customers, then everything else.
  await policy("Urgent", { priorities: ["urgent"], firstResponseSeconds: 1800 });
  await policy("VIP", { tagIds: [urgentTagId], firstResponseSeconds: HOUR });
  await policy("Standard", {
    inboxIds: [inboxId],
    firstResponseSeconds: 2 * HOUR,
    nextResponseSeconds: 4 * HOUR,
    resolutionSeconds: 16 * HOUR,
  });
});
afterAll(() => t.close());

const utc = (text: string) => new Date(text);

async function startAt(at: string, inbox = inboxId) {
  const { conversation } = await createConversation(t.ctx.db, {
    workspaceId,
    inboxId: inbox,
    customer: { email: `c-${Math.random().toString(36).slice(2)}@example.test` },
    subject: "Where is my order?",
    body: "It has not arrived.",
    at: utc(at),
  });
  return conversation.id;
}

const reply = (id: string, at: string) =>
  replyToConversation(t.ctx.db, owner, id, { kind: "reply", body: "On its way.", at: utc(at) });

async function clocks(id: string): Promise<ResponseClockRow[]> {
  return t.ctx.db.query<ResponseClockRow>(
    "SELECT * FROM response_clocks WHERE conversation_id = $1 ORDER BY started_at, kind",
    [id],
  );
}
const clockOf = async (id: string, kind: string) => (await clocks(id)).filter((c) => c.kind === kind).at(-1)!;

async function slaEvents(id: string) {
  const rows = await t.ctx.db.query<{ type: string; payload: { kind: string; at: string } }>(
    "SELECT type, payload FROM events WHERE conversation_id = $1 AND type LIKE 'sla.%' ORDER BY id",
    [id],
  );
  return rows.map((row) => `${row.type} ${row.payload.kind} ${row.payload.at}`);
}

const conversationSla = async (id: string) =>
  (
    await t.ctx.db.query<{ sla_due_at: Date | null; sla_state: string | null }>(
      "SELECT sla_due_at, sla_state FROM conversations WHERE id = $1",
      [id],
    )
  )[0]!;

describe("first response", () => {
  it("starts counting at the next opening for a message sent before hours, and is met by the reply", async () => {
    // Monday 12 January, 07:00 in Zagreb: closed until 09:00 (08:00 UTC); 2 h → due 10:00 UTC.
    const id = await startAt("2026-01-12T06:00:00Z");
    const first = await clockOf(id, "first_response");
    expect(first).toMatchObject({ status: "running", target_seconds: 2 * HOUR, policy_name: "Standard" });
    expect(first.due_at?.toISOString()).toBe("2026-01-12T10:00:00.000Z");
    expect(first.warn_at?.toISOString()).toBe("2026-01-12T09:36:00.000Z");
    expect(await conversationSla(id)).toEqual({ sla_due_at: utc("2026-01-12T10:00:00Z"), sla_state: "ok" });

    // Replied at 10:30 local: 3.5 h of calendar time, 1.5 h of business time.
    await reply(id, "2026-01-12T09:30:00Z");
    const met = await clockOf(id, "first_response");
    expect(met).toMatchObject({
      status: "met",
      calendar_seconds: 3.5 * HOUR,
      business_seconds: 1.5 * HOUR,
      used_seconds: 1.5 * HOUR,
      replied_by: owner.userId,
    });
    expect(met.stopped_at?.toISOString()).toBe("2026-01-12T09:30:00.000Z");
    // The resolution clock still runs; the conversation shows its due time.
    expect((await conversationSla(id)).sla_due_at?.toISOString()).toBe(
      (await clockOf(id, "resolution")).due_at?.toISOString(),
    );
    expect(await slaEvents(id)).toEqual([
      "sla.started first_response 2026-01-12T06:00:00.000Z",
      "sla.started resolution 2026-01-12T06:00:00.000Z",
      "sla.met first_response 2026-01-12T09:30:00.000Z",
    ]);
  });

  it("warns at 80%, breaches at the target, and stays breached when the late reply comes", async () => {
    // Monday 19 January, 10:00 local: warning at 11:36, due at 12:00 local.
    const id = await startAt("2026-01-19T09:00:00Z");
    await fireSlaTimers(t.ctx.db, utc("2026-01-19T10:35:00Z"));
    expect((await clockOf(id, "first_response")).warned_at).toBeNull();
    await fireSlaTimers(t.ctx.db, utc("2026-01-19T10:40:00Z"));
    expect((await clockOf(id, "first_response")).warned_at?.toISOString()).toBe("2026-01-19T10:40:00.000Z");
    expect((await conversationSla(id)).sla_state).toBe("warning");
    // A second pass at the same moment changes nothing: the warning fired once.
    await fireSlaTimers(t.ctx.db, utc("2026-01-19T10:41:00Z"));
    // The worker looks late, at 11:20 UTC: the breach keeps its true moment, 11:00 UTC.
    await fireSlaTimers(t.ctx.db, utc("2026-01-19T11:20:00Z"));
    const breached = await clockOf(id, "first_response");
    expect(breached.status).toBe("running");
    expect(breached.breached_at?.toISOString()).toBe("2026-01-19T11:00:00.000Z");
    expect(breached.next_check_at).toBeNull();
    expect((await conversationSla(id)).sla_state).toBe("breached");

    await reply(id, "2026-01-19T11:30:00Z");
    expect(await clockOf(id, "first_response")).toMatchObject({
      status: "breached",
      used_seconds: 2.5 * HOUR,
    });
    expect((await slaEvents(id)).filter((e) => e.includes("first_response"))).toEqual([
      "sla.started first_response 2026-01-19T09:00:00.000Z",
      "sla.warning first_response 2026-01-19T10:40:00.000Z",
      "sla.breached first_response 2026-01-19T11:00:00.000Z",
      "sla.stopped first_response 2026-01-19T11:30:00.000Z",
    ]);
  });

  it("records a breach the worker had not seen yet when the late reply comes first", async () => {
    const id = await startAt("2026-01-26T09:00:00Z"); // Monday 10:00 local, due 12:00 local
    await reply(id, "2026-01-26T11:15:00Z");
    const clock = await clockOf(id, "first_response");
    expect(clock.status).toBe("breached");
    expect(clock.breached_at?.toISOString()).toBe("2026-01-26T11:00:00.000Z");
    expect((await slaEvents(id)).slice(-2)).toEqual([
      "sla.breached first_response 2026-01-26T11:15:00.000Z",
      "sla.stopped first_response 2026-01-26T11:15:00.000Z",
    ]);
  });
});

describe("next response", () => {
  it("starts at a customer message after a reply, once for two messages, and runs over the night", async () => {
    const id = await startAt("2026-02-02T09:00:00Z"); // Monday 10:00 local
    await reply(id, "2026-02-02T09:20:00Z");
    // Tuesday 16:00 local: 1 h left that day, 3 h on Wednesday → due Wednesday 12:00 local.
    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: id,
      body: "Any news?",
      at: utc("2026-02-03T15:00:00Z"),
    });
    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: id,
      body: "Hello?",
      at: utc("2026-02-03T15:30:00Z"),
    });
    const next = (await clocks(id)).filter((c) => c.kind === "next_response");
    expect(next).toHaveLength(1);
    expect(next[0]!.started_at.toISOString()).toBe("2026-02-03T15:00:00.000Z");
    expect(next[0]!.due_at?.toISOString()).toBe("2026-02-04T11:00:00.000Z");
    // Answered Wednesday 09:30 local: 1.5 business hours (Tuesday 16–17, Wednesday 9–9:30).
    await reply(id, "2026-02-04T08:30:00Z");
    expect(await clockOf(id, "next_response")).toMatchObject({
      status: "met",
      business_seconds: 1.5 * HOUR,
      calendar_seconds: 17.5 * HOUR,
    });
  });
});

describe("resolution", () => {
  it("pauses while pending, resumes when the customer answers and is met when resolved in time", async () => {
    const id = await startAt("2026-02-09T09:00:00Z"); // Monday 10:00 local
    // Pending at 12:00 local: 2 h used.
    await updateConversation(t.ctx.db, owner, id, { status: "pending", at: utc("2026-02-09T11:00:00Z") });
    const paused = await clockOf(id, "resolution");
    expect(paused).toMatchObject({
      status: "paused",
      used_seconds: 2 * HOUR,
      due_at: null,
      next_check_at: null,
    });
    expect((await conversationSla(id)).sla_state).toBe("ok"); // the first response still runs

    // The customer answers Tuesday 10:00 local: 14 h left → Tuesday 7 h + Wednesday 7 h → 16:00 local.
    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: id,
      body: "Here is the photo.",
      at: utc("2026-02-10T09:00:00Z"),
    });
    const resumed = await clockOf(id, "resolution");
    expect(resumed.status).toBe("running");
    expect(resumed.due_at?.toISOString()).toBe("2026-02-11T15:00:00.000Z");

    // Resolved Wednesday 15:00 local: 2 + 7 + 6 = 15 SLA hours used (pending excluded) → met.
    await updateConversation(t.ctx.db, owner, id, { status: "resolved", at: utc("2026-02-11T14:00:00Z") });
    expect(await clockOf(id, "resolution")).toMatchObject({
      status: "met",
      used_seconds: 15 * HOUR,
      business_seconds: 21 * HOUR, // Monday 7 + Tuesday 8 + Wednesday 6, pending included
      calendar_seconds: 53 * HOUR,
    });
    // Nobody replied, and the first response was due Monday 12:00 local: resolving records the breach.
    expect((await clockOf(id, "first_response")).status).toBe("breached");
    const history = await slaEvents(id);
    expect(history).toContain("sla.paused resolution 2026-02-09T11:00:00.000Z");
    expect(history).toContain("sla.resumed resolution 2026-02-10T09:00:00.000Z");
    expect(history).toContain("sla.met resolution 2026-02-11T14:00:00.000Z");
    expect(await conversationSla(id)).toEqual({ sla_due_at: null, sla_state: null });
  });

  it("cancels an unanswered response when resolved in time, and a later message gets a next response", async () => {
    const id = await startAt("2026-02-16T09:00:00Z");
    await updateConversation(t.ctx.db, owner, id, { status: "resolved", at: utc("2026-02-16T09:30:00Z") });
    expect((await clockOf(id, "first_response")).status).toBe("cancelled");
    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: id,
      body: "It is still not here.",
      at: utc("2026-02-17T09:00:00Z"),
    });
    const next = await clockOf(id, "next_response");
    expect(next).toMatchObject({ status: "running", target_seconds: 4 * HOUR });
    // Reopened: the first resolution was measured, no new resolution clock starts.
    expect((await clocks(id)).filter((c) => c.kind === "resolution")).toHaveLength(1);
    // The reopen is a reporting row: by the customer, a day after the resolution.
    const reopens = await t.ctx.db.query<{ reopened_by: string; reopened_at: Date; resolved_at: Date }>(
      "SELECT reopened_by, reopened_at, resolved_at FROM conversation_reopens WHERE conversation_id = $1",
      [id],
    );
    expect(reopens).toEqual([
      {
        reopened_by: "customer",
        reopened_at: utc("2026-02-17T09:00:00Z"),
        resolved_at: utc("2026-02-16T09:30:00Z"),
      },
    ]);
    await updateConversation(t.ctx.db, owner, id, { status: "resolved", at: utc("2026-02-17T10:00:00Z") });
    await updateConversation(t.ctx.db, owner, id, { status: "open", at: utc("2026-02-17T11:00:00Z") });
    const byAgent = await t.ctx.db.query<{ reopened_by: string }>(
      "SELECT reopened_by FROM conversation_reopens WHERE conversation_id = $1 ORDER BY reopened_at",
      [id],
    );
    expect(byAgent.map((r) => r.reopened_by)).toEqual(["customer", "agent"]);
  });
});

describe("policy choice", () => {
  it("moves the deadline when the priority or tags change, keeping the time used", async () => {
    const id = await startAt("2026-02-23T09:00:00Z"); // Standard: due 12:00 local
    await updateConversation(t.ctx.db, owner, id, { tags: ["vip"], at: utc("2026-02-23T09:10:00Z") });
    const vip = await clockOf(id, "first_response");
    expect(vip).toMatchObject({ policy_name: "VIP", target_seconds: HOUR });
    expect(vip.due_at?.toISOString()).toBe("2026-02-23T10:00:00.000Z");
    // Resolution has no target under VIP: it is only measured now.
    expect(await clockOf(id, "resolution")).toMatchObject({ target_seconds: null, due_at: null });
    await updateConversation(t.ctx.db, owner, id, { priority: "urgent", at: utc("2026-02-23T09:20:00Z") });
    const urgent = await clockOf(id, "first_response");
    expect(urgent).toMatchObject({ policy_name: "Urgent", target_seconds: 1800 });
    expect(urgent.due_at?.toISOString()).toBe("2026-02-23T09:30:00.000Z");
    expect((await slaEvents(id)).filter((e) => e.startsWith("sla.changed"))).toHaveLength(3);
  });

  it("measures without a target where no policy applies, silently", async () => {
    const other = (await buildInbox(t.ctx, { workspaceId })).id; // no calendar, not in Standard
    const id = await startAt("2026-03-02T09:00:00Z", other);
    await reply(id, "2026-03-02T09:45:00Z");
    expect(await clockOf(id, "first_response")).toMatchObject({
      status: "met",
      target_seconds: null,
      calendar_seconds: 45 * 60,
      business_seconds: 45 * 60, // no calendar: every second counts
    });
    expect(await slaEvents(id)).toEqual([]);
    expect(await conversationSla(id)).toEqual({ sla_due_at: null, sla_state: null });
  });
});

describe("timers", () => {
  it("tell the owner of the conversation, and nobody when it is unassigned", async () => {
    const mine = await startAt("2026-03-16T08:00:00Z");
    const nobodys = await startAt("2026-03-16T08:00:00Z");
    await updateConversation(t.ctx.db, owner, mine, {
      assigneeId: owner.userId,
      at: utc("2026-03-16T08:01:00Z"),
    });
    await fireSlaTimers(t.ctx.db, utc("2026-03-16T09:40:00Z")); // past the warning (09:36 UTC)
    const notes = await t.ctx.db.query<{ conversation_id: string; kind: string; payload: { kind: string } }>(
      "SELECT conversation_id, kind, payload FROM notifications WHERE conversation_id = ANY($1::uuid[])",
      [[mine, nobodys]],
    );
    expect(notes.map((n) => [n.conversation_id, n.kind, n.payload.kind])).toEqual([
      [mine, "sla_warning", "first_response"],
    ]);
  });

  it("fire once when two passes run at the same time", async () => {
    const ids = await Promise.all(
      ["2026-03-09T08:00:00Z", "2026-03-09T08:05:00Z", "2026-03-09T08:10:00Z"].map((at) => startAt(at)),
    );
    const now = utc("2026-03-09T13:00:00Z");
    await Promise.all([
      fireSlaTimers(t.ctx.db, now),
      fireSlaTimers(t.ctx.db, now),
      fireSlaTimers(t.ctx.db, now),
    ]);
    for (const id of ids) {
      const fired = (await slaEvents(id)).filter((e) => e.startsWith("sla.breached first_response"));
      expect(fired).toHaveLength(1);
    }
  });
});
