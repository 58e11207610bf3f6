import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TConversation, TConversationItem } from "../presenters/conversation-presenter.js";

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string }[] };
}
interface Page {
  data: TConversationItem[];
  nextCursor: string | null;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
let inbox: InboxRow;
let privateInbox: InboxRow;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId, { name: "Ana Kovač" });
  inbox = await buildInbox(t.ctx, { workspaceId, name: "Support" });
  privateInbox = await buildInbox(t.ctx, { workspaceId, name: "VIP", access: "members" });
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const newConversation = (overrides: Record<string, unknown> = {}) => ({
  inboxId: inbox.id,
  customer: { email: `Maja.${Math.random().toString(36).slice(2, 8)}@Example.test`, name: "Maja Horvat" },
  subject: "Where is my order?",
  message: { body: "Hello, I ordered a lamp last week and it has not arrived yet." },
  ...overrides,
});

describe("POST /api/v1/conversations", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/conversations", null, newConversation())).status).toBe(401);
  });

  it("returns 404 for an inbox of another workspace", async () => {
    const response = await api.post<ErrorBody>("/api/v1/conversations", stranger, newConversation());
    expect(response.status).toBe(404);
  });

  it("returns 404 to an agent for a members-only inbox they are not a member of", async () => {
    const response = await api.post(
      "/api/v1/conversations",
      agent,
      newConversation({ inboxId: privateInbox.id }),
    );
    expect(response.status).toBe(404);
  });

  it("answers 400 naming the field for invalid or unknown input", async () => {
    const missing = await api.post<ErrorBody>(
      "/api/v1/conversations",
      owner,
      newConversation({ message: {} }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.details![0]!.field).toBe("message.body");
    const extra = await api.post<ErrorBody>(
      "/api/v1/conversations",
      owner,
      newConversation({ status: "resolved" }),
    );
    expect(extra.status).toBe(400);
    expect(extra.body.error.details![0]!.field).toBe("status");
    const noHandle = await api.post<ErrorBody>(
      "/api/v1/conversations",
      owner,
      newConversation({ customer: { name: "Nobody" } }),
    );
    expect(noHandle.status).toBe(400);
    expect(noHandle.body.error.details![0]!.field).toBe("customer.email");
  });

  it("creates an open conversation with the customer's incoming message, a number and a guessed language", async () => {
    const response = await api.post<TConversation>("/api/v1/conversations", agent, newConversation());
    expect(response.status).toBe(201);
    const c = response.body;
    expect(c.status).toBe("open");
    expect(c.number).toBeGreaterThan(0);
    expect(c.language).toBe("en");
    expect(c.inboxId).toBe(inbox.id);
    expect(c.channel).toBe("email");
    expect(c.customer.name).toBe("Maja Horvat");
    expect(c.customer.number).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(c.waitingSince).not.toBeNull();
    expect(c.preview).toContain("I ordered a lamp");
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]).toMatchObject({
      kind: "incoming",
      author: { type: "customer", name: "Maja Horvat" },
    });
    expect(c.messages[0]!.attachments).toEqual([]);
    expect(c.abilities.canReply).toBe(true);
  });

  it("numbers conversations one after another and finds the same customer by email in any letter case", async () => {
    const email = `same.${Date.now()}@example.test`;
    const first = await api.post<TConversation>(
      "/api/v1/conversations",
      owner,
      newConversation({ customer: { email } }),
    );
    const second = await api.post<TConversation>(
      "/api/v1/conversations",
      owner,
      newConversation({ customer: { email: email.toUpperCase(), phone: "+385 91 555 0101" } }),
    );
    expect(second.body.number).toBe(first.body.number + 1);
    expect(second.body.customer.id).toBe(first.body.customer.id);
    expect(second.body.customer.phone).toBe("+385 91 555 0101");
  });

  it("creates one customer and distinct numbers when the same new address writes several times at once", async () => {
    const email = `burst.${Date.now()}@example.test`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post<TConversation>("/api/v1/conversations", owner, newConversation({ customer: { email } })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.customer.id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.number)).size).toBe(5);
  });

  it("guesses Russian, Croatian and Slovak from the text, and keeps a language given explicitly", async () => {
    const cases = [
      ["Здравствуйте, мой заказ до сих пор не доставлен", "ru"],
      ["Poštovani, narudžba još nije stigla, molim vas pomoć", "hr"],
      ["Dobrý deň, objednávka mi ešte neprišla, prosím o pomoc", "sk"],
    ] as const;
    for (const [body, language] of cases) {
      const response = await api.post<TConversation>(
        "/api/v1/conversations",
        owner,
        newConversation({ subject: undefined, message: { body } }),
      );
      expect(response.body.language).toBe(language);
    }
    const given = await api.post<TConversation>(
      "/api/v1/conversations",
      owner,
      newConversation({ language: "hr" }),
    );
    expect(given.body.language).toBe("hr");
  });
});

describe("GET /api/v1/conversations", () => {
  let ws: string;
  let wsOwner: TestActor;
  let wsAgent: TestActor;
  let a: InboxRow;
  let b: InboxRow;

  beforeAll(async () => {
    const built = await buildWorkspace(t.ctx);
    ws = built.workspace.id;
    wsOwner = built.owner;
    wsAgent = await buildAgent(t.ctx, ws);
    a = await buildInbox(t.ctx, { workspaceId: ws, name: "General" });
    b = await buildInbox(t.ctx, { workspaceId: ws, name: "Billing", access: "members" });
  });

  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/conversations", null)).status).toBe(401);
  });

  it("answers 400 naming the field for a bad filter or cursor", async () => {
    const bad = await api.get<ErrorBody>("/api/v1/conversations?status=closed", wsOwner);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details![0]!.field).toBe("status");
    const cursor = await api.get<ErrorBody>("/api/v1/conversations?cursor=nonsense", wsOwner);
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details![0]!.field).toBe("cursor");
    const limit = await api.get<ErrorBody>("/api/v1/conversations?limit=101", wsOwner);
    expect(limit.body.error.details![0]!.field).toBe("limit");
  });

  it("lists newest activity first and pages with a cursor without gaps or repeats", async () => {
    const base = Date.parse("2024-03-01T10:00:00Z");
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { conversation } = await buildConversation(t.ctx, {
        workspaceId: ws,
        inboxId: a.id,
        at: new Date(base + (i % 3) * 60_000), // ties in time: the id breaks them
      });
      made.push(conversation.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/conversations?inboxId=${a.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { body: Page } = await api.get<Page>(url, wsOwner);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());
    const all = await api.get<Page>(`/api/v1/conversations?inboxId=${a.id}&limit=100`, wsOwner);
    const times = all.body.data.map((c) => c.lastMessageAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("filters by status, assignee (me, none, id), priority, tag, channel and team", async () => {
    const mine = await buildConversation(t.ctx, {
      workspaceId: ws,
      inboxId: a.id,
      assigneeId: wsAgent.user.id,
      priority: "urgent",
      tags: ["Refund"],
    });
    const pending = await buildConversation(t.ctx, { workspaceId: ws, inboxId: a.id, status: "pending" });
    const ids = async (query: string, actor = wsAgent) =>
      (await api.get<Page>(`/api/v1/conversations?${query}&limit=100`, actor)).body.data.map((c) => c.id);
    expect(await ids("assignee=me")).toEqual([mine.conversation.id]);
    expect(await ids(`assignee=${wsAgent.user.id}`, wsOwner)).toEqual([mine.conversation.id]);
    expect(await ids("assignee=none")).not.toContain(mine.conversation.id);
    expect(await ids("priority=urgent")).toEqual([mine.conversation.id]);
    expect(await ids("tag=refund")).toEqual([mine.conversation.id]);
    expect(await ids("status=pending")).toEqual([pending.conversation.id]);
    expect(await ids("channel=chat")).toEqual([]);
    expect(await ids(`teamId=${crypto.randomUUID()}`)).toEqual([]);
    const item = (await api.get<Page>("/api/v1/conversations?assignee=me", wsAgent)).body.data[0]!;
    expect(item).toMatchObject({
      assignee: { id: wsAgent.user.id, name: wsAgent.user.name },
      tags: ["Refund"],
      priority: "urgent",
      team: null,
    });
  });

  it("sorts by longest waiting first, with conversations nobody waits on last", async () => {
    const inboxW = await buildInbox(t.ctx, { workspaceId: ws });
    const old = await buildConversation(t.ctx, {
      workspaceId: ws,
      inboxId: inboxW.id,
      at: new Date("2024-01-01"),
    });
    const recent = await buildConversation(t.ctx, {
      workspaceId: ws,
      inboxId: inboxW.id,
      at: new Date("2024-02-01"),
    });
    const answered = await buildConversation(t.ctx, {
      workspaceId: ws,
      inboxId: inboxW.id,
      at: new Date("2023-12-01"),
    });
    await api.post(`/api/v1/conversations/${answered.conversation.id}/messages`, wsOwner, {
      kind: "reply",
      body: "On its way!",
    });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/conversations?inboxId=${inboxW.id}&sort=waiting&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { body: Page } = await api.get<Page>(url, wsOwner);
      ids.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual([old.conversation.id, recent.conversation.id, answered.conversation.id]);
  });

  it("never lists conversations of a members-only inbox to an agent who is not a member", async () => {
    const hidden = await buildConversation(t.ctx, { workspaceId: ws, inboxId: b.id });
    const agentIds = (await api.get<Page>("/api/v1/conversations?limit=100", wsAgent)).body.data.map(
      (c) => c.id,
    );
    expect(agentIds).not.toContain(hidden.conversation.id);
    const filtered = await api.get<Page>(`/api/v1/conversations?inboxId=${b.id}`, wsAgent);
    expect(filtered.body.data).toEqual([]);
    const ownerIds = (await api.get<Page>("/api/v1/conversations?limit=100", wsOwner)).body.data.map(
      (c) => c.id,
    );
    expect(ownerIds).toContain(hidden.conversation.id);
  });

  it("never lists another workspace's conversations", async () => {
    const other = await buildConversation(t.ctx);
    const ids = (await api.get<Page>("/api/v1/conversations?limit=100", wsOwner)).body.data.map((c) => c.id);
    expect(ids).not.toContain(other.conversation.id);
    const byCustomer = await api.get<Page>(`/api/v1/conversations?customerId=${other.customer.id}`, wsOwner);
    expect(byCustomer.body.data).toEqual([]);
  });
});

describe("GET /api/v1/conversations/:id", () => {
  it("returns 401 without credentials", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id });
    expect((await api.get(`/api/v1/conversations/${conversation.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's conversation, exactly like a missing one", async () => {
    const { conversation } = await buildConversation(t.ctx);
    const foreign = await api.get<ErrorBody>(`/api/v1/conversations/${conversation.id}`, owner);
    const missing = await api.get<ErrorBody>(`/api/v1/conversations/${crypto.randomUUID()}`, owner);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it("returns 404 to an agent for a conversation in a members-only inbox, and 200 once they are a member", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: privateInbox.id });
    expect((await api.get(`/api/v1/conversations/${conversation.id}`, agent)).status).toBe(404);
    const put = await t.app.inject({
      method: "PUT",
      url: `/api/v1/inboxes/${privateInbox.id}/members`,
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { userIds: [agent.user.id] },
    });
    expect(put.statusCode).toBe(200);
    expect((await api.get(`/api/v1/conversations/${conversation.id}`, agent)).status).toBe(200);
    await t.app.inject({
      method: "PUT",
      url: `/api/v1/inboxes/${privateInbox.id}/members`,
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { userIds: [] },
    });
  });

  it("answers 400 for an id that is not a uuid", async () => {
    const response = await api.get<ErrorBody>("/api/v1/conversations/42", owner);
    expect(response.status).toBe(400);
    expect(response.body.error.details![0]!.field).toBe("id");
  });

  it("returns the messages oldest first, with authors, activity meta and abilities", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id });
    await api.post(`/api/v1/conversations/${conversation.id}/messages`, agent, {
      kind: "reply",
      body: "We are on it.",
    });
    await api.patch(`/api/v1/conversations/${conversation.id}`, agent, { assigneeId: agent.user.id });
    const response = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, agent);
    expect(response.status).toBe(200);
    const kinds = response.body.messages.map((m) => m.kind);
    expect(kinds).toEqual(["incoming", "outgoing", "activity"]);
    expect(response.body.messages[1]).toMatchObject({
      author: { type: "user", id: agent.user.id, name: "Ana Kovač" },
      deliveryStatus: "pending",
      meta: null,
    });
    expect(response.body.messages[2]!.meta).toMatchObject({
      action: "assigned",
      assignee: { id: agent.user.id, name: "Ana Kovač" },
      actor: { id: agent.user.id },
    });
    expect(response.body.abilities).toMatchObject({ canReply: true, canAssign: true, canTag: true });
    expect(response.body.firstReplyAt).not.toBeNull();
  });
});

describe("PATCH /api/v1/conversations/:id", () => {
  const events = async (conversationId: string) =>
    t.ctx.db.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM events WHERE conversation_id = $1 ORDER BY id",
      [conversationId],
    );
  const fresh = async () => (await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id })).conversation;

  it("returns 401 without credentials", async () => {
    const conversation = await fresh();
    expect(
      (await api.patch(`/api/v1/conversations/${conversation.id}`, null, { status: "resolved" })).status,
    ).toBe(401);
  });

  it("returns 404 for another workspace's conversation and for a hidden inbox's", async () => {
    const foreign = await buildConversation(t.ctx);
    expect(
      (await api.patch(`/api/v1/conversations/${foreign.conversation.id}`, owner, { priority: "high" }))
        .status,
    ).toBe(404);
    const hidden = await buildConversation(t.ctx, { workspaceId, inboxId: privateInbox.id });
    expect(
      (await api.patch(`/api/v1/conversations/${hidden.conversation.id}`, agent, { priority: "high" }))
        .status,
    ).toBe(404);
    const row = await t.ctx.db.query<{ priority: string }>(
      "SELECT priority FROM conversations WHERE id = $1",
      [hidden.conversation.id],
    );
    expect(row[0]!.priority).toBe("normal");
  });

  it("answers 400 naming the field for unknown fields and invalid values", async () => {
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const unknown = await api.patch<ErrorBody>(url, owner, { subject: "changed" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details![0]!.field).toBe("subject");
    const status = await api.patch<ErrorBody>(url, owner, { status: "closed" });
    expect(status.body.error.details![0]!.field).toBe("status");
    const workspace = await api.patch<ErrorBody>(url, owner, { workspaceId: stranger.workspaceId });
    expect(workspace.body.error.details![0]!.field).toBe("workspaceId");
  });

  it("assigns with an activity message and a conversation.assigned event written together", async () => {
    const marko = await buildAgent(t.ctx, workspaceId, { name: "Marko Marić" });
    const conversation = await fresh();
    const response = await api.patch<TConversation>(`/api/v1/conversations/${conversation.id}`, agent, {
      assigneeId: marko.user.id,
    });
    expect(response.status).toBe(200);
    expect(response.body.assignee).toEqual({ id: marko.user.id, name: "Marko Marić" });
    const activity = response.body.messages.at(-1)!;
    expect(activity.kind).toBe("activity");
    expect(activity.body).toBe("Ana Kovač assigned this to Marko Marić");
    expect(activity.meta).toMatchObject({
      action: "assigned",
      assignee: { id: marko.user.id },
      previousAssignee: null,
    });
    const assigned = (await events(conversation.id)).filter((e) => e.type === "conversation.assigned");
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.payload).toMatchObject({ assigneeId: marko.user.id, previousAssigneeId: null });

    const unassigned = await api.patch<TConversation>(`/api/v1/conversations/${conversation.id}`, agent, {
      assigneeId: null,
    });
    expect(unassigned.body.assignee).toBeNull();
    expect(unassigned.body.messages.at(-1)!.body).toBe("Ana Kovač unassigned Marko Marić");
  });

  it("refuses an assignee from another workspace, an inactive one, or one who cannot see the inbox", async () => {
    const conversation = (await buildConversation(t.ctx, { workspaceId, inboxId: privateInbox.id }))
      .conversation;
    const url = `/api/v1/conversations/${conversation.id}`;
    const foreign = await api.patch<ErrorBody>(url, owner, { assigneeId: stranger.user.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details![0]!.field).toBe("assigneeId");
    const outsider = await api.patch<ErrorBody>(url, owner, { assigneeId: agent.user.id });
    expect(outsider.status).toBe(400);
    const inactive = await buildAgent(t.ctx, workspaceId);
    await t.ctx.db.query("UPDATE users SET is_active = false WHERE id = $1", [inactive.user.id]);
    const open = (await fresh()).id;
    expect(
      (await api.patch(`/api/v1/conversations/${open}`, owner, { assigneeId: inactive.user.id })).status,
    ).toBe(400);
    expect(
      (await api.patch<TConversation>(url, owner, { assigneeId: owner.user.id })).body.assignee?.id,
    ).toBe(owner.user.id);
  });

  it("sets a team of the workspace and refuses another workspace's team", async () => {
    const teamId = crypto.randomUUID();
    const foreignTeamId = crypto.randomUUID();
    await t.ctx.db.query("INSERT INTO teams (id, workspace_id, name) VALUES ($1, $2, $3), ($4, $5, $3)", [
      teamId,
      workspaceId,
      `Billing ${teamId.slice(0, 4)}`,
      foreignTeamId,
      stranger.workspaceId,
    ]);
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const foreign = await api.patch<ErrorBody>(url, agent, { teamId: foreignTeamId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details![0]!.field).toBe("teamId");
    const set = await api.patch<TConversation>(url, agent, { teamId });
    expect(set.body.team?.id).toBe(teamId);
    expect((await events(conversation.id)).map((e) => e.type)).toContain("conversation.team_changed");
    const list = await api.get<Page>(`/api/v1/conversations?teamId=${teamId}`, agent);
    expect(list.body.data.map((c) => c.id)).toEqual([conversation.id]);
  });

  it("resolves and reopens with status_changed events and resolvedAt", async () => {
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const resolved = await api.patch<TConversation>(url, agent, { status: "resolved" });
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect(resolved.body.messages.at(-1)!.body).toBe("Ana Kovač resolved this");
    const reopened = await api.patch<TConversation>(url, agent, { status: "open" });
    expect(reopened.body.status).toBe("open");
    const changes = (await events(conversation.id)).filter((e) => e.type === "conversation.status_changed");
    expect(changes.map((e) => [e.payload.from, e.payload.to])).toEqual([
      ["open", "resolved"],
      ["resolved", "open"],
    ]);
  });

  it("snoozes only until a future time", async () => {
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const past = await api.patch<ErrorBody>(url, agent, { snoozedUntil: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.body.error.details![0]!.field).toBe("snoozedUntil");
    const noTime = await api.patch<ErrorBody>(url, agent, { status: "snoozed" });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error.details![0]!.field).toBe("snoozedUntil");
    const mismatch = await api.patch<ErrorBody>(url, agent, {
      status: "resolved",
      snoozedUntil: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(mismatch.body.error.details![0]!.field).toBe("status");
    const until = new Date(Date.now() + 86_400_000);
    const snoozed = await api.patch<TConversation>(url, agent, { snoozedUntil: until.toISOString() });
    expect(snoozed.body.status).toBe("snoozed");
    expect(snoozed.body.snoozedUntil).toBe(until.toISOString());
    expect(snoozed.body.messages.at(-1)!.meta).toMatchObject({ action: "status_changed", to: "snoozed" });
    const reopened = await api.patch<TConversation>(url, agent, { status: "open" });
    expect(reopened.body.snoozedUntil).toBeNull();
  });

  it("tags by name, creating tags on first use and matching existing ones in any letter case", async () => {
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const name = `Damaged ${Math.random().toString(36).slice(2, 6)}`;
    const first = await api.patch<TConversation>(url, agent, { tags: [name, "VIP", " vip "] });
    expect(first.body.tags.map((tag) => tag.toLowerCase()).sort()).toEqual(
      [name.toLowerCase(), "vip"].sort(),
    );
    const second = await api.patch<TConversation>(url, agent, { tags: [name.toUpperCase()] });
    expect(second.body.tags).toEqual([name]);
    const tagged = (await events(conversation.id)).filter((e) => e.type === "conversation.tagged");
    expect(tagged.map((e) => e.payload.removed)).toEqual([[], ["VIP"]]);
    const count = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM tags WHERE workspace_id = $1 AND lower(name) = lower($2)",
      [workspaceId, name],
    );
    expect(count[0]!.n).toBe(1);
  });

  it("writes nothing when nothing changes", async () => {
    const conversation = await fresh();
    const url = `/api/v1/conversations/${conversation.id}`;
    const before = (await events(conversation.id)).length;
    const response = await api.patch<TConversation>(url, agent, {
      status: "open",
      priority: "normal",
      tags: [],
    });
    expect(response.status).toBe(200);
    expect(response.body.messages.filter((m) => m.kind === "activity")).toEqual([]);
    expect((await events(conversation.id)).length).toBe(before);
  });

  it("changes priority with a priority_changed event", async () => {
    const conversation = await fresh();
    const response = await api.patch<TConversation>(`/api/v1/conversations/${conversation.id}`, agent, {
      priority: "urgent",
    });
    expect(response.body.priority).toBe("urgent");
    expect(response.body.messages.at(-1)!.body).toBe("Ana Kovač set the priority to urgent");
    expect((await events(conversation.id)).map((e) => e.type)).toContain("conversation.priority_changed");
  });
});
