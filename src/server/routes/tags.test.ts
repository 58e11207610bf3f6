import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation } from "../../../test/helpers/factories-conversations.js";
import type { TTag } from "../presenters/tag-presenter.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
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

describe("GET /api/v1/tags", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/tags", null)).status).toBe(401);
  });

  it("lists the workspace's tags, including those created by tagging, and no other workspace's", async () => {
    await buildConversation(t.ctx, { workspaceId, tags: ["Late delivery"] });
    await buildConversation(t.ctx, { workspaceId: stranger.workspaceId, tags: ["Their tag"] });
    const names = (await api.get<{ data: TTag[] }>("/api/v1/tags", agent)).body.data.map((tag) => tag.name);
    expect(names).toContain("Late delivery");
    expect(names).not.toContain("Their tag");
  });
});

describe("POST /api/v1/tags", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/tags", null, { name: "x" })).status).toBe(401);
  });

  it("answers 400 naming the field", async () => {
    const empty = await api.post<ErrorBody>("/api/v1/tags", agent, { name: " " });
    expect(empty.body.error.details![0]!.field).toBe("name");
    const extra = await api.post<ErrorBody>("/api/v1/tags", agent, { name: "x", workspaceId });
    expect(extra.body.error.details![0]!.field).toBe("workspaceId");
  });

  it("creates a tag with a reason group, and answers 409 for the same name in another case", async () => {
    const created = await api.post<TTag>("/api/v1/tags", agent, {
      name: "Wrong size",
      reasonGroup: "Returns",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Wrong size", reasonGroup: "Returns" });
    expect((await api.post("/api/v1/tags", agent, { name: "WRONG SIZE" })).status).toBe(409);
    expect((await api.post("/api/v1/tags", stranger, { name: "Wrong size" })).status).toBe(201);
  });
});

describe("PATCH /api/v1/tags/:id", () => {
  it("returns 401 without credentials, 403 to agents and 404 for another workspace's tag", async () => {
    const mine = (await api.post<TTag>("/api/v1/tags", owner, { name: "Billing" })).body;
    const theirs = (await api.post<TTag>("/api/v1/tags", stranger, { name: "Billing" })).body;
    expect((await api.patch(`/api/v1/tags/${mine.id}`, null, { name: "x" })).status).toBe(401);
    expect((await api.patch(`/api/v1/tags/${mine.id}`, agent, { name: "x" })).status).toBe(403);
    expect((await api.patch(`/api/v1/tags/${theirs.id}`, owner, { name: "x" })).status).toBe(404);
  });

  it("answers 400 naming the field for an empty name or an unknown field", async () => {
    const tag = (await api.post<TTag>("/api/v1/tags", owner, { name: `Tmp ${Date.now()}` })).body;
    const empty = await api.patch<ErrorBody>(`/api/v1/tags/${tag.id}`, owner, { name: "" });
    expect(empty.body.error.details![0]!.field).toBe("name");
    const extra = await api.patch<ErrorBody>(`/api/v1/tags/${tag.id}`, owner, { workspaceId });
    expect(extra.body.error.details![0]!.field).toBe("workspaceId");
  });

  it("renames a tag (conversations show the new name) and refuses a name that exists", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, tags: ["Refnd"] });
    const tags = (await api.get<{ data: TTag[] }>("/api/v1/tags", owner)).body.data;
    const typo = tags.find((tag) => tag.name === "Refnd")!;
    const renamed = await api.patch<TTag>(`/api/v1/tags/${typo.id}`, owner, {
      name: "Refund",
      reasonGroup: "Money",
    });
    expect(renamed.body).toMatchObject({ name: "Refund", reasonGroup: "Money" });
    const opened = await api.get<{ tags: string[] }>(`/api/v1/conversations/${conversation.id}`, owner);
    expect(opened.body.tags).toEqual(["Refund"]);
    expect((await api.patch(`/api/v1/tags/${typo.id}`, owner, { name: "late DELIVERY" })).status).toBe(409);
  });
});
