import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { hashToken, newId, randomToken } from "../lib/ids.js";
import { insertSetupToken } from "../models/setup-tokens.js";
import { ensureOwner } from "../setup.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}

/** A one-time setup link's token, as the console shows it on first start. */
async function setupToken(t: TestApp): Promise<string> {
  const result = await ensureOwner(t.ctx);
  if (result.kind !== "setup-link") throw new Error(`expected a setup link, got ${result.kind}`);
  return new URL(result.url).searchParams.get("token")!;
}

const body = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  workspaceName: "Acme Support",
  name: "Olga Owner",
  email: `owner-${randomToken(4)}@example.test`,
  password: "owner password",
  ...overrides,
});

let ip = 0;
/** POST /setup from its own address (the route is rate-limited per address). */
async function postSetup(t: TestApp, payload: Record<string, unknown>) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/setup",
    remoteAddress: `10.1.0.${++ip}`,
    headers: { origin: TEST_ORIGIN },
    payload,
  });
  return { status: response.statusCode, body: response.json() as ErrorBody, cookies: response.cookies };
}

describe("POST /api/v1/setup", () => {
  let t: TestApp;
  let api: ApiClient;
  beforeAll(async () => {
    t = await createTestApp();
    api = apiClient(t.app);
  });
  afterAll(() => t.close());

  it("says setup is needed while the install has no user", async () => {
    expect((await api.get<{ needsSetup: boolean }>("/api/v1/setup", null)).body).toEqual({
      needsSetup: true,
    });
  });

  it("answers 403 for a token that is not a setup link's", async () => {
    const response = await postSetup(t, body("made-up-token"));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("invalid_setup_token");
  });

  it("answers 403 for an expired setup link", async () => {
    const token = randomToken();
    await insertSetupToken(t.ctx.db, { id: newId(), tokenHash: hashToken(token), hours: -1 });
    expect((await postSetup(t, body(token))).status).toBe(403);
  });

  it("answers 400 naming the field for a short password, a bad email and fields that must not be written", async () => {
    const token = await setupToken(t);
    const short = await postSetup(t, body(token, { password: "short" }));
    expect(short.status).toBe(400);
    expect(short.body.error.details?.[0]?.field).toBe("password");
    const email = await postSetup(t, body(token, { email: "nope" }));
    expect(email.body.error.details?.[0]?.field).toBe("email");
    const role = await postSetup(t, body(token, { role: "agent" }));
    expect(role.body.error.details?.[0]?.field).toBe("role");
    // None of these used the link up.
    expect((await api.get<{ needsSetup: boolean }>("/api/v1/setup", null)).body.needsSetup).toBe(true);
  });

  it("creates the workspace and its owner once, signed in, then the link is spent", async () => {
    const token = await setupToken(t);
    const payload = body(token, { language: "hr" });
    const response = await postSetup(t, payload);
    expect(response.status).toBe(201);
    const user = (response.body as unknown as { user: { role: string; email: string; language: string } })
      .user;
    expect(user).toMatchObject({ role: "owner", email: payload.email, language: "hr" });
    const cookie = response.cookies.find((c) => c.name === "heed_session");
    const workspace = await api.get<{ name: string; defaultLanguage: string }>(
      "/api/v1/workspace",
      `heed_session=${cookie?.value}`,
    );
    expect(workspace.body).toMatchObject({ name: "Acme Support", defaultLanguage: "hr" });
    expect((await api.get<{ needsSetup: boolean }>("/api/v1/setup", null)).body).toEqual({
      needsSetup: false,
    });

    const again = await postSetup(t, body(token));
    expect(again.status).toBe(403);
  });

  it("answers 403 to any setup link once a user exists", async () => {
    const token = randomToken();
    await insertSetupToken(t.ctx.db, { id: newId(), tokenHash: hashToken(token), hours: 24 });
    expect((await postSetup(t, body(token))).status).toBe(403);
    const users = await t.ctx.db.query("SELECT id FROM users");
    expect(users).toHaveLength(1);
  });
});

describe("POST /api/v1/setup, used twice at once", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("creates one owner when the same link is posted twice at once", async () => {
    const token = await setupToken(t);
    const results = await Promise.all([postSetup(t, body(token)), postSetup(t, body(token))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
  });
});

describe("POST /api/v1/setup, two links at once", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("creates one owner when two different setup links are used at once", async () => {
    // Two starts without an owner each print a link; both links may be open in two browsers.
    const first = await setupToken(t);
    const second = await setupToken(t);
    const results = await Promise.all([postSetup(t, body(first)), postSetup(t, body(second))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    const workspaces = await t.ctx.db.query("SELECT id FROM workspaces");
    expect(workspaces).toHaveLength(1);
  });
});
