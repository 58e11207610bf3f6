import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import type { TInbox } from "../presenters/inbox-presenter.js";

interface Health {
  status: string;
  database: string;
  version: string;
  failing?: string;
  message?: string;
  imap?: { inboxes: number; problems: { inboxId: string; state: string; code: string | null }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  owner = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const health = () => api.get<Health>("/healthz", null);

async function imapInbox(): Promise<string> {
  const response = await api.post<TInbox>("/api/v1/inboxes", owner, {
    name: "Mailbox",
    channel: "email",
    address: `h-${Math.random().toString(36).slice(2, 8)}@shop.example`,
    imap: { host: "imap.example.com", username: "help", password: "secret" },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Puts an inbox's fetch state as a fetcher would have left it. */
const setState = (inboxId: string, sql: string) =>
  t.ctx.db.query(`UPDATE inbox_imap SET ${sql} WHERE inbox_id = $1`, [inboxId]);

const healthy = "lease_owner = 'w', lease_expires_at = now() + interval '1 minute', last_success_at = now()";

describe("GET /healthz", () => {
  it("answers ok without an imap part while no inbox reads a mailbox", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", database: t.ctx.db.mode });
    expect(response.body).not.toHaveProperty("imap");
  });

  it("counts IMAP inboxes that are fetched or just set up as ok", async () => {
    const fresh = await imapInbox();
    const running = await imapInbox();
    await setState(running, healthy);
    const response = await health();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", imap: { inboxes: 2, problems: [] } });
    await setState(fresh, "is_enabled = false");
    await setState(running, "is_enabled = false");
  });

  it("is degraded (still 200) naming a failing, a stuck and an unfetched inbox; disabled ones do not count", async () => {
    const failing = await imapInbox();
    await setState(
      failing,
      `${healthy}, last_error_code = 'auth_failed', last_error = 'Authentication failed',
       last_error_at = now(), failing_since = now() - interval '5 minutes'`,
    );
    const stuck = await imapInbox();
    await setState(
      stuck,
      `${healthy}, fetch_started_at = now() - interval '10 minutes', progress_deadline = now() - interval '1 second'`,
    );
    const orphan = await imapInbox();
    await setState(
      orphan,
      "settings_updated_at = now() - interval '10 minutes', lease_expires_at = now() - interval '1 minute'",
    );
    const disabled = await imapInbox();
    await setState(disabled, "is_enabled = false, last_error_at = now(), last_error_code = 'auth_failed'");

    const response = await health();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "degraded", failing: "imap" });
    expect(response.body.message).toMatch(/3 of 3 IMAP inbox\(es\) not fetching/);
    const problems = response.body.imap!.problems;
    expect(problems).toHaveLength(3);
    expect(problems).toContainEqual(
      expect.objectContaining({ inboxId: failing, state: "failing", code: "auth_failed" }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ inboxId: stuck, state: "stuck" }));
    expect(problems).toContainEqual(expect.objectContaining({ inboxId: orphan, state: "not_running" }));
    // The error's details stay in the authenticated inbox settings.
    expect(JSON.stringify(response.body)).not.toContain("Authentication failed");

    const status = async (id: string) =>
      (await api.get<TInbox>(`/api/v1/inboxes/${id}`, owner)).body.imap!.status.state;
    expect([
      await status(failing),
      await status(stuck),
      await status(orphan),
      await status(disabled),
    ]).toEqual(["failing", "stuck", "not_running", "disabled"]);
  });
});
