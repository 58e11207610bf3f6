import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf } from "../../../test/helpers/api-test.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildTeam } from "../../../test/helpers/factories-accounts.js";
import {
  buildAssignmentRule,
  setAvailabilityOf,
  setCapacityOf,
} from "../../../test/helpers/factories-assignment.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { PICKUP_WITHOUT_CAPACITY } from "../commands/assign-backlog.js";

interface RuleBody {
  inboxId: string;
  mode: string;
  teamId: string | null;
  stickyDays: number | null;
  reassignAwayMinutes: number | null;
  abilities: { update: boolean };
}
interface UserBody {
  id: string;
  availability: string;
  availabilityChangedAt: string;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;

const events = (workspaceId: string, type: string) =>
  t.ctx.db.query<{ actor_user_id: string | null; payload: Record<string, unknown> }>(
    "SELECT actor_user_id, payload FROM events WHERE workspace_id = $1 AND type = $2 ORDER BY id",
    [workspaceId, type],
  );

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx);
  owner = a.owner;
  admin = await buildAgent(t.ctx, a.workspace.id, { role: "admin" });
  agent = await buildAgent(t.ctx, a.workspace.id);
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

describe("GET /api/v1/inboxes/:id/assignment", () => {
  it("returns 401 without credentials and 404 for another workspace's inbox", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId: owner.workspaceId });
    expect((await api.get(`/api/v1/inboxes/${inbox.id}/assignment`, null)).status).toBe(401);
    expect((await api.get(`/api/v1/inboxes/${inbox.id}/assignment`, stranger)).status).toBe(404);
  });

  it("returns 404 to an agent who does not see the inbox", async () => {
    const hidden = await buildInbox(t.ctx, { workspaceId: owner.workspaceId, access: "members" });
    expect((await api.get(`/api/v1/inboxes/${hidden.id}/assignment`, agent)).status).toBe(404);
    expect((await api.get(`/api/v1/inboxes/${hidden.id}/assignment`, admin)).status).toBe(200);
  });

  it("shows an inbox without a rule as manual to agents, who may not change it", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId: owner.workspaceId });
    const response = await api.get<RuleBody>(`/api/v1/inboxes/${inbox.id}/assignment`, agent);
    expect(response.body).toEqual({
      inboxId: inbox.id,
      mode: "manual",
      teamId: null,
      stickyDays: null,
      reassignAwayMinutes: null,
      abilities: { update: false },
    });
  });
});

describe("PUT /api/v1/inboxes/:id/assignment", () => {
  it("returns 401 without credentials, 403 for an agent, 404 for another workspace's inbox", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId: owner.workspaceId });
    const url = `/api/v1/inboxes/${inbox.id}/assignment`;
    expect((await api.put(url, null, { mode: "balanced" })).status).toBe(401);
    expect((await api.put(url, agent, { mode: "balanced" })).status).toBe(403);
    expect((await api.put(url, stranger, { mode: "balanced" })).status).toBe(404);
  });

  it("lets an admin set the rule, with an inbox.assignment_updated event", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId: owner.workspaceId });
    const team = await buildTeam(t.ctx, owner.workspaceId);
    const url = `/api/v1/inboxes/${inbox.id}/assignment`;
    const body = { mode: "round_robin", teamId: team.id, stickyDays: 14, reassignAwayMinutes: 30 };
    const response = await api.put<RuleBody>(url, admin, body);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ...body, abilities: { update: true } });
    expect((await api.get<RuleBody>(url, agent)).body).toMatchObject(body);
    expect((await events(owner.workspaceId, "inbox.assignment_updated")).at(-1)).toMatchObject({
      actor_user_id: admin.user.id,
      payload: { inboxId: inbox.id, mode: "round_robin", teamId: team.id },
    });
    // PUT replaces: options left out are off; 0 sticky days is off.
    const off = await api.put<RuleBody>(url, owner, { mode: "balanced", stickyDays: 0 });
    expect(off.body).toMatchObject({
      mode: "balanced",
      teamId: null,
      stickyDays: null,
      reassignAwayMinutes: null,
    });
  });

  it("answers 400 naming the field", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId: owner.workspaceId });
    const url = `/api/v1/inboxes/${inbox.id}/assignment`;
    expect(fieldOf((await api.put(url, owner, { mode: "random" })).body)).toBe("mode");
    expect(fieldOf((await api.put(url, owner, {})).body)).toBe("mode");
    expect(fieldOf((await api.put(url, owner, { mode: "balanced", stickyDays: -1 })).body)).toBe(
      "stickyDays",
    );
    expect(fieldOf((await api.put(url, owner, { mode: "balanced", reassignAwayMinutes: 0 })).body)).toBe(
      "reassignAwayMinutes",
    );
    expect(fieldOf((await api.put(url, owner, { mode: "balanced", cursor: "x" })).body)).toBeDefined();
    const theirTeam = await buildTeam(t.ctx, stranger.workspaceId);
    const foreign = await api.put(url, owner, { mode: "balanced", teamId: theirTeam.id });
    expect(foreign.status).toBe(400);
    expect(fieldOf(foreign.body)).toBe("teamId");
  });
});

describe("POST /api/v1/conversations in an inbox with a rule", () => {
  it("answers with the conversation already assigned and the reason in its timeline", async () => {
    const { workspace, owner: boss } = await buildWorkspace(t.ctx);
    await setAvailabilityOf(t.ctx, boss.user.id, "offline");
    const only = await buildAgent(t.ctx, workspace.id);
    const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "api" });
    await api.put(`/api/v1/inboxes/${inbox.id}/assignment`, boss, { mode: "round_robin" });
    const response = await api.post<{
      assignee: { id: string } | null;
      messages: { kind: string; body: string }[];
    }>("/api/v1/conversations", boss, {
      inboxId: inbox.id,
      customer: { email: "rr@example.test" },
      message: { body: "Where is my order?" },
    });
    expect(response.status).toBe(201);
    expect(response.body.assignee?.id).toBe(only.user.id);
    expect(response.body.messages.map((m) => m.kind)).toEqual(["incoming", "activity"]);
    expect(response.body.messages[1]?.body).toBe(`Assigned to ${only.user.name} by round robin`);
  });
});

describe("GET and PUT /api/v1/users/:id/capacity", () => {
  it("returns 401 without credentials and 404 for another workspace's user", async () => {
    expect((await api.get(`/api/v1/users/${agent.user.id}/capacity`, null)).status).toBe(401);
    expect((await api.get(`/api/v1/users/${agent.user.id}/capacity`, stranger)).status).toBe(404);
    expect((await api.put(`/api/v1/users/${agent.user.id}/capacity`, stranger, { chat: 2 })).status).toBe(
      404,
    );
  });

  it("lets admins set limits per channel (left out: none) and everyone read them", async () => {
    const url = `/api/v1/users/${agent.user.id}/capacity`;
    expect((await api.put(url, agent, { chat: 3 })).status).toBe(403);
    const set = await api.put(url, admin, { chat: 3, email: 10, phone: null });
    expect(set.status).toBe(200);
    const expected = { userId: agent.user.id, chat: 3, email: 10, phone: null, api: null };
    expect(set.body).toMatchObject(expected);
    expect((await api.get(url, agent)).body).toEqual({ ...expected, abilities: { update: false } });
    expect((await events(owner.workspaceId, "user.capacity_changed")).at(-1)?.payload).toEqual({
      userId: agent.user.id,
      capacity: { chat: 3, email: 10 },
    });
    await api.put(url, owner, { email: 1 });
    expect((await api.get(url, owner)).body).toMatchObject({ chat: null, email: 1 });
  });

  it("answers 400 naming the field", async () => {
    const url = `/api/v1/users/${agent.user.id}/capacity`;
    expect(fieldOf((await api.put(url, owner, { chat: -1 })).body)).toBe("chat");
    expect(fieldOf((await api.put(url, owner, { email: 2.5 })).body)).toBe("email");
    expect((await api.put(url, owner, { sms: 2 })).status).toBe(400);
  });
});

describe("PUT /api/v1/me/availability", () => {
  it("returns 401 without credentials and 400 naming availability", async () => {
    expect((await api.put("/api/v1/me/availability", null, { availability: "away" })).status).toBe(401);
    const wrong = await api.put("/api/v1/me/availability", agent, { availability: "busy" });
    expect(fieldOf(wrong.body)).toBe("availability");
  });

  it("sets your own availability, shown on the user, with a workspace-visible event", async () => {
    const me = await buildAgent(t.ctx, owner.workspaceId);
    const response = await api.put<UserBody>("/api/v1/me/availability", me, { availability: "away" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: me.user.id, availability: "away" });
    expect((await api.get<UserBody>(`/api/v1/users/${me.user.id}`, agent)).body.availability).toBe("away");
    const changed = await events(owner.workspaceId, "user.availability_changed");
    expect(changed.at(-1)).toEqual({
      actor_user_id: me.user.id,
      payload: { userId: me.user.id, from: "online", to: "away" },
    });
    // The same value again changes nothing and records nothing.
    const since = response.body.availabilityChangedAt;
    const again = await api.put<UserBody>("/api/v1/me/availability", me, { availability: "away" });
    expect(again.body.availabilityChangedAt).toBe(since);
    expect(await events(owner.workspaceId, "user.availability_changed")).toHaveLength(changed.length);
  });
});

describe("PUT /api/v1/users/:id/availability", () => {
  it("returns 404 for another workspace's user and 403 for an agent setting someone else's", async () => {
    const other = await buildAgent(t.ctx, owner.workspaceId);
    const url = `/api/v1/users/${other.user.id}/availability`;
    expect((await api.put(url, stranger, { availability: "away" })).status).toBe(404);
    expect((await api.put(url, agent, { availability: "away" })).status).toBe(403);
  });

  it("lets admins set agents' availability (not owners'), and owners anyone's", async () => {
    const other = await buildAgent(t.ctx, owner.workspaceId);
    const set = await api.put<UserBody>(`/api/v1/users/${other.user.id}/availability`, admin, {
      availability: "offline",
    });
    expect(set.body.availability).toBe("offline");
    expect(
      (await api.put(`/api/v1/users/${owner.user.id}/availability`, admin, { availability: "away" })).status,
    ).toBe(403);
    expect(
      (await api.put(`/api/v1/users/${admin.user.id}/availability`, owner, { availability: "away" })).status,
    ).toBe(200);
  });
});

describe("coming online picks up the waiting backlog", () => {
  /** A workspace where nobody is online, with a round-robin inbox holding `waiting` unassigned conversations. */
  async function backlog(waiting: number) {
    const { workspace, owner: boss } = await buildWorkspace(t.ctx);
    await setAvailabilityOf(t.ctx, boss.user.id, "offline");
    const joiner = await buildAgent(t.ctx, workspace.id);
    await setAvailabilityOf(t.ctx, joiner.user.id, "offline");
    const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id });
    await buildAssignmentRule(t.ctx, workspace.id, inbox.id, { mode: "round_robin" });
    const ids: string[] = [];
    for (let i = 0; i < waiting; i += 1) {
      const { conversation } = await buildConversation(t.ctx, {
        workspaceId: workspace.id,
        inboxId: inbox.id,
        at: new Date(Date.now() - (waiting - i) * 60_000),
      });
      ids.push(conversation.id);
    }
    return { workspaceId: workspace.id, joiner, inbox, ids };
  }

  const assignees = (ids: string[]) =>
    t.ctx.db
      .query<{ id: string; assignee_id: string | null }>(
        "SELECT id, assignee_id FROM conversations WHERE id = ANY($1::uuid[])",
        [ids],
      )
      .then((rows) => ids.map((id) => rows.find((row) => row.id === id)!.assignee_id));

  it("gives the agent the oldest unassigned conversations of automatic inboxes, up to their capacity", async () => {
    const b = await backlog(4);
    expect(await assignees(b.ids)).toEqual([null, null, null, null]);
    await setCapacityOf(t.ctx, b.workspaceId, b.joiner.user.id, { email: 2 });
    const manualInbox = await buildInbox(t.ctx, { workspaceId: b.workspaceId });
    const { conversation: manual } = await buildConversation(t.ctx, {
      workspaceId: b.workspaceId,
      inboxId: manualInbox.id,
      at: new Date(Date.now() - 3600_000),
    });
    await api.put("/api/v1/me/availability", b.joiner, { availability: "online" });
    const me = b.joiner.user.id;
    expect(await assignees(b.ids)).toEqual([me, me, null, null]);
    expect(await assignees([manual.id])).toEqual([null]);
    const line = await t.ctx.db.query<{ body: string; meta: Record<string, unknown> }>(
      "SELECT body, meta FROM messages WHERE conversation_id = $1 AND kind = 'activity'",
      [b.ids[0]],
    );
    expect(line[0]).toMatchObject({
      body: `Assigned to ${b.joiner.user.name}, who came online while it waited unassigned`,
      meta: { reason: "agent_online" },
    });
  });

  it(`takes at most ${PICKUP_WITHOUT_CAPACITY} per channel without a capacity, and skips other teams' inboxes`, async () => {
    const b = await backlog(PICKUP_WITHOUT_CAPACITY + 2);
    const team = await buildTeam(t.ctx, b.workspaceId);
    const teamInbox = await buildInbox(t.ctx, { workspaceId: b.workspaceId, channel: "chat" });
    await buildAssignmentRule(t.ctx, b.workspaceId, teamInbox.id, { mode: "balanced", teamId: team.id });
    const { conversation: other } = await buildConversation(t.ctx, {
      workspaceId: b.workspaceId,
      inboxId: teamInbox.id,
    });
    await api.put("/api/v1/me/availability", b.joiner, { availability: "online" });
    const got = await assignees(b.ids);
    expect(got.filter((id) => id === b.joiner.user.id)).toHaveLength(PICKUP_WITHOUT_CAPACITY);
    expect(got.slice(-2)).toEqual([null, null]);
    expect(await assignees([other.id])).toEqual([null]);
  });
});
