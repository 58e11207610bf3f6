import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestApp } from "../../../test/helpers/app.js";
import { buildAgent, type TestActor } from "../../../test/helpers/factories.js";
import { installKeys } from "../lib/install-secret.js";
import { newId } from "../lib/ids.js";
import type { TSlaAlerts } from "../presenters/sla-alerts-presenter.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest());
  admin = await buildAgent(t.ctx, workspaceId, { role: "admin" });
});
afterAll(() => t.close());

const valid = {
  emailAssignee: true,
  emails: ["lead@shop.example", "Support-Lead@Shop.example", "support-lead@shop.example"],
  webhookUrl: "https://hooks.shop.example/heed",
  onWarning: false,
  onBreach: true,
};

describe("/api/v1/sla-alerts", () => {
  it("answers 401 without a session and 403 to agents", async () => {
    expect((await api.get("/api/v1/sla-alerts", null)).status).toBe(401);
    expect((await api.put("/api/v1/sla-alerts", null, valid)).status).toBe(401);
    expect((await api.post("/api/v1/sla-alerts/webhook-secret", null)).status).toBe(401);
    expect((await api.get("/api/v1/sla-alerts", agent)).status).toBe(403);
    expect((await api.put("/api/v1/sla-alerts", agent, valid)).status).toBe(403);
    expect((await api.post("/api/v1/sla-alerts/webhook-secret", agent)).status).toBe(403);
  });

  it("starts with nothing switched on, and saves the settings of owners and admins", async () => {
    const initial = await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      emailAssignee: false,
      emails: [],
      webhookUrl: null,
      hasWebhookSecret: false,
      onWarning: true,
      onBreach: true,
      deliveries: [],
    });
    const saved = await api.put<TSlaAlerts>("/api/v1/sla-alerts", admin, valid);
    expect(saved.status).toBe(200);
    // The same address twice (in any case) is kept once.
    expect(saved.body).toMatchObject({
      ...valid,
      emails: ["lead@shop.example", "Support-Lead@Shop.example"],
    });
    expect((await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner)).body.webhookUrl).toBe(valid.webhookUrl);
    // An empty address removes the webhook; http is fine to this machine only.
    const cleared = await api.put<TSlaAlerts>("/api/v1/sla-alerts", owner, { ...valid, webhookUrl: "" });
    expect(cleared.body.webhookUrl).toBeNull();
    const loopback = await api.put<TSlaAlerts>("/api/v1/sla-alerts", owner, {
      ...valid,
      webhookUrl: "http://127.0.0.1:8080/heed",
    });
    expect(loopback.body.webhookUrl).toBe("http://127.0.0.1:8080/heed");

    // The event names what changed, never the values (an address can carry a token).
    const events = await t.ctx.db.query<{ payload: { changed: string[] } }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'sla_alerts.updated' ORDER BY id",
      [workspaceId],
    );
    expect(events[0]!.payload.changed).toEqual(["emailAssignee", "emails", "webhookUrl", "onWarning"]);
    expect(JSON.stringify(events)).not.toContain("hooks.shop.example");
  });

  it("answers 400 naming the field for a bad address or URL", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ webhookUrl: "http://hooks.shop.example/heed" }, "webhookUrl"],
      [{ webhookUrl: "ftp://hooks.shop.example/heed" }, "webhookUrl"],
      [{ webhookUrl: "https://user:password@hooks.shop.example/heed" }, "webhookUrl"],
      [{ webhookUrl: "not a url" }, "webhookUrl"],
      [{ emails: ["lead@shop.example", "not-an-address"] }, "emails.1"],
      [{ emails: Array.from({ length: 11 }, (_, i) => `lead${i}@shop.example`) }, "emails"],
      [{ secret: "mine" }, "secret"],
    ];
    for (const [change, field] of cases) {
      const response = await api.put<ErrorBody>("/api/v1/sla-alerts", owner, { ...valid, ...change });
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(response.body.error.details?.[0]?.field, JSON.stringify(change)).toBe(field);
    }
  });

  it("shows a new signing secret once, never in GET, and a new one on each call", async () => {
    const first = await api.post<{ secret: string }>("/api/v1/sla-alerts/webhook-secret", owner);
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^hwh_[A-Za-z0-9_-]{43}$/);
    const shown = await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner);
    expect(shown.body.hasWebhookSecret).toBe(true);
    expect(JSON.stringify(shown.body)).not.toContain(first.body.secret);
    const second = await api.post<{ secret: string }>("/api/v1/sla-alerts/webhook-secret", admin);
    expect(second.body.secret).not.toBe(first.body.secret);
    // Stored sealed with the install's key: not readable in the database.
    const rows = await t.ctx.db.query<{ webhook_secret_sealed: string }>(
      "SELECT webhook_secret_sealed FROM sla_alert_settings WHERE workspace_id = $1",
      [workspaceId],
    );
    expect(rows[0]!.webhook_secret_sealed).not.toContain(second.body.secret);
    const keys = await installKeys(t.ctx.db, t.ctx.env.HEED_SECRET);
    expect(keys.open(rows[0]!.webhook_secret_sealed)).toBe(second.body.secret);
    // Saving the settings keeps the secret.
    await api.put("/api/v1/sla-alerts", owner, valid);
    expect((await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner)).body.hasWebhookSecret).toBe(true);
  });

  it("lists the newest webhook deliveries with their failures", async () => {
    await t.ctx.db.query(
      `INSERT INTO webhook_deliveries (id, workspace_id, url, event_type, body, status, attempts, last_error)
       VALUES ($1, $2, 'https://hooks.shop.example/heed', 'sla.breached', '{}', 'failed', 6, 'HTTP 503: down')`,
      [newId(), workspaceId],
    );
    const shown = await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner);
    expect(shown.body.deliveries[0]).toMatchObject({
      eventType: "sla.breached",
      status: "failed",
      attempts: 6,
      lastError: "HTTP 503: down",
      sentAt: null,
    });
  });

  it("keeps each workspace's settings and deliveries to itself", async () => {
    const mine = await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner);
    const theirs = await api.get<TSlaAlerts>("/api/v1/sla-alerts", stranger);
    expect(theirs.body).toMatchObject({
      emails: [],
      webhookUrl: null,
      hasWebhookSecret: false,
      deliveries: [],
    });
    await api.put("/api/v1/sla-alerts", stranger, { emails: ["theirs@other.example"] });
    await api.post("/api/v1/sla-alerts/webhook-secret", stranger);
    expect((await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner)).body).toEqual(mine.body);
    // workspaceId is not something a client can choose.
    const sneaky = await api.put<ErrorBody>("/api/v1/sla-alerts", stranger, { ...valid, workspaceId });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.details?.[0]?.field).toBe("workspaceId");
    expect((await api.get<TSlaAlerts>("/api/v1/sla-alerts", owner)).body).toEqual(mine.body);
  });
});
