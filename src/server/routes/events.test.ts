import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { TEvent } from "../presenters/event-presenter.js";

interface Page {
  data: TEvent[];
  nextCursor: string | null;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId);
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

/** Every event the actor can read after `after`, following nextCursor. */
async function catchUp(actor: TestActor, after = 0, extra = ""): Promise<TEvent[]> {
  const events: TEvent[] = [];
  let cursor: string | null = String(after);
  while (cursor) {
    const page: { body: Page } = await api.get<Page>(`/api/v1/events?after=${cursor}&limit=5${extra}`, actor);
    events.push(...page.body.data);
    cursor = page.body.nextCursor;
  }
  return events;
}

describe("GET /api/v1/events", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/events", null)).status).toBe(401);
  });

  it("answers 400 naming the field for a bad after or conversationId", async () => {
    const after = await api.get<{ error: { details: { field: string }[] } }>(
      "/api/v1/events?after=abc",
      agent,
    );
    expect(after.body.error.details[0]!.field).toBe("after");
    const id = await api.get<{ error: { details: { field: string }[] } }>(
      "/api/v1/events?conversationId=1",
      agent,
    );
    expect(id.body.error.details[0]!.field).toBe("conversationId");
  });

  it("returns 404 for a conversation of another workspace", async () => {
    const foreign = await buildConversation(t.ctx, { workspaceId: stranger.workspaceId });
    const response = await api.get(`/api/v1/events?conversationId=${foreign.conversation.id}`, owner);
    expect(response.status).toBe(404);
  });

  it("lets a client catch up from its last event id, in order, without repeats", async () => {
    const start = (await catchUp(agent)).at(-1)?.id ?? 0;
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    await api.post(`/api/v1/conversations/${conversation.id}/messages`, owner, {
      kind: "reply",
      body: "On it",
    });
    await api.patch(`/api/v1/conversations/${conversation.id}`, owner, { status: "resolved" });
    const events = await catchUp(agent, start);
    const mine = events.filter((e) => e.conversationId === conversation.id).map((e) => e.type);
    expect(mine).toEqual([
      "conversation.created",
      "message.created",
      "message.created",
      "conversation.status_changed",
    ]);
    // The conversation's number is taken in the statement that writes the event, and is in it.
    const created = events.find(
      (e) => e.conversationId === conversation.id && e.type === "conversation.created",
    );
    expect(created!.payload).toEqual({
      number: conversation.number,
      inboxId: conversation.inbox_id,
      channel: conversation.channel,
      customerId: conversation.customer_id,
    });
    const ids = events.map((e) => e.id);
    expect([...new Set(ids)]).toEqual(ids);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const one = await catchUp(agent, start, `&conversationId=${conversation.id}`);
    expect(one.every((e) => e.conversationId === conversation.id)).toBe(true);
    expect(one).toHaveLength(4);
  });

  it("hides events of members-only inboxes from agents who are not members, and other workspaces' events", async () => {
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const secret = await buildConversation(t.ctx, { workspaceId, inboxId: closed.id });
    const foreign = await buildConversation(t.ctx, { workspaceId: stranger.workspaceId });
    const forAgent = await catchUp(agent);
    expect(forAgent.some((e) => e.conversationId === secret.conversation.id)).toBe(false);
    expect(forAgent.some((e) => e.type === "inbox.created" && e.payload.inboxId === closed.id)).toBe(false);
    expect(forAgent.some((e) => e.conversationId === foreign.conversation.id)).toBe(false);
    expect((await api.get(`/api/v1/events?conversationId=${secret.conversation.id}`, agent)).status).toBe(
      404,
    );
    const forOwner = await catchUp(owner);
    expect(forOwner.some((e) => e.conversationId === secret.conversation.id)).toBe(true);
  });

  it("never shows another user's sign-ins or API tokens, but shows the user their own", async () => {
    const cookie = await signIn(t.app, owner.user.email, owner.password);
    await api.post("/api/v1/tokens", cookie, { name: "CI" });
    const isPrivate = (e: TEvent) => e.type.startsWith("session.") || e.type.startsWith("api_token.");
    expect((await catchUp(agent)).some(isPrivate)).toBe(false);
    const own = (await catchUp(owner)).filter(isPrivate).map((e) => e.type);
    expect(own).toEqual(expect.arrayContaining(["session.created", "api_token.created"]));
  });
});

describe("GET /api/v1/events/latest", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/events/latest", null)).status).toBe(401);
  });

  it("gives the workspace's newest event id, after which a client sees only newer events", async () => {
    const before = await api.get<{ id: number }>("/api/v1/events/latest", owner);
    expect(before.status).toBe(200);
    const inbox = await buildInbox(t.ctx, { workspaceId });
    await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id });
    const after = await api.get<{ id: number }>("/api/v1/events/latest", owner);
    expect(after.body.id).toBeGreaterThan(before.body.id);
    const newer = await catchUp(owner, before.body.id);
    expect(newer.length).toBeGreaterThan(0);
    expect(newer.every((event) => event.id > before.body.id)).toBe(true);
    expect(Math.max(...newer.map((event) => event.id))).toBe(after.body.id);
  });

  it("does not move for another workspace's events", async () => {
    const mine = await api.get<{ id: number }>("/api/v1/events/latest", owner);
    await buildConversation(t.ctx, { workspaceId: stranger.workspaceId });
    expect((await api.get<{ id: number }>("/api/v1/events/latest", owner)).body.id).toBe(mine.body.id);
  });
});
