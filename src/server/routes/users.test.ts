import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { createUser } from "../commands/create-user.js";

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string }[] };
}
interface UserBody {
  id: string;
  name: string;
  role: string;
  language: string;
  isActive: boolean;
  abilities: { update: boolean; changeRole: boolean; deactivate: boolean };
}
interface ListBody {
  data: UserBody[];
  nextCursor: string | null;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx);
  owner = a.owner;
  admin = await buildAgent(t.ctx, a.workspace.id, { role: "admin", name: "Ada Admin" });
  agent = await buildAgent(t.ctx, a.workspace.id, { name: "Ana Agent" });
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const lastEvent = async (workspaceId: string, type: string) => {
  const rows = await t.ctx.db.query<{ actor_user_id: string; payload: Record<string, unknown> }>(
    "SELECT actor_user_id, payload FROM events WHERE workspace_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1",
    [workspaceId, type],
  );
  return rows[0];
};

describe("GET /api/v1/users", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/users", null)).status).toBe(401);
  });

  it("lists the workspace's active and inactive users, and no one else's", async () => {
    const gone = await buildAgent(t.ctx, owner.workspaceId, { name: "Gone Agent" });
    await api.patch(`/api/v1/users/${gone.user.id}`, owner, { isActive: false });
    const response = await api.get<ListBody>("/api/v1/users?limit=100", agent);
    expect(response.status).toBe(200);
    const ids = response.body.data.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([owner.user.id, admin.user.id, agent.user.id, gone.user.id]));
    expect(ids).not.toContain(stranger.user.id);
    expect(response.body.data.find((u) => u.id === gone.user.id)?.isActive).toBe(false);
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
  });

  it("narrows to active or inactive users with ?isActive=", async () => {
    const inactive = await api.get<ListBody>("/api/v1/users?isActive=false&limit=100", owner);
    expect(inactive.body.data.length).toBeGreaterThan(0);
    expect(inactive.body.data.every((u) => !u.isActive)).toBe(true);
    const active = await api.get<ListBody>("/api/v1/users?isActive=true&limit=100", owner);
    expect(active.body.data.every((u) => u.isActive)).toBe(true);
  });

  it("pages through the users by name with nextCursor", async () => {
    const all = await api.get<ListBody>("/api/v1/users?limit=100", owner);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: Awaited<ReturnType<typeof api.get<ListBody>>> = await api.get<ListBody>(
        `/api/v1/users?limit=2${query}`,
        owner,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((u) => u.id));
  });

  it("tells each user apart by what the actor may do with them", async () => {
    const asAdmin = await api.get<ListBody>("/api/v1/users?limit=100", admin);
    const byId = new Map(asAdmin.body.data.map((u) => [u.id, u.abilities]));
    expect(byId.get(agent.user.id)).toEqual({ update: true, changeRole: false, deactivate: true });
    expect(byId.get(owner.user.id)).toEqual({ update: false, changeRole: false, deactivate: false });
    expect(byId.get(admin.user.id)).toEqual({ update: true, changeRole: false, deactivate: false });
  });

  it("answers 400 naming limit and cursor when they are invalid", async () => {
    const tooMany = await api.get<ErrorBody>("/api/v1/users?limit=101", owner);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details?.[0]?.field).toBe("limit");
    const badCursor = await api.get<ErrorBody>("/api/v1/users?cursor=nonsense", owner);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details?.[0]?.field).toBe("cursor");
  });
});

describe("GET /api/v1/users/:id", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get(`/api/v1/users/${agent.user.id}`, null)).status).toBe(401);
  });

  it("returns 404 for a user of another workspace, like a missing one", async () => {
    const foreign = await api.get<ErrorBody>(`/api/v1/users/${stranger.user.id}`, owner);
    const missing = await api.get<ErrorBody>("/api/v1/users/0190a4a4-0000-7000-8000-000000000000", owner);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it("answers 400 naming id for an id that is not a uuid", async () => {
    const response = await api.get<ErrorBody>("/api/v1/users/42", owner);
    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.field).toBe("id");
  });

  it("returns the user to an agent, with no right to change them", async () => {
    const response = await api.get<UserBody>(`/api/v1/users/${admin.user.id}`, agent);
    expect(response.status).toBe(200);
    expect(response.body.name).toBe("Ada Admin");
    expect(response.body.abilities).toEqual({ update: false, changeRole: false, deactivate: false });
  });
});

describe("PATCH /api/v1/users/:id", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, null, { name: "X" })).status).toBe(401);
  });

  it("returns 404 for a user of another workspace and changes nothing", async () => {
    const response = await api.patch(`/api/v1/users/${stranger.user.id}`, owner, { name: "Hijacked" });
    expect(response.status).toBe(404);
    const after = await api.get<UserBody>(`/api/v1/users/${stranger.user.id}`, stranger);
    expect(after.body.name).not.toBe("Hijacked");
  });

  it("answers 400 naming the field for invalid values and fields that must not be written", async () => {
    const language = await api.patch<ErrorBody>(`/api/v1/users/${agent.user.id}`, owner, { language: "de" });
    expect(language.status).toBe(400);
    expect(language.body.error.details?.[0]?.field).toBe("language");
    for (const field of ["email", "workspaceId", "id", "passwordHash"]) {
      const response = await api.patch<ErrorBody>(`/api/v1/users/${agent.user.id}`, owner, { [field]: "x" });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
    const role = await api.patch<ErrorBody>(`/api/v1/users/${agent.user.id}`, owner, { role: "superuser" });
    expect(role.body.error.details?.[0]?.field).toBe("role");
  });

  it("lets anyone change their own name and language, with a user.updated event", async () => {
    const response = await api.patch<UserBody>(`/api/v1/users/${agent.user.id}`, agent, {
      name: "Ana Agentić",
      language: "hr",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: "Ana Agentić", language: "hr", role: "agent" });
    const event = await lastEvent(owner.workspaceId, "user.updated");
    expect(event?.actor_user_id).toBe(agent.user.id);
    expect(event?.payload).toMatchObject({
      userId: agent.user.id,
      changes: { name: { to: "Ana Agentić" }, language: { from: "en", to: "hr" } },
    });
  });

  it("returns 403 when an agent changes someone else", async () => {
    const response = await api.patch<ErrorBody>(`/api/v1/users/${admin.user.id}`, agent, { name: "Nope" });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("returns 403 when anyone changes their own role, owners included", async () => {
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, agent, { role: "admin" })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${admin.user.id}`, admin, { role: "owner" })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${owner.user.id}`, owner, { role: "agent" })).status).toBe(403);
  });

  it("treats sending one's current role as no change", async () => {
    const response = await api.patch<UserBody>(`/api/v1/users/${agent.user.id}`, agent, { role: "agent" });
    expect(response.status).toBe(200);
  });

  it("returns 403 when anyone deactivates themselves", async () => {
    expect((await api.patch(`/api/v1/users/${owner.user.id}`, owner, { isActive: false })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${admin.user.id}`, admin, { isActive: false })).status).toBe(403);
  });

  it("returns 403 when an admin grants or removes a role, or changes an admin or an owner", async () => {
    const other = await buildAgent(t.ctx, owner.workspaceId, { role: "admin" });
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, admin, { role: "admin" })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${other.user.id}`, admin, { role: "agent" })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${other.user.id}`, admin, { isActive: false })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${other.user.id}`, admin, { name: "Renamed" })).status).toBe(403);
    expect((await api.patch(`/api/v1/users/${owner.user.id}`, admin, { isActive: false })).status).toBe(403);
  });

  it("lets an admin rename, deactivate and reactivate an agent", async () => {
    const target = await buildAgent(t.ctx, owner.workspaceId);
    const renamed = await api.patch<UserBody>(`/api/v1/users/${target.user.id}`, admin, { name: "Marko" });
    expect(renamed.body.name).toBe("Marko");
    const off = await api.patch<UserBody>(`/api/v1/users/${target.user.id}`, admin, { isActive: false });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    const on = await api.patch<UserBody>(`/api/v1/users/${target.user.id}`, admin, { isActive: true });
    expect(on.body.isActive).toBe(true);
  });

  it("deactivating ends the user's sessions and stops their API tokens", async () => {
    const target = await buildAgent(t.ctx, owner.workspaceId);
    const cookie = await signIn(t.app, target.user.email, target.password);
    expect((await api.get("/api/v1/session", cookie)).status).toBe(200);
    expect((await api.get("/api/v1/session", target)).status).toBe(200);

    expect((await api.patch(`/api/v1/users/${target.user.id}`, owner, { isActive: false })).status).toBe(200);
    expect((await api.get("/api/v1/session", cookie)).status).toBe(401);
    expect((await api.get("/api/v1/session", target)).status).toBe(401);
    const login = await api.post("/api/v1/session", null, {
      email: target.user.email,
      password: target.password,
    });
    expect(login.status).toBe(401);
    const event = await lastEvent(owner.workspaceId, "user.updated");
    expect(event?.payload).toMatchObject({ userId: target.user.id, changes: { isActive: { to: false } } });

    // Reactivated: the ended session stays ended; the dormant token works again.
    await api.patch(`/api/v1/users/${target.user.id}`, owner, { isActive: true });
    expect((await api.get("/api/v1/session", cookie)).status).toBe(401);
    expect((await api.get("/api/v1/session", target)).status).toBe(200);
  });

  it("lets an owner grant and remove admin and owner roles", async () => {
    const target = await buildAgent(t.ctx, owner.workspaceId);
    const promoted = await api.patch<UserBody>(`/api/v1/users/${target.user.id}`, owner, { role: "admin" });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe("admin");
    const event = await lastEvent(owner.workspaceId, "user.updated");
    expect(event?.payload).toMatchObject({ changes: { role: { from: "agent", to: "admin" } } });
    expect((await api.patch(`/api/v1/users/${target.user.id}`, owner, { role: "owner" })).status).toBe(200);
    const demoted = await api.patch<UserBody>(`/api/v1/users/${target.user.id}`, owner, { role: "agent" });
    expect(demoted.body.role).toBe("agent");
  });

  it("the new role applies to the user's next request", async () => {
    const target = await buildAgent(t.ctx, owner.workspaceId);
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, target, { name: "X" })).status).toBe(403);
    await api.patch(`/api/v1/users/${target.user.id}`, owner, { role: "admin" });
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, target, { isActive: true })).status).toBe(200);
  });

  it("never leaves the workspace without an owner when two owners demote each other at once", async () => {
    const { owner: first, workspace } = await buildWorkspace(t.ctx);
    const second = await buildAgent(t.ctx, workspace.id, { role: "owner" });
    const results = await Promise.all([
      api.patch(`/api/v1/users/${second.user.id}`, first, { role: "admin" }),
      api.patch(`/api/v1/users/${first.user.id}`, second, { role: "admin" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
    const owners = await t.ctx.db.query(
      "SELECT id FROM users WHERE workspace_id = $1 AND role = 'owner' AND is_active",
      [workspace.id],
    );
    expect(owners).toHaveLength(1);
  });
});

describe("PATCH /api/v1/session/password", () => {
  const url = "/api/v1/session/password";

  it("returns 401 without credentials", async () => {
    expect((await api.patch(url, null, { currentPassword: "x", newPassword: "y".repeat(8) })).status).toBe(
      401,
    );
  });

  it("returns 403 for an API token: only a signed-in person changes a password", async () => {
    const response = await api.patch<ErrorBody>(url, agent, {
      currentPassword: agent.password,
      newPassword: "a brand new password",
    });
    expect(response.status).toBe(403);
  });

  it("answers 400 naming currentPassword when it is wrong, and newPassword when it is short", async () => {
    const cookie = await signIn(t.app, agent.user.email, agent.password);
    const wrong = await api.patch<ErrorBody>(url, cookie, {
      currentPassword: "guess",
      newPassword: "long enough",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details?.[0]?.field).toBe("currentPassword");
    const short = await api.patch<ErrorBody>(url, cookie, {
      currentPassword: agent.password,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details?.[0]?.field).toBe("newPassword");
    const extra = await api.patch<ErrorBody>(url, cookie, {
      currentPassword: agent.password,
      newPassword: "long enough",
      userId: owner.user.id,
    });
    expect(extra.body.error.details?.[0]?.field).toBe("userId");
  });

  it("changes the password, ends the user's other sessions and renews this one", async () => {
    const target = await buildAgent(t.ctx, owner.workspaceId);
    const here = await signIn(t.app, target.user.email, target.password);
    const elsewhere = await signIn(t.app, target.user.email, target.password);
    const response = await t.app.inject({
      method: "PATCH",
      url,
      headers: { cookie: here, origin: TEST_ORIGIN },
      payload: { currentPassword: target.password, newPassword: "a brand new password" },
    });
    expect(response.statusCode).toBe(204);
    const renewed = response.cookies.find((c) => c.name === "heed_session");
    expect(renewed?.httpOnly).toBe(true);

    expect((await api.get("/api/v1/session", elsewhere)).status).toBe(401);
    expect((await api.get("/api/v1/session", here)).status).toBe(401);
    expect((await api.get("/api/v1/session", `heed_session=${renewed?.value}`)).status).toBe(200);
    const oldLogin = await api.post("/api/v1/session", null, {
      email: target.user.email,
      password: target.password,
    });
    expect(oldLogin.status).toBe(401);
    await signIn(t.app, target.user.email, "a brand new password");
    const event = await lastEvent(owner.workspaceId, "user.password_changed");
    expect(event?.payload).toEqual({ userId: target.user.id });
  });

  it("refuses a change posted from another site", async () => {
    const cookie = await signIn(t.app, agent.user.email, agent.password);
    const response = await t.app.inject({
      method: "PATCH",
      url,
      headers: { cookie, origin: "https://evil.example" },
      payload: { currentPassword: agent.password, newPassword: "a brand new password" },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("creating users with the same name at the same time", () => {
  it("gives each a distinct @handle instead of failing", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const users = await Promise.all(
      [1, 2, 3].map((n) =>
        t.ctx.db.transaction((tx) =>
          createUser(tx, {
            workspaceId: workspace.id,
            email: `twin${n}-${workspace.id.slice(0, 8)}@example.test`,
            name: "Ana Twin",
            role: "agent",
            password: null,
          }),
        ),
      ),
    );
    expect(new Set(users.map((u) => u.handle)).size).toBe(3);
  });
});
