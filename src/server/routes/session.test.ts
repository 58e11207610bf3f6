import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn, type ApiClient } from "../../../test/helpers/api.js";
import { buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  owner = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

describe("POST /api/v1/session", () => {
  it("signs in with the right password and sets a secure-flagged httpOnly SameSite cookie", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { origin: TEST_ORIGIN },
      payload: { email: owner.user.email.toUpperCase(), password: owner.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.email).toBe(owner.user.email);
    expect(response.json().user).not.toHaveProperty("passwordHash");
    const cookie = response.cookies.find((c) => c.name === "heed_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });

  it("answers 401 the same way for a wrong password and an unknown email", async () => {
    const wrong = await api.post<{ error: { code: string; message: string } }>("/api/v1/session", null, {
      email: owner.user.email,
      password: "not the password",
    });
    const unknown = await api.post<{ error: { code: string; message: string } }>("/api/v1/session", null, {
      email: "nobody@example.test",
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("answers 400 naming the missing field", async () => {
    const response = await api.post<{ error: { code: string; details: { field: string }[] } }>(
      "/api/v1/session",
      null,
      {
        email: owner.user.email,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_input");
    expect(response.body.error.details[0]!.field).toBe("password");
  });

  it("rejects fields that must not be written", async () => {
    const response = await api.post<{ error: { details: { field: string }[] } }>("/api/v1/session", null, {
      email: owner.user.email,
      password: owner.password,
      role: "owner",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]!.field).toBe("role");
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { origin: "https://evil.example" },
      payload: { email: owner.user.email, password: owner.password },
    });
    expect(response.statusCode).toBe(403);
  });

  it("rate-limits repeated attempts with 429 and Retry-After", async () => {
    const email = `limited-${Date.now()}@example.test`;
    let last = await api.post("/api/v1/session", null, { email, password: "x" });
    for (let i = 0; i < 11; i++) last = await api.post("/api/v1/session", null, { email, password: "x" });
    expect(last.status).toBe(429);
    expect(last.headers["retry-after"]).toBeDefined();
  });
});

describe("GET /api/v1/session", () => {
  it("returns 401 without a session", async () => {
    expect((await api.get("/api/v1/session", null)).status).toBe(401);
  });

  it("returns the signed-in user for a session cookie and for a token", async () => {
    const cookie = await signIn(t.app, owner.user.email, owner.password);
    const viaCookie = await api.get<{ user: { id: string } }>("/api/v1/session", cookie);
    expect(viaCookie.body.user.id).toBe(owner.user.id);
    const viaToken = await api.get<{ user: { id: string } }>("/api/v1/session", owner);
    expect(viaToken.body.user.id).toBe(owner.user.id);
  });
});

describe("DELETE /api/v1/session", () => {
  it("returns 401 without a session", async () => {
    expect((await api.delete("/api/v1/session", null)).status).toBe(401);
  });

  it("refuses a cookie-authenticated state change without our Origin", async () => {
    const cookie = await signIn(t.app, owner.user.email, owner.password);
    const response = await t.app.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie } });
    expect(response.statusCode).toBe(403);
    const cross = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(cross.statusCode).toBe(403);
  });

  it("signs out: the cookie no longer works", async () => {
    const cookie = await signIn(t.app, owner.user.email, owner.password);
    expect((await api.delete("/api/v1/session", cookie)).status).toBe(204);
    expect((await api.get("/api/v1/session", cookie)).status).toBe(401);
  });
});
