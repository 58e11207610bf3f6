import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { hashToken } from "../lib/ids.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}
interface TokenList {
  data: { id: string; name: string; prefix: string; lastUsedAt: string | null }[];
  nextCursor: string | null;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let ownerCookie: string;

/** Creates a token from the owner's session; returns the secret and the id. */
async function createToken(name = "Zapier"): Promise<{ id: string; token: string }> {
  const response = await api.post<{ id: string; token: string }>("/api/v1/tokens", ownerCookie, { name });
  expect(response.status).toBe(201);
  return response.body;
}

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx);
  owner = a.owner;
  agent = await buildAgent(t.ctx, a.workspace.id);
  stranger = (await buildWorkspace(t.ctx)).owner;
  ownerCookie = await signIn(t.app, owner.user.email, owner.password);
});
afterAll(() => t.close());

describe("POST /api/v1/tokens", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/tokens", null, { name: "x" })).status).toBe(401);
  });

  it("creates a token shown once, stored only as a hash, that authenticates as its user", async () => {
    const { id, token } = await createToken();
    expect(token).toMatch(/^heed_[\w-]{40,}$/);
    const [row] = await t.ctx.db.query<{ token_hash: string; token_prefix: string }>(
      "SELECT token_hash, token_prefix FROM api_tokens WHERE id = $1",
      [id],
    );
    expect(row).toEqual({ token_hash: hashToken(token), token_prefix: token.slice(0, 9) });
    const me = await api.get<{ user: { id: string } }>("/api/v1/session", { ...owner, token });
    expect(me.body.user.id).toBe(owner.user.id);
    const list = await api.get<TokenList>("/api/v1/tokens", ownerCookie);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain(row!.token_hash);
  });

  it("returns 403 when an API token tries to mint another token", async () => {
    const response = await api.post<ErrorBody>("/api/v1/tokens", owner, { name: "self-replicating" });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });

  it("answers 400 naming the field for a missing name and fields that must not be written", async () => {
    const missing = await api.post<ErrorBody>("/api/v1/tokens", ownerCookie, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.[0]?.field).toBe("name");
    for (const field of ["userId", "workspaceId", "token"]) {
      const response = await api.post<ErrorBody>("/api/v1/tokens", ownerCookie, { name: "x", [field]: "y" });
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toBe(field);
    }
  });

  it("records an api_token.created event without the secret", async () => {
    const { id, token } = await createToken("Events check");
    const [event] = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'api_token.created' ORDER BY id DESC LIMIT 1",
      [owner.workspaceId],
    );
    expect(event?.payload).toEqual({ tokenId: id, name: "Events check" });
    expect(JSON.stringify(event)).not.toContain(token);
  });
});

describe("GET /api/v1/tokens", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/tokens", null)).status).toBe(401);
  });

  it("lists only the actor's own live tokens", async () => {
    const mine = await createToken("Mine");
    const response = await api.get<TokenList>("/api/v1/tokens", ownerCookie);
    expect(response.status).toBe(200);
    expect(response.body.data.map((x) => x.id)).toContain(mine.id);
    const theirs = await api.get<TokenList>("/api/v1/tokens", agent);
    expect(theirs.body.data.map((x) => x.id)).not.toContain(mine.id);
    expect(theirs.body.data).toHaveLength(1);
  });
});

describe("DELETE /api/v1/tokens/:id", () => {
  it("returns 401 without credentials", async () => {
    const { id } = await createToken();
    expect((await api.delete(`/api/v1/tokens/${id}`, null)).status).toBe(401);
  });

  it("returns 404 for another user's token, in this workspace or another, and it keeps working", async () => {
    const { id, token } = await createToken();
    expect((await api.delete(`/api/v1/tokens/${id}`, agent)).status).toBe(404);
    expect((await api.delete(`/api/v1/tokens/${id}`, stranger)).status).toBe(404);
    expect((await api.get("/api/v1/session", { ...owner, token })).status).toBe(200);
  });

  it("answers 400 naming id for an id that is not a uuid", async () => {
    const response = await api.delete<ErrorBody>("/api/v1/tokens/abc", ownerCookie);
    expect(response.body.error.details?.[0]?.field).toBe("id");
  });

  it("revokes: the token stops working at once and leaves the list, with an event", async () => {
    const { id, token } = await createToken();
    expect((await api.delete(`/api/v1/tokens/${id}`, ownerCookie)).status).toBe(204);
    expect((await api.get("/api/v1/session", { ...owner, token })).status).toBe(401);
    const list = await api.get<TokenList>("/api/v1/tokens", ownerCookie);
    expect(list.body.data.map((x) => x.id)).not.toContain(id);
    expect((await api.delete(`/api/v1/tokens/${id}`, ownerCookie)).status).toBe(404);
    const [event] = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'api_token.revoked' ORDER BY id DESC LIMIT 1",
      [owner.workspaceId],
    );
    expect(event?.payload).toEqual({ tokenId: id });
  });
});

describe("Bearer tokens", () => {
  it("answers 401 for a malformed Authorization header or an unknown token", async () => {
    const malformed = await t.app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { authorization: "Token abc" },
    });
    expect(malformed.statusCode).toBe(401);
    expect((await api.get("/api/v1/session", { ...owner, token: "heed_unknown" })).status).toBe(401);
  });

  it("need no Origin for state changes (they are not sent by browsers on their own)", async () => {
    const response = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/users/${agent.user.id}`,
      headers: { authorization: `Bearer ${agent.token}`, origin: "https://integration.example" },
      payload: { name: "Via token" },
    });
    expect(response.statusCode).toBe(200);
  });
});
