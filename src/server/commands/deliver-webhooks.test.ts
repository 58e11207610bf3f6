import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildConversationWithClock, buildSlaPolicy } from "../../../test/helpers/factories-sla.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/helpers/webhook-receiver.js";
import type { Actor } from "../context.js";
import { installKeys, type InstallKeys } from "../lib/install-secret.js";
import { heedVersion } from "../version.js";
import {
  ADDRESS_CHANGED,
  deliverWebhooks,
  findNextWebhookAttempt,
  INTERRUPTED_DELIVERY,
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_MS,
} from "./deliver-webhooks.js";
import { queueSlaAlerts } from "./queue-sla-alerts.js";
import { renewWebhookSecret, updateSlaAlerts } from "./update-sla-alerts.js";

/**
 * The receiving side, exactly as docs/sla.md tells a shop developer to write it ("Verifying a
 * webhook"): parse `t` and `v1`, refuse a time more than five minutes off, compare the HMAC of
 * "<t>.<raw body>" in constant time.
 */
function isFromHeed(
  header: string | string[] | undefined,
  rawBody: string,
  secret: string,
  now = Date.now(),
) {
  const parts = Object.fromEntries(
    String(header ?? "")
      .split(",")
      .map((part) => part.split("=", 2)),
  ) as Record<string, string | undefined>;
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex");
  const given = String(parts.v1 ?? "");
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

let t: TestApp;
let keys: InstallKeys;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await createTestApp();
  keys = await installKeys(t.ctx.db, undefined);
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

let counter = 0;

/**
 * A workspace whose SLA webhook goes to its own path on the receiver, with a signing secret, and one
 * queued delivery for a breach (through queueSlaAlerts, as the timer records it).
 */
async function queuedDelivery(): Promise<{
  owner: Actor;
  path: string;
  secret: string;
  deliveryId: string;
  body: string;
}> {
  const { workspace } = await buildWorkspace(t.ctx);
  const owner = await ownerActor(t.ctx, workspace.id);
  const path = `/hooks/${++counter}`;
  await updateSlaAlerts(t.ctx.db, owner, {
    emailAssignee: false,
    emails: [],
    webhookUrl: `${receiver.url}${path}`,
    onWarning: true,
    onBreach: true,
  });
  const secret = await renewWebhookSecret(t.ctx.db, owner, keys);
  await buildSlaPolicy(t.ctx, workspace.id);
  const { clock } = await buildConversationWithClock(t.ctx, { workspaceId: workspace.id });
  await t.ctx.db.transaction((tx) =>
    queueSlaAlerts(tx, {
      clock,
      type: "sla.breached",
      at: clock.due_at!,
      publicUrl: TEST_ORIGIN,
      mailFrom: "heed@shop.example",
    }),
  );
  const rows = await t.ctx.db.query<{ id: string; body: string }>(
    "SELECT id, body FROM webhook_deliveries WHERE workspace_id = $1",
    [workspace.id],
  );
  expect(rows).toHaveLength(1);
  return { owner, path, secret, deliveryId: rows[0]!.id, body: rows[0]!.body };
}

async function delivery(id: string) {
  const rows = await t.ctx.db.query<{
    status: string;
    attempts: number;
    next_attempt_at: Date;
    last_error: string | null;
    sent_at: Date | null;
  }>("SELECT status, attempts, next_attempt_at, last_error, sent_at FROM webhook_deliveries WHERE id = $1", [
    id,
  ]);
  return rows[0]!;
}

describe("deliverWebhooks", () => {
  it("posts the exact body, signed so that the documented recipe verifies it", async () => {
    const queued = await queuedDelivery();
    expect(await deliverWebhooks(t.ctx.db, { keys })).toBe(1);
    const [request] = receiver.receivedAt(queued.path);
    expect(request).toBeDefined();
    expect(request!.method).toBe("POST");
    expect(request!.body).toBe(queued.body);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["user-agent"]).toBe(`Heed/${heedVersion}`);
    expect(request!.headers["x-heed-event"]).toBe("sla.breached");
    expect(request!.headers["x-heed-delivery"]).toBe(queued.deliveryId);
    expect((JSON.parse(request!.body) as { id: string }).id).toBe(queued.deliveryId);

    const signature = request!.headers["x-heed-signature"];
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(isFromHeed(signature, request!.body, queued.secret)).toBe(true);
    expect(isFromHeed(signature, request!.body.replace("sla.breached", "sla.warning"), queued.secret)).toBe(
      false,
    );
    expect(isFromHeed(signature, request!.body, `${queued.secret}x`)).toBe(false);
    // A recorded request played back later is refused by the time check.
    expect(isFromHeed(signature, request!.body, queued.secret, Date.now() + 10 * 60_000)).toBe(false);

    const row = await delivery(queued.deliveryId);
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it("retries a failing receiver with backoff and marks the delivery sent when it recovers", async () => {
    const queued = await queuedDelivery();
    receiver.answer(queued.path, { status: 500, body: "Internal Server Error: database is down" });
    const start = new Date();
    expect(await deliverWebhooks(t.ctx.db, { keys, now: start })).toBe(1);
    let row = await delivery(queued.deliveryId);
    expect(row).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: "HTTP 500: Internal Server Error: database is down",
    });
    expect(row.next_attempt_at.getTime()).toBe(start.getTime() + 60_000);

    // Not due before its time.
    expect(await deliverWebhooks(t.ctx.db, { keys, now: new Date(start.getTime() + 59_000) })).toBe(0);
    const second = new Date(start.getTime() + 60_000);
    expect(await deliverWebhooks(t.ctx.db, { keys, now: second })).toBe(1);
    row = await delivery(queued.deliveryId);
    expect(row).toMatchObject({ status: "queued", attempts: 2 });
    expect(row.next_attempt_at.getTime()).toBe(second.getTime() + 5 * 60_000);
    expect(await findNextWebhookAttempt(t.ctx.db)).toEqual(row.next_attempt_at);

    receiver.answer(queued.path, { status: 200, body: "ok" });
    expect(await deliverWebhooks(t.ctx.db, { keys, now: row.next_attempt_at })).toBe(1);
    row = await delivery(queued.deliveryId);
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
    const requests = receiver.receivedAt(queued.path);
    expect(requests).toHaveLength(3);
    // Every attempt carries the same body and delivery id, each signed anew.
    expect(new Set(requests.map((r) => r.body))).toEqual(new Set([queued.body]));
    expect(new Set(requests.map((r) => r.headers["x-heed-delivery"]))).toEqual(new Set([queued.deliveryId]));
    for (const request of requests) {
      expect(isFromHeed(request.headers["x-heed-signature"], request.body, queued.secret)).toBe(true);
    }
  });

  it(`gives up after attempt ${WEBHOOK_MAX_ATTEMPTS}, keeping the last error`, async () => {
    const queued = await queuedDelivery();
    receiver.answer(queued.path, { status: 503, body: "down for maintenance" });
    let now = new Date();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await deliverWebhooks(t.ctx.db, { keys, now })).toBe(1);
      const row = await delivery(queued.deliveryId);
      expect(row.attempts).toBe(attempt);
      if (attempt < WEBHOOK_MAX_ATTEMPTS) {
        expect(row.status).toBe("queued");
        expect(row.next_attempt_at.getTime() - now.getTime()).toBe(WEBHOOK_RETRY_DELAYS_MS[attempt - 1]);
        now = row.next_attempt_at;
      }
    }
    expect(await delivery(queued.deliveryId)).toMatchObject({
      status: "failed",
      attempts: WEBHOOK_MAX_ATTEMPTS,
      last_error: "HTTP 503: down for maintenance",
    });
    expect(await deliverWebhooks(t.ctx.db, { keys, now: new Date(now.getTime() + 48 * 3600_000) })).toBe(0);
    expect(receiver.receivedAt(queued.path)).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it("is taken by one of two concurrent calls only", async () => {
    const queued = await queuedDelivery();
    // A slow receiver: the first call is still posting when the second looks for work.
    receiver.answer(queued.path, { status: 204, delayMs: 300 });
    const counts = await Promise.all([
      deliverWebhooks(t.ctx.db, { keys }),
      deliverWebhooks(t.ctx.db, { keys }),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(receiver.receivedAt(queued.path)).toHaveLength(1);
    expect(await delivery(queued.deliveryId)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("does not follow a redirect", async () => {
    const queued = await queuedDelivery();
    const elsewhere = `${queued.path}/elsewhere`;
    receiver.answer(queued.path, { status: 302, headers: { location: `${receiver.url}${elsewhere}` } });
    expect(await deliverWebhooks(t.ctx.db, { keys })).toBe(1);
    expect(receiver.receivedAt(queued.path)).toHaveLength(1);
    expect(receiver.receivedAt(elsewhere)).toHaveLength(0);
    const row = await delivery(queued.deliveryId);
    expect(row.status).toBe("queued");
    expect(row.last_error).toBe(`HTTP 302: redirects are not followed (to ${receiver.url}${elsewhere})`);
    await t.ctx.db.query("UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1", [
      queued.deliveryId,
    ]);
  });

  it("times out a receiver that never answers and tries again later", async () => {
    const queued = await queuedDelivery();
    receiver.answer(queued.path, { hang: true });
    expect(await deliverWebhooks(t.ctx.db, { keys, timeoutMs: 300 })).toBe(1);
    expect(await delivery(queued.deliveryId)).toMatchObject({
      status: "queued",
      last_error: "no answer within 0.3 s",
    });
    await t.ctx.db.query("UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1", [
      queued.deliveryId,
    ]);
  });

  it("never posts to an address the admin has since changed or removed", async () => {
    const queued = await queuedDelivery();
    await updateSlaAlerts(t.ctx.db, queued.owner, {
      emailAssignee: false,
      emails: [],
      webhookUrl: `${receiver.url}${queued.path}/new`,
      onWarning: true,
      onBreach: true,
    });
    expect(await deliverWebhooks(t.ctx.db, { keys })).toBe(1);
    expect(receiver.receivedAt(queued.path)).toHaveLength(0);
    expect(receiver.receivedAt(`${queued.path}/new`)).toHaveLength(0);
    expect(await delivery(queued.deliveryId)).toMatchObject({
      status: "failed",
      last_error: ADDRESS_CHANGED,
    });
  });

  it("posts a delivery cut off by a crash again, with the same id, and says so", async () => {
    const queued = await queuedDelivery();
    // As a process killed while posting leaves it: 'sending', its lease run out.
    await t.ctx.db.query(
      `UPDATE webhook_deliveries SET status = 'sending', attempts = 1, lease_until = now() - interval '1 second'
        WHERE id = $1`,
      [queued.deliveryId],
    );
    expect(await deliverWebhooks(t.ctx.db, { keys })).toBe(1);
    const requests = receiver.receivedAt(queued.path);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers["x-heed-delivery"]).toBe(queued.deliveryId);
    expect(await delivery(queued.deliveryId)).toMatchObject({
      status: "sent",
      attempts: 2,
      last_error: INTERRUPTED_DELIVERY,
    });
  });
});
