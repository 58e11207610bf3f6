import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient, type ApiResponse } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildTeam } from "../../../test/helpers/factories-accounts.js";

interface ErrorBody {
  error: { code: string; details?: { field: string; message: string }[] };
}
interface TeamBody {
  id: string;
  name: string;
  memberIds: string[];
  leadIds: string[];
  abilities: { update: boolean; delete: boolean };
}
interface ListBody {
  data: TeamBody[];
  nextCursor: string | null;
}

const missingId = "0190a4a4-0000-7000-8000-000000000000";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;

/** PUT as an actor (the shared api client has no put). */
async function put<T>(url: string, actor: TestActor | null, body: unknown): Promise<ApiResponse<T>> {
  const response = await t.app.inject({
    method: "PUT",
    url,
    headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
    payload: body as Record<string, unknown>,
  });
  return { status: response.statusCode, body: response.json() as T, headers: response.headers };
}

const events = (workspaceId: string, type: string) =>
  t.ctx.db.query<{ actor_user_id: string; payload: Record<string, unknown> }>(
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

describe("GET /api/v1/teams", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/teams", null)).status).toBe(401);
  });

  it("lists the workspace's teams with their members to any user, and no other workspace's", async () => {
    const ours = await buildTeam(t.ctx, owner.workspaceId, { memberIds: [agent.user.id] });
    const theirs = await buildTeam(t.ctx, stranger.workspaceId);
    const response = await api.get<ListBody>("/api/v1/teams?limit=100", agent);
    expect(response.status).toBe(200);
    const ids = response.body.data.map((team) => team.id);
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
    const listed = response.body.data.find((team) => team.id === ours.id);
    expect(listed).toMatchObject({ memberIds: [agent.user.id], abilities: { update: false, delete: false } });
  });

  it("pages through the teams by name with nextCursor", async () => {
    for (const name of ["Billing", "returns", "Shipping"])
      await buildTeam(t.ctx, owner.workspaceId, { name });
    const all = await api.get<ListBody>("/api/v1/teams?limit=100", owner);
    const names = all.body.data.map((team) => team.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<ListBody> = await api.get<ListBody>(
        `/api/v1/teams?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        owner,
      );
      seen.push(...page.body.data.map((team) => team.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((team) => team.id));
  });

  it("answers 400 naming limit or cursor when they are invalid", async () => {
    expect((await api.get<ErrorBody>("/api/v1/teams?limit=0", owner)).body.error.details?.[0]?.field).toBe(
      "limit",
    );
    expect((await api.get<ErrorBody>("/api/v1/teams?cursor=%7B", owner)).body.error.details?.[0]?.field).toBe(
      "cursor",
    );
  });
});

describe("POST /api/v1/teams", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/teams", null, { name: "Night shift" })).status).toBe(401);
  });

  it("returns 403 for an agent", async () => {
    const response = await api.post<ErrorBody>("/api/v1/teams", agent, { name: "Agents only" });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("lets an admin create a team, with a team.created event", async () => {
    const response = await api.post<TeamBody>("/api/v1/teams", admin, { name: "  Night shift  " });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: "Night shift", memberIds: [], abilities: { update: true } });
    const created = await events(owner.workspaceId, "team.created");
    expect(created.at(-1)).toMatchObject({
      actor_user_id: admin.user.id,
      payload: { teamId: response.body.id, name: "Night shift" },
    });
  });

  it("returns 409 for a name already used in the workspace, whatever its case", async () => {
    await api.post("/api/v1/teams", owner, { name: "Escalations" });
    const response = await api.post<ErrorBody>("/api/v1/teams", owner, { name: "ESCALATIONS" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("conflict");
  });

  it("allows the same name in another workspace", async () => {
    await api.post("/api/v1/teams", owner, { name: "Front line" });
    expect((await api.post("/api/v1/teams", stranger, { name: "Front line" })).status).toBe(201);
  });

  it("gives one of two simultaneous creators the name and the other a 409", async () => {
    const results = await Promise.all([
      api.post("/api/v1/teams", owner, { name: "Race" }),
      api.post("/api/v1/teams", admin, { name: "race" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("answers 400 naming the field for an empty name and fields that must not be written", async () => {
    const empty = await api.post<ErrorBody>("/api/v1/teams", owner, { name: " " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details?.[0]?.field).toBe("name");
    const missing = await api.post<ErrorBody>("/api/v1/teams", owner, {});
    expect(missing.body.error.details?.[0]).toMatchObject({ field: "name", message: "is required" });
    for (const field of ["workspaceId", "id", "memberIds"]) {
      const response = await api.post<ErrorBody>("/api/v1/teams", owner, { name: "Extra", [field]: [] });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
  });
});

describe("GET /api/v1/teams/:id", () => {
  it("returns 401 without credentials", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await api.get(`/api/v1/teams/${team.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's team, like a missing one", async () => {
    const theirs = await buildTeam(t.ctx, stranger.workspaceId);
    const foreign = await api.get<ErrorBody>(`/api/v1/teams/${theirs.id}`, owner);
    const missing = await api.get<ErrorBody>(`/api/v1/teams/${missingId}`, owner);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it("answers 400 naming id for an id that is not a uuid", async () => {
    expect((await api.get<ErrorBody>("/api/v1/teams/abc", owner)).body.error.details?.[0]?.field).toBe("id");
  });

  it("returns the team with its members", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, { memberIds: [agent.user.id, admin.user.id] });
    const response = await api.get<TeamBody>(`/api/v1/teams/${team.id}`, agent);
    expect(response.status).toBe(200);
    expect(response.body.memberIds.sort()).toEqual([agent.user.id, admin.user.id].sort());
  });
});

describe("PATCH /api/v1/teams/:id", () => {
  it("returns 401 without credentials", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await api.patch(`/api/v1/teams/${team.id}`, null, { name: "X" })).status).toBe(401);
  });

  it("returns 404 for another workspace's team and leaves it alone", async () => {
    const theirs = await buildTeam(t.ctx, stranger.workspaceId, { name: "Theirs" });
    expect((await api.patch(`/api/v1/teams/${theirs.id}`, owner, { name: "Ours now" })).status).toBe(404);
    expect((await api.get<TeamBody>(`/api/v1/teams/${theirs.id}`, stranger)).body.name).toBe("Theirs");
  });

  it("returns 403 for an agent", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await api.patch(`/api/v1/teams/${team.id}`, agent, { name: "Mine" })).status).toBe(403);
  });

  it("renames the team, keeping its members, with a team.updated event", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, { name: "Old name", memberIds: [agent.user.id] });
    const response = await api.patch<TeamBody>(`/api/v1/teams/${team.id}`, admin, { name: "New name" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: "New name", memberIds: [agent.user.id] });
    const updated = await events(owner.workspaceId, "team.updated");
    expect(updated.at(-1)?.payload).toEqual({
      teamId: team.id,
      changes: { name: { from: "Old name", to: "New name" } },
    });
  });

  it("allows a change of case only, and refuses another team's name with 409", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, { name: "vip" });
    expect((await api.patch<TeamBody>(`/api/v1/teams/${team.id}`, owner, { name: "VIP" })).body.name).toBe(
      "VIP",
    );
    await buildTeam(t.ctx, owner.workspaceId, { name: "Taken name" });
    expect((await api.patch(`/api/v1/teams/${team.id}`, owner, { name: "taken NAME" })).status).toBe(409);
  });

  it("answers 400 naming the field for an empty name and fields that must not be written", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    const empty = await api.patch<ErrorBody>(`/api/v1/teams/${team.id}`, owner, { name: "" });
    expect(empty.body.error.details?.[0]?.field).toBe("name");
    const extra = await api.patch<ErrorBody>(`/api/v1/teams/${team.id}`, owner, {
      workspaceId: stranger.workspaceId,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details?.[0]?.field).toBe("workspaceId");
  });
});

describe("DELETE /api/v1/teams/:id", () => {
  it("returns 401 without credentials", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await api.delete(`/api/v1/teams/${team.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's team and keeps it", async () => {
    const theirs = await buildTeam(t.ctx, stranger.workspaceId);
    expect((await api.delete(`/api/v1/teams/${theirs.id}`, owner)).status).toBe(404);
    expect((await api.get(`/api/v1/teams/${theirs.id}`, stranger)).status).toBe(200);
  });

  it("returns 403 for an agent", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await api.delete(`/api/v1/teams/${team.id}`, agent)).status).toBe(403);
  });

  it("deletes the team with its memberships, with a team.deleted event", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, {
      name: "Short-lived",
      memberIds: [agent.user.id],
    });
    expect((await api.delete(`/api/v1/teams/${team.id}`, admin)).status).toBe(204);
    expect((await api.get(`/api/v1/teams/${team.id}`, owner)).status).toBe(404);
    expect((await api.delete(`/api/v1/teams/${team.id}`, admin)).status).toBe(404);
    const left = await t.ctx.db.query("SELECT 1 FROM team_members WHERE team_id = $1", [team.id]);
    expect(left).toHaveLength(0);
    const deleted = await events(owner.workspaceId, "team.deleted");
    expect(deleted.at(-1)?.payload).toEqual({ teamId: team.id, name: "Short-lived" });
  });
});

describe("PUT /api/v1/teams/:id/members", () => {
  it("returns 401 without credentials", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await put(`/api/v1/teams/${team.id}/members`, null, { userIds: [] })).status).toBe(401);
  });

  it("returns 404 for another workspace's team", async () => {
    const theirs = await buildTeam(t.ctx, stranger.workspaceId);
    const response = await put(`/api/v1/teams/${theirs.id}/members`, owner, { userIds: [owner.user.id] });
    expect(response.status).toBe(404);
  });

  it("returns 403 for an agent", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    expect((await put(`/api/v1/teams/${team.id}/members`, agent, { userIds: [agent.user.id] })).status).toBe(
      403,
    );
  });

  it("sets the members to exactly the given users, with a team.members_changed event", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, { memberIds: [owner.user.id] });
    const url = `/api/v1/teams/${team.id}/members`;
    const first = await put<TeamBody>(url, admin, { userIds: [agent.user.id, admin.user.id, agent.user.id] });
    expect(first.status).toBe(200);
    expect(first.body.memberIds.sort()).toEqual([agent.user.id, admin.user.id].sort());
    const changed = await events(owner.workspaceId, "team.members_changed");
    expect(changed.at(-1)?.payload).toMatchObject({ teamId: team.id, removed: [owner.user.id] });
    const emptied = await put<TeamBody>(url, admin, { userIds: [] });
    expect(emptied.body.memberIds).toEqual([]);
  });

  it("sets leads with leadIds; without it the members who stay keep their lead flag", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    const url = `/api/v1/teams/${team.id}/members`;
    const set = await put<TeamBody>(url, admin, {
      userIds: [agent.user.id, admin.user.id],
      leadIds: [admin.user.id],
    });
    expect(set.status).toBe(200);
    expect(set.body.leadIds).toEqual([admin.user.id]);
    expect((await events(owner.workspaceId, "team.members_changed")).at(-1)?.payload).toMatchObject({
      teamId: team.id,
      leadsAdded: [admin.user.id],
      leadsRemoved: [],
    });
    const oldShape = await put<TeamBody>(url, admin, { userIds: [admin.user.id, owner.user.id] });
    expect(oldShape.body.leadIds).toEqual([admin.user.id]);
    expect((await api.get<TeamBody>(`/api/v1/teams/${team.id}`, agent)).body.leadIds).toEqual([
      admin.user.id,
    ]);
    const cleared = await put<TeamBody>(url, admin, { userIds: [admin.user.id], leadIds: [] });
    expect(cleared.body).toMatchObject({ memberIds: [admin.user.id], leadIds: [] });
  });

  it("answers 400 naming the entry of leadIds that is not among userIds", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId);
    const response = await put<ErrorBody>(`/api/v1/teams/${team.id}/members`, owner, {
      userIds: [agent.user.id],
      leadIds: [agent.user.id, admin.user.id],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.field).toBe("leadIds.1");
    expect((await api.get<TeamBody>(`/api/v1/teams/${team.id}`, owner)).body.memberIds).toEqual([]);
  });

  it("answers 400 naming the entry of userIds that is not a user of the workspace, and changes nothing", async () => {
    const team = await buildTeam(t.ctx, owner.workspaceId, { memberIds: [agent.user.id] });
    const url = `/api/v1/teams/${team.id}/members`;
    const foreign = await put<ErrorBody>(url, owner, { userIds: [owner.user.id, stranger.user.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details?.[0]).toMatchObject({ field: "userIds.1" });
    const missing = await put<ErrorBody>(url, owner, { userIds: [missingId] });
    expect(missing.body.error.details?.[0]?.field).toBe("userIds.0");
    const notUuid = await put<ErrorBody>(url, owner, { userIds: ["me"] });
    expect(notUuid.body.error.details?.[0]?.field).toBe("userIds.0");
    const absent = await put<ErrorBody>(url, owner, {});
    expect(absent.body.error.details?.[0]?.field).toBe("userIds");
    expect((await api.get<TeamBody>(`/api/v1/teams/${team.id}`, owner)).body.memberIds).toEqual([
      agent.user.id,
    ]);
  });
});
