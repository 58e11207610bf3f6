import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { TestApp } from "../../../test/helpers/app.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";

interface Policy {
  id: string;
  name: string;
  position: number;
  priorities: string[];
  inboxIds: string[];
  firstResponseSeconds: number | null;
  warnPercent: number;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest());
});
afterAll(() => t.close());

const urgent = { name: "Urgent", priorities: ["urgent"], firstResponseSeconds: 1800 };

describe("/api/v1/sla-policies", () => {
  it("answers 401 without a session and 403 to agents who try to change policies", async () => {
    expect((await api.get("/api/v1/sla-policies", null)).status).toBe(401);
    expect((await api.post("/api/v1/sla-policies", agent, urgent)).status).toBe(403);
  });

  it("creates policies in order, reorders, changes and deletes them; agents read them", async () => {
    const first = await api.post<Policy>("/api/v1/sla-policies", owner, urgent);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "Urgent", warnPercent: 80, firstResponseSeconds: 1800 });
    const inbox = await buildInbox(t.ctx, { workspaceId });
    const second = await api.post<Policy>("/api/v1/sla-policies", owner, {
      name: "Shop email",
      inboxIds: [inbox.id],
      firstResponseSeconds: 4 * 3600,
      resolutionSeconds: 48 * 3600,
    });
    expect(second.body.position).toBeGreaterThan(first.body.position);
    expect((await api.post<ErrorBody>("/api/v1/sla-policies", owner, urgent)).body.error.code).toBe(
      "conflict",
    );

    const reordered = await api.put<{ data: Policy[] }>("/api/v1/sla-policies/order", owner, {
      ids: [second.body.id, first.body.id],
    });
    expect(reordered.body.data.map((p) => p.name)).toEqual(["Shop email", "Urgent"]);
    const listed = await api.get<{ data: Policy[] }>("/api/v1/sla-policies", agent);
    expect(listed.body.data.map((p) => p.name)).toEqual(["Shop email", "Urgent"]);

    const changed = await api.put<Policy>(`/api/v1/sla-policies/${first.body.id}`, owner, {
      ...urgent,
      priorities: ["high", "urgent"],
      warnPercent: 75,
    });
    expect(changed.body).toMatchObject({ priorities: ["high", "urgent"], warnPercent: 75 });
    expect((await api.delete(`/api/v1/sla-policies/${first.body.id}`, owner)).status).toBe(204);
    expect((await api.delete(`/api/v1/sla-policies/${first.body.id}`, owner)).status).toBe(404);
  });

  it("names the field of a policy without targets, with a foreign inbox, or an incomplete order", async () => {
    const noTarget = await api.post<ErrorBody>("/api/v1/sla-policies", owner, { name: "Empty" });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.details?.[0]?.field).toBe("firstResponseSeconds");
    const foreignInbox = await buildInbox(t.ctx);
    const foreign = await api.post<ErrorBody>("/api/v1/sla-policies", owner, {
      name: "Foreign",
      inboxIds: [foreignInbox.id],
      firstResponseSeconds: 3600,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details?.[0]?.field).toBe("inboxIds");
    const tooShort = await api.post<ErrorBody>("/api/v1/sla-policies", owner, {
      name: "Ten seconds",
      firstResponseSeconds: 10,
    });
    expect(tooShort.status).toBe(400);
    const order = await api.put<ErrorBody>("/api/v1/sla-policies/order", owner, { ids: [] });
    expect(order.body.error.details?.[0]?.field).toBe("ids");
  });

  it("answers 404 for another workspace's policy, as for a missing one", async () => {
    const theirs = await api.post<Policy>("/api/v1/sla-policies", stranger, { ...urgent, name: "Theirs" });
    expect((await api.put(`/api/v1/sla-policies/${theirs.body.id}`, owner, urgent)).status).toBe(404);
    expect((await api.delete(`/api/v1/sla-policies/${theirs.body.id}`, owner)).status).toBe(404);
    const mine = await api.get<{ data: Policy[] }>("/api/v1/sla-policies", owner);
    expect(mine.body.data.map((p) => p.name)).not.toContain("Theirs");
  });
});

describe("GET /api/v1/conversations/:id/sla", () => {
  it("shows the clocks and the history of a conversation the actor sees, and 404 for others", async () => {
    await api.post("/api/v1/sla-policies", owner, { name: "Everything", firstResponseSeconds: 3600 });
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const sla = await api.get<{
      clocks: { kind: string; status: string; dueAt: string }[];
      history: { step: string }[];
    }>(`/api/v1/conversations/${conversation.id}/sla`, agent);
    expect(sla.status).toBe(200);
    expect(sla.body.clocks.map((c) => `${c.kind} ${c.status}`)).toEqual([
      "first_response running",
      "resolution running",
    ]);
    expect(sla.body.history.map((h) => h.step)).toEqual(["started"]);
    expect((await api.get(`/api/v1/conversations/${conversation.id}/sla`, stranger)).status).toBe(404);
  });
});
