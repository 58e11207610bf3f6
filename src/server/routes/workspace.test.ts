import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";

interface ErrorBody {
  error: { code: string; details?: { field: string; message: string }[] };
}
interface WorkspaceBody {
  id: string;
  name: string;
  timeZone: string;
  defaultLanguage: string;
  abilities: { update: boolean; inviteRoles: string[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;
let strangerWorkspaceName: string;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx, { name: "Acme Support" });
  owner = a.owner;
  admin = await buildAgent(t.ctx, a.workspace.id, { role: "admin" });
  agent = await buildAgent(t.ctx, a.workspace.id);
  const b = await buildWorkspace(t.ctx);
  stranger = b.owner;
  strangerWorkspaceName = b.workspace.name;
});
afterAll(() => t.close());

describe("GET /api/v1/workspace", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/workspace", null)).status).toBe(401);
  });

  it("returns the actor's own workspace with its settings", async () => {
    const response = await api.get<WorkspaceBody>("/api/v1/workspace", agent);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: owner.workspaceId,
      name: "Acme Support",
      timeZone: "UTC",
      defaultLanguage: "en",
      abilities: { update: false, inviteRoles: [] },
    });
    expect((await api.get<WorkspaceBody>("/api/v1/workspace", admin)).body.abilities).toEqual({
      update: true,
      inviteRoles: ["agent"],
    });
    expect((await api.get<WorkspaceBody>("/api/v1/workspace", owner)).body.abilities).toEqual({
      update: true,
      inviteRoles: ["agent", "admin"],
    });
    expect((await api.get<WorkspaceBody>("/api/v1/workspace", stranger)).body.id).toBe(stranger.workspaceId);
  });
});

describe("PATCH /api/v1/workspace", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.patch("/api/v1/workspace", null, { name: "X" })).status).toBe(401);
  });

  it("returns 403 for an agent", async () => {
    const response = await api.patch<ErrorBody>("/api/v1/workspace", agent, { name: "Mine now" });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("lets an admin change the name, time zone and default language, with a workspace.updated event", async () => {
    const response = await api.patch<WorkspaceBody>("/api/v1/workspace", admin, {
      name: "Acme Help",
      timeZone: "Europe/Zagreb",
      defaultLanguage: "hr",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: "Acme Help",
      timeZone: "Europe/Zagreb",
      defaultLanguage: "hr",
    });
    const events = await t.ctx.db.query<{ actor_user_id: string; payload: Record<string, unknown> }>(
      "SELECT actor_user_id, payload FROM events WHERE workspace_id = $1 AND type = 'workspace.updated'",
      [owner.workspaceId],
    );
    expect(events.at(-1)?.actor_user_id).toBe(admin.user.id);
    expect(events.at(-1)?.payload).toMatchObject({
      changes: {
        name: { from: "Acme Support", to: "Acme Help" },
        timeZone: { from: "UTC", to: "Europe/Zagreb" },
      },
    });
  });

  it("changes only the actor's workspace", async () => {
    await api.patch("/api/v1/workspace", owner, { name: "Only ours" });
    expect((await api.get<WorkspaceBody>("/api/v1/workspace", stranger)).body.name).toBe(
      strangerWorkspaceName,
    );
  });

  it("spells a time zone with its proper capitals and keeps an alias as given", async () => {
    const response = await api.patch<WorkspaceBody>("/api/v1/workspace", owner, {
      timeZone: "europe/bratislava",
    });
    expect(response.status).toBe(200);
    expect(response.body.timeZone).toBe("Europe/Bratislava");
    const alias = await api.patch<WorkspaceBody>("/api/v1/workspace", owner, { timeZone: "Asia/Kolkata" });
    expect(alias.body.timeZone).toBe("Asia/Kolkata");
  });

  it("answers 400 naming timeZone for a zone that does not exist or is a bare offset", async () => {
    for (const timeZone of ["Mars/Olympus_Mons", "+01:00", "", "Europe/Zagreb; DROP TABLE users"]) {
      const response = await api.patch<ErrorBody>("/api/v1/workspace", owner, { timeZone });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe("timeZone");
    }
  });

  it("answers 400 naming the field for a bad language, an empty name and fields that must not be written", async () => {
    const language = await api.patch<ErrorBody>("/api/v1/workspace", owner, { defaultLanguage: "fr" });
    expect(language.body.error.details?.[0]?.field).toBe("defaultLanguage");
    const name = await api.patch<ErrorBody>("/api/v1/workspace", owner, { name: "   " });
    expect(name.status).toBe(400);
    expect(name.body.error.details?.[0]?.field).toBe("name");
    for (const field of ["id", "workspaceId", "createdAt"]) {
      const response = await api.patch<ErrorBody>("/api/v1/workspace", owner, {
        [field]: stranger.workspaceId,
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
  });

  it("records no event when nothing changes", async () => {
    const count = async () =>
      (
        await t.ctx.db.query("SELECT id FROM events WHERE workspace_id = $1 AND type = 'workspace.updated'", [
          owner.workspaceId,
        ])
      ).length;
    const before = await count();
    const current = await api.get<WorkspaceBody>("/api/v1/workspace", owner);
    expect((await api.patch("/api/v1/workspace", owner, { name: current.body.name })).status).toBe(200);
    expect(await count()).toBe(before);
  });
});
