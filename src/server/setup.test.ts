import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/helpers/app.js";
import { signIn } from "../../test/helpers/api.js";
import { hashToken } from "./lib/ids.js";
import { ensureOwner } from "./setup.js";

describe("ensureOwner with HEED_ADMIN_EMAIL and HEED_ADMIN_PASSWORD", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ HEED_ADMIN_EMAIL: "Boss@Example.test", HEED_ADMIN_PASSWORD: "first owner pw" });
  });
  afterAll(() => t.close());

  it("creates the owner and a workspace on the first start, and nothing on later starts", async () => {
    expect(await ensureOwner(t.ctx)).toEqual({ kind: "owner-created", email: "Boss@Example.test" });
    expect(await ensureOwner(t.ctx)).toEqual({ kind: "ready" });
    const users = await t.ctx.db.query<{ role: string; workspace_id: string }>(
      "SELECT role, workspace_id FROM users",
    );
    expect(users).toEqual([expect.objectContaining({ role: "owner" })]);
    const workspaces = await t.ctx.db.query("SELECT id FROM workspaces");
    expect(workspaces).toHaveLength(1);
    await signIn(t.app, "boss@example.test", "first owner pw");
  });

  it("makes no setup link when it created the owner", async () => {
    expect(await t.ctx.db.query("SELECT id FROM setup_tokens")).toHaveLength(0);
  });
});

describe("ensureOwner with several processes starting at once", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ HEED_ADMIN_EMAIL: "boss@example.test", HEED_ADMIN_PASSWORD: "first owner pw" });
  });
  afterAll(() => t.close());

  it("creates one owner, and the others start normally", async () => {
    const results = await Promise.all([ensureOwner(t.ctx), ensureOwner(t.ctx), ensureOwner(t.ctx)]);
    expect(results.filter((r) => r.kind === "owner-created")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "ready")).toHaveLength(2);
    expect(await t.ctx.db.query("SELECT id FROM users")).toHaveLength(1);
  });
});

describe("ensureOwner without an admin in the environment", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ HEED_PUBLIC_URL: "https://help.example.test/" });
  });
  afterAll(() => t.close());

  it("returns a one-time setup link under the public URL, valid for 24 hours, stored only as a hash", async () => {
    const result = await ensureOwner(t.ctx);
    expect(result.kind).toBe("setup-link");
    if (result.kind !== "setup-link") return;
    expect(result.url).toMatch(/^https:\/\/help\.example\.test\/setup\?token=[\w-]{40,}$/);
    const token = new URL(result.url).searchParams.get("token")!;
    const rows = await t.ctx.db.query<{ token_hash: string; hours: number }>(
      "SELECT token_hash, extract(epoch FROM expires_at - now()) / 3600 AS hours FROM setup_tokens",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashToken(token));
    expect(Number(rows[0]!.hours)).toBeGreaterThan(23.9);
    expect(Number(rows[0]!.hours)).toBeLessThanOrEqual(24);
  });

  it("is ready, with no new link, once a user exists", async () => {
    await t.ctx.db.query(
      "INSERT INTO workspaces (id, name) VALUES ('0190a4a4-0000-7000-8000-0000000000aa', 'W')",
    );
    await t.ctx.db.query(
      `INSERT INTO users (id, workspace_id, email, name, handle, role)
       VALUES ('0190a4a4-0000-7000-8000-0000000000ab', '0190a4a4-0000-7000-8000-0000000000aa', 'u@example.test',
               'U', 'u', 'owner')`,
    );
    expect(await ensureOwner(t.ctx)).toEqual({ kind: "ready" });
    expect(await t.ctx.db.query("SELECT id FROM setup_tokens")).toHaveLength(1);
  });
});
