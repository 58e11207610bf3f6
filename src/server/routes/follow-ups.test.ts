import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { TestApp } from "../../../test/helpers/app.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { TConversation } from "../presenters/conversation-presenter.js";
import type { TFollowUp } from "../presenters/follow-up-presenter.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest({ agentName: "Ana Kovač" }));
});
afterAll(() => t.close());

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const url = (id: string) => `/api/v1/conversations/${id}/follow-up`;
const newConversation = async () => (await buildConversation(t.ctx, { workspaceId })).conversation.id;

const eventsOf = (conversationId: string, type: string) =>
  t.ctx.db.query<{ payload: Record<string, unknown>; actor_user_id: string | null }>(
    "SELECT payload, actor_user_id FROM events WHERE conversation_id = $1 AND type = $2 ORDER BY id",
    [conversationId, type],
  );

const lastActivity = async (conversationId: string) =>
  (
    await t.ctx.db.query<{ body: string; meta: Record<string, unknown> }>(
      `SELECT body, meta FROM messages WHERE conversation_id = $1 AND kind = 'activity'
        ORDER BY created_at DESC, id DESC LIMIT 1`,
      [conversationId],
    )
  )[0];

describe("PUT /api/v1/conversations/:id/follow-up", () => {
  it("returns 401 without credentials", async () => {
    const id = await newConversation();
    expect((await api.put(url(id), null, { dueAt: inHours(1) })).status).toBe(401);
  });

  it("returns 404 for a conversation of another workspace", async () => {
    const id = await newConversation();
    expect((await api.put(url(id), stranger, { dueAt: inHours(1) })).status).toBe(404);
    expect(await eventsOf(id, "conversation.follow_up_set")).toHaveLength(0);
  });

  it("returns 404 to an agent for a conversation in an inbox they do not see", async () => {
    const hidden = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: hidden.id });
    expect((await api.put(url(conversation.id), agent, { dueAt: inHours(1) })).status).toBe(404);
  });

  it("answers 400 for a time that is not in the future, a long note or unknown fields", async () => {
    const id = await newConversation();
    const past = await api.put<ErrorBody>(url(id), agent, { dueAt: inHours(-1) });
    expect(past.status).toBe(400);
    expect(past.body.error.details![0]!.field).toBe("dueAt");
    const notATime = await api.put<ErrorBody>(url(id), agent, { dueAt: "tomorrow" });
    expect(notATime.status).toBe(400);
    expect(notATime.body.error.details![0]!.field).toBe("dueAt");
    const long = await api.put<ErrorBody>(url(id), agent, { dueAt: inHours(1), note: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error.details![0]!.field).toBe("note");
    const extra = await api.put<ErrorBody>(url(id), agent, { dueAt: inHours(1), userId: owner.user.id });
    expect(extra.status).toBe(400);
    expect(await eventsOf(id, "conversation.follow_up_set")).toHaveLength(0);
  });

  it("sets a follow-up, logs it in the timeline and shows it on the conversation", async () => {
    const id = await newConversation();
    const dueAt = inHours(48);
    const response = await api.put<TFollowUp>(url(id), agent, {
      dueAt,
      note: "  Check the replacement arrived  ",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      conversationId: id,
      dueAt,
      note: "Check the replacement arrived",
      createdBy: { id: agent.user.id, name: "Ana Kovač" },
    });

    const activity = await lastActivity(id);
    expect(activity!.body).toBe(`Ana Kovač will follow up on ${dueAt}: Check the replacement arrived`);
    expect(activity!.meta).toMatchObject({ action: "follow_up_set", dueAt, previousDueAt: null });
    const events = await eventsOf(id, "conversation.follow_up_set");
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      followUpId: response.body.id,
      dueAt,
      replacedFollowUpId: null,
    });
    expect(events[0]!.actor_user_id).toBe(agent.user.id);

    const detail = await api.get<TConversation>(`/api/v1/conversations/${id}`, agent);
    expect(detail.body.followUp).toEqual(response.body);
    expect(detail.body.abilities.canFollowUp).toBe(true);
  });

  it("takes a follow-up without a note", async () => {
    const id = await newConversation();
    const dueAt = inHours(2);
    const response = await api.put<TFollowUp>(url(id), owner, { dueAt });
    expect(response.status).toBe(200);
    expect(response.body.note).toBe("");
    expect((await lastActivity(id))!.body).toBe(`Olga Owner will follow up on ${dueAt}`);
  });

  it("replaces the pending follow-up: one per conversation", async () => {
    const id = await newConversation();
    const first = await api.put<TFollowUp>(url(id), agent, { dueAt: inHours(24), note: "first" });
    const second = await api.put<TFollowUp>(url(id), owner, { dueAt: inHours(72), note: "second" });
    expect(second.status).toBe(200);
    const detail = await api.get<TConversation>(`/api/v1/conversations/${id}`, agent);
    expect(detail.body.followUp).toMatchObject({ id: second.body.id, note: "second" });
    const rows = await t.ctx.db.query<{ id: string; cancelled_at: Date | null }>(
      "SELECT id, cancelled_at FROM follow_ups WHERE conversation_id = $1 ORDER BY created_at",
      [id],
    );
    expect(rows.map((row) => [row.id, row.cancelled_at !== null])).toEqual([
      [first.body.id, true],
      [second.body.id, false],
    ]);
    const events = await eventsOf(id, "conversation.follow_up_set");
    expect(events[1]!.payload.replacedFollowUpId).toBe(first.body.id);
    expect((await lastActivity(id))!.meta.previousDueAt).toBe(first.body.dueAt);
  });

  it("sets a follow-up on a resolved conversation (the usual case: check back later)", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, status: "resolved" });
    expect((await api.put(url(conversation.id), agent, { dueAt: inHours(24) })).status).toBe(200);
  });
});

describe("DELETE /api/v1/conversations/:id/follow-up", () => {
  it("returns 401 without credentials", async () => {
    const id = await newConversation();
    expect((await api.delete(url(id), null)).status).toBe(401);
  });

  it("returns 404 for a conversation of another workspace, and leaves its follow-up", async () => {
    const id = await newConversation();
    await api.put(url(id), owner, { dueAt: inHours(5) });
    expect((await api.delete(url(id), stranger)).status).toBe(404);
    const detail = await api.get<TConversation>(`/api/v1/conversations/${id}`, owner);
    expect(detail.body.followUp).not.toBeNull();
  });

  it("cancels the pending follow-up with a timeline line and an event; again is a no-op", async () => {
    const id = await newConversation();
    const set = await api.put<TFollowUp>(url(id), agent, { dueAt: inHours(5), note: "call back" });
    const response = await api.delete(url(id), owner);
    expect(response.status).toBe(204);
    const detail = await api.get<TConversation>(`/api/v1/conversations/${id}`, agent);
    expect(detail.body.followUp).toBeNull();
    expect((await lastActivity(id))!.body).toBe(`Olga Owner cancelled the follow-up on ${set.body.dueAt}`);
    const events = await eventsOf(id, "conversation.follow_up_cancelled");
    expect(events.map((e) => e.payload.followUpId)).toEqual([set.body.id]);

    expect((await api.delete(url(id), owner)).status).toBe(204);
    expect(await eventsOf(id, "conversation.follow_up_cancelled")).toHaveLength(1);
  });
});
