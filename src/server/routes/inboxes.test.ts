import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { TInbox } from "../presenters/inbox-presenter.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let workspaceId: string;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  admin = await buildAgent(t.ctx, workspaceId, { role: "admin" });
  agent = await buildAgent(t.ctx, workspaceId);
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const uniqueAddress = () => `help-${Math.random().toString(36).slice(2, 8)}@shop.example`;
const put = (url: string, actor: TestActor | null, payload: unknown) =>
  t.app.inject({
    method: "PUT",
    url,
    headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
    payload: payload as Record<string, unknown>,
  });

describe("POST /api/v1/inboxes", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/inboxes", null, { name: "x", channel: "api" })).status).toBe(401);
  });

  it("returns 403 to agents", async () => {
    expect((await api.post("/api/v1/inboxes", agent, { name: "x", channel: "api" })).status).toBe(403);
  });

  it("answers 400 naming the field: unknown channel, unknown field, email inbox without a valid address", async () => {
    const channel = await api.post<ErrorBody>("/api/v1/inboxes", owner, { name: "x", channel: "fax" });
    expect(channel.body.error.details![0]!.field).toBe("channel");
    const extra = await api.post<ErrorBody>("/api/v1/inboxes", owner, {
      name: "x",
      channel: "api",
      workspaceId: stranger.workspaceId,
    });
    expect(extra.body.error.details![0]!.field).toBe("workspaceId");
    const noAddress = await api.post<ErrorBody>("/api/v1/inboxes", owner, { name: "Mail", channel: "email" });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details![0]!.field).toBe("address");
    const badAddress = await api.post<ErrorBody>("/api/v1/inboxes", owner, {
      name: "Mail",
      channel: "email",
      address: "not an address",
    });
    expect(badAddress.body.error.details![0]!.field).toBe("address");
  });

  it("creates an email inbox with its address, lower-cased", async () => {
    const address = uniqueAddress();
    const response = await api.post<TInbox>("/api/v1/inboxes", admin, {
      name: "Support",
      channel: "email",
      address: address.toUpperCase(),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "Support",
      channel: "email",
      address,
      access: "all",
      widgetKey: null,
    });
  });

  it("answers 409 when the address is used by any inbox of the install, in any letter case", async () => {
    const address = uniqueAddress();
    await api.post("/api/v1/inboxes", stranger, { name: "Theirs", channel: "email", address });
    const response = await api.post<ErrorBody>("/api/v1/inboxes", owner, {
      name: "Ours",
      channel: "email",
      address: address.toUpperCase(),
    });
    expect(response.status).toBe(409);
  });

  it("gives a chat inbox a unique public widget key", async () => {
    const one = await api.post<TInbox>("/api/v1/inboxes", owner, { name: "Chat", channel: "chat" });
    const two = await api.post<TInbox>("/api/v1/inboxes", owner, { name: "Chat 2", channel: "chat" });
    expect(one.body.widgetKey).toMatch(/^wk_[\w-]{20,}$/);
    expect(one.body.widgetKey).not.toBe(two.body.widgetKey);
  });
});

describe("GET /api/v1/inboxes", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/inboxes", null)).status).toBe(401);
  });

  it("lists the inboxes of the actor's workspace that they may see", async () => {
    const open = await buildInbox(t.ctx, { workspaceId });
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const foreign = await buildInbox(t.ctx, { workspaceId: stranger.workspaceId });
    const ids = async (actor: TestActor) =>
      (await api.get<{ data: TInbox[] }>("/api/v1/inboxes", actor)).body.data.map((i) => i.id);
    expect(await ids(agent)).toContain(open.id);
    expect(await ids(agent)).not.toContain(closed.id);
    expect(await ids(admin)).toContain(closed.id);
    expect(await ids(owner)).not.toContain(foreign.id);
  });
});

describe("GET /api/v1/inboxes/:id", () => {
  it("returns 401 without credentials", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect((await api.get(`/api/v1/inboxes/${inbox.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's inbox and for a members-only inbox the agent is not in", async () => {
    const foreign = await buildInbox(t.ctx, { workspaceId: stranger.workspaceId });
    expect((await api.get(`/api/v1/inboxes/${foreign.id}`, owner)).status).toBe(404);
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    expect((await api.get(`/api/v1/inboxes/${closed.id}`, agent)).status).toBe(404);
    expect((await api.get(`/api/v1/inboxes/${closed.id}`, owner)).status).toBe(200);
  });

  it("answers 400 for an id that is not a uuid", async () => {
    const response = await api.get<ErrorBody>("/api/v1/inboxes/abc", owner);
    expect(response.body.error.details![0]!.field).toBe("id");
  });
});

describe("PATCH /api/v1/inboxes/:id", () => {
  it("returns 401 without credentials and 403 to agents", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect((await api.patch(`/api/v1/inboxes/${inbox.id}`, null, { name: "x" })).status).toBe(401);
    expect((await api.patch(`/api/v1/inboxes/${inbox.id}`, agent, { name: "x" })).status).toBe(403);
  });

  it("returns 404 for another workspace's inbox", async () => {
    const foreign = await buildInbox(t.ctx, { workspaceId: stranger.workspaceId });
    expect((await api.patch(`/api/v1/inboxes/${foreign.id}`, owner, { name: "Mine now" })).status).toBe(404);
  });

  it("refuses fields that must not be written, like the channel or address", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    const response = await api.patch<ErrorBody>(`/api/v1/inboxes/${inbox.id}`, owner, {
      address: uniqueAddress(),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details![0]!.field).toBe("address");
  });

  it("renames and restricts an inbox: agents stop seeing it", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect((await api.get(`/api/v1/inboxes/${inbox.id}`, agent)).status).toBe(200);
    const response = await api.patch<TInbox>(`/api/v1/inboxes/${inbox.id}`, admin, {
      name: "Returns",
      access: "members",
    });
    expect(response.body).toMatchObject({ name: "Returns", access: "members" });
    expect((await api.get(`/api/v1/inboxes/${inbox.id}`, agent)).status).toBe(404);
  });

  it("turns acknowledgements on for an email inbox only", async () => {
    const created = await api.post<TInbox>("/api/v1/inboxes", admin, {
      name: "Acknowledged",
      channel: "email",
      address: uniqueAddress(),
    });
    expect(created.body.autoAcknowledge).toBe(false);
    const on = await api.patch<TInbox>(`/api/v1/inboxes/${created.body.id}`, admin, {
      autoAcknowledge: true,
    });
    expect(on.status).toBe(200);
    expect(on.body.autoAcknowledge).toBe(true);
    const chat = await api.post<TInbox>("/api/v1/inboxes", admin, { name: "Chat ack", channel: "chat" });
    const refused = await api.patch<{ error: { details: { field: string }[] } }>(
      `/api/v1/inboxes/${chat.body.id}`,
      admin,
      { autoAcknowledge: true },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]!.field).toBe("autoAcknowledge");
    const bad = await api.patch(`/api/v1/inboxes/${created.body.id}`, admin, { autoAcknowledge: "yes" });
    expect(bad.status).toBe(400);
  });
});

describe("PUT /api/v1/inboxes/:id/members", () => {
  it("returns 401 without credentials and 403 to agents", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    expect((await put(`/api/v1/inboxes/${inbox.id}/members`, null, { userIds: [] })).statusCode).toBe(401);
    expect((await put(`/api/v1/inboxes/${inbox.id}/members`, agent, { userIds: [] })).statusCode).toBe(403);
  });

  it("returns 404 for another workspace's inbox", async () => {
    const foreign = await buildInbox(t.ctx, { workspaceId: stranger.workspaceId });
    expect((await put(`/api/v1/inboxes/${foreign.id}/members`, owner, { userIds: [] })).statusCode).toBe(404);
  });

  it("answers 400 naming userIds for a user of another workspace", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    const response = await put(`/api/v1/inboxes/${inbox.id}/members`, owner, { userIds: [stranger.user.id] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe("userIds");
  });

  it("keeps a deactivated member when the list is saved again, but does not add a deactivated user anew", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const member = await buildAgent(t.ctx, workspaceId);
    const other = await buildAgent(t.ctx, workspaceId);
    const url = `/api/v1/inboxes/${inbox.id}/members`;
    expect((await put(url, owner, { userIds: [member.user.id] })).statusCode).toBe(200);
    for (const user of [member, other]) {
      await t.app.inject({
        method: "PATCH",
        url: `/api/v1/users/${user.user.id}`,
        headers: { authorization: `Bearer ${owner.token}` },
        payload: { isActive: false },
      });
    }
    const again = await put(url, owner, { userIds: [member.user.id] });
    expect(again.statusCode).toBe(200);
    expect(again.json().memberIds).toEqual([member.user.id]);
    const added = await put(url, owner, { userIds: [member.user.id, other.user.id] });
    expect(added.statusCode).toBe(400);
    expect(added.json().error.details[0].field).toBe("userIds");
    expect(added.json().error.message).toMatch(/deactivated/);
  });

  it("lets a member agent see a members-only inbox, and removing them hides it again", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const added = await put(`/api/v1/inboxes/${inbox.id}/members`, admin, { userIds: [agent.user.id] });
    expect(added.statusCode).toBe(200);
    expect(added.json().memberIds).toEqual([agent.user.id]);
    expect((await api.get(`/api/v1/inboxes/${inbox.id}`, agent)).status).toBe(200);
    await put(`/api/v1/inboxes/${inbox.id}/members`, admin, { userIds: [] });
    expect((await api.get(`/api/v1/inboxes/${inbox.id}`, agent)).status).toBe(404);
  });
});
