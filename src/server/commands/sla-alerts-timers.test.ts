import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace } from "../../../test/helpers/factories.js";
import { ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildConversationWithClock, buildSlaPolicy } from "../../../test/helpers/factories-sla.js";
import { startMailSink, type MailSink } from "../../../test/helpers/mail-sink.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../../test/helpers/webhook-receiver.js";
import { smtpSender } from "../email/mail-transport.js";
import { installKeys } from "../lib/install-secret.js";
import { startJobs } from "../jobs/index.js";
import { fireSlaTimers } from "./fire-sla-timers.js";
import { renewWebhookSecret, updateSlaAlerts } from "./update-sla-alerts.js";

/** SLA alerts as the worker sends them: queued by the timers with each step, then mailed and posted. */
let t: TestApp;
let receiver: WebhookReceiver;
let sink: MailSink;

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startWebhookReceiver();
  sink = await startMailSink();
});
afterAll(async () => {
  await sink?.close();
  await receiver?.close();
  await t?.close();
});

/** A workspace mailing owners and posting to its own path on the receiver, with a policy and an owner. */
async function setUp(path: string) {
  const { workspace } = await buildWorkspace(t.ctx);
  const owner = await ownerActor(t.ctx, workspace.id);
  const agent = await buildAgent(t.ctx, workspace.id);
  await buildSlaPolicy(t.ctx, workspace.id, { name: "Standard", firstResponseSeconds: 1800 });
  await updateSlaAlerts(t.ctx.db, owner, {
    emailAssignee: true,
    emails: [],
    webhookUrl: `${receiver.url}${path}`,
    onWarning: true,
    onBreach: true,
  });
  await renewWebhookSecret(t.ctx.db, owner, await installKeys(t.ctx.db, undefined));
  return { workspaceId: workspace.id, agent };
}

const links = { publicUrl: TEST_ORIGIN, mailFrom: "heed@help.shop.example" };

describe("SLA alerts from the timers", () => {
  it("queues one mail and one webhook with the warning, and again with the breach", async () => {
    const { workspaceId, agent } = await setUp("/timers");
    const start = new Date("2026-03-10T09:00:00Z");
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
      at: start,
    });
    const alerts = async () => ({
      mails: await t.ctx.db.query<{ raw: Buffer }>(
        "SELECT raw FROM outgoing_emails WHERE purpose = 'sla_alert' AND conversation_id = $1 ORDER BY created_at, id",
        [conversation.id],
      ),
      hooks: await t.ctx.db.query<{ event_type: string; body: string }>(
        "SELECT event_type, body FROM webhook_deliveries WHERE workspace_id = $1 ORDER BY created_at, id",
        [workspaceId],
      ),
    });
    await fireSlaTimers(t.ctx.db, new Date(start.getTime() + 25 * 60_000), links);
    // Looking again changes nothing: the warning was recorded once.
    await fireSlaTimers(t.ctx.db, new Date(start.getTime() + 26 * 60_000), links);
    let queued = await alerts();
    expect(queued.hooks.map((h) => h.event_type)).toEqual(["sla.warning"]);
    expect(queued.mails).toHaveLength(1);
    expect((await simpleParser(queued.mails[0]!.raw)).subject).toMatch(/^SLA warning: first response due/);

    await fireSlaTimers(t.ctx.db, new Date(start.getTime() + 45 * 60_000), links);
    queued = await alerts();
    expect(queued.hooks.map((h) => h.event_type)).toEqual(["sla.warning", "sla.breached"]);
    // The breach keeps its true moment.
    expect(JSON.parse(queued.hooks[1]!.body)).toMatchObject({ createdAt: clock.due_at!.toISOString() });
    expect((await simpleParser(queued.mails[1]!.raw)).subject).toMatch(
      /^SLA breached: first response was due/,
    );
  });

  it("the worker mails the owner and posts the webhook of a breach that came while it was down", async () => {
    const { workspaceId, agent } = await setUp("/worker");
    await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
      at: new Date(Date.now() - 3600_000),
    });
    const sender = smtpSender(sink.url);
    const jobs = startJobs(t.ctx, () => {}, { sender });
    try {
      await expect.poll(() => receiver.receivedAt("/worker").length, { timeout: 15_000 }).toBe(1);
      await expect
        .poll(() => sink.received.filter((m) => m.to.includes(agent.user.email)).length, { timeout: 15_000 })
        .toBe(1);
      expect(receiver.receivedAt("/worker")[0]!.headers["x-heed-event"]).toBe("sla.breached");
    } finally {
      await jobs.stop();
    }
  });
});
