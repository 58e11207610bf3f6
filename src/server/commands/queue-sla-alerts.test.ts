import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildConversationWithClock, buildSlaPolicy } from "../../../test/helpers/factories-sla.js";
import { startMailSink, type MailSink } from "../../../test/helpers/mail-sink.js";
import type { Actor } from "../context.js";
import { smtpSender } from "../email/mail-transport.js";
import { installKeys } from "../lib/install-secret.js";
import type { SlaAlertSettingsChange } from "../models/sla-alert-settings.js";
import type { ResponseClockRow } from "../models/response-clocks.js";
import { queueSlaAlerts, SLA_ALERT_MAILS_PER_HOUR, type QueueSlaAlertsInput } from "./queue-sla-alerts.js";
import { sendQueuedEmails } from "./send-queued-emails.js";
import { renewWebhookSecret, updateSlaAlerts } from "./update-sla-alerts.js";
import { updateUser } from "./update-user.js";
import { updateWorkspace } from "./update-workspace.js";

const MAIL_FROM = "heed@help.shop.example";
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Setup {
  workspaceId: string;
  owner: Actor;
  agent: TestActor;
}

/** A workspace in Slovak with an SLA policy and a Croatian-speaking agent. */
async function setUp(): Promise<Setup> {
  const { workspace } = await buildWorkspace(t.ctx, { name: "Shop & Co <Zagreb>" });
  const owner = await ownerActor(t.ctx, workspace.id);
  await updateWorkspace(t.ctx.db, owner, { defaultLanguage: "sk", timeZone: "Europe/Zagreb" });
  const agent = await buildAgent(t.ctx, workspace.id, { name: "Ivana Horvat" });
  await updateUser(t.ctx.db, owner, agent.user.id, { language: "hr" });
  await buildSlaPolicy(t.ctx, workspace.id, { name: "Standard", firstResponseSeconds: 1800 });
  return { workspaceId: workspace.id, owner, agent };
}

const settings = (over: Partial<SlaAlertSettingsChange> = {}): SlaAlertSettingsChange => ({
  emailAssignee: true,
  emails: [],
  webhookUrl: null,
  onWarning: true,
  onBreach: true,
  ...over,
});

function queue(clock: ResponseClockRow, type: QueueSlaAlertsInput["type"], at = new Date()) {
  return t.ctx.db.transaction((tx) =>
    queueSlaAlerts(tx, { clock, type, at, publicUrl: TEST_ORIGIN, mailFrom: MAIL_FROM }),
  );
}

async function alertMails(conversationId: string) {
  return t.ctx.db.query<{ envelope_to: string; envelope_from: string; raw: Buffer; status: string }>(
    `SELECT envelope_to, envelope_from, raw, status FROM outgoing_emails
      WHERE purpose = 'sla_alert' AND conversation_id = $1 ORDER BY envelope_to`,
    [conversationId],
  );
}

const webhookRows = (workspaceId: string) =>
  t.ctx.db.query<{ url: string; event_type: string; body: string; status: string }>(
    "SELECT url, event_type, body, status FROM webhook_deliveries WHERE workspace_id = $1",
    [workspaceId],
  );

const parse = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw);

describe("queueSlaAlerts", () => {
  it("queues nothing when the workspace has no alert settings", async () => {
    const { workspaceId, agent } = await setUp();
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
    });
    expect(await queue(clock, "sla.warning")).toEqual({ emails: 0, webhooks: 0 });
    expect(await alertMails(conversation.id)).toEqual([]);
    expect(await webhookRows(workspaceId)).toEqual([]);
  });

  it("mails the owner in their language and the extra addresses in the workspace's, with a link", async () => {
    const { workspaceId, owner, agent } = await setUp();
    await updateSlaAlerts(
      t.ctx.db,
      owner,
      // The owner also on the list gets one mail, in their own language.
      settings({ emails: ["lead@shop.example", agent.user.email.toUpperCase()] }),
    );
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
      subject: "Where is my order?",
      // 10:00 in Zagreb; the inbox has no business hours, so the first response is due at 10:30.
      at: new Date("2026-03-10T09:00:00Z"),
    });
    expect(await queue(clock, "sla.warning", clock.warn_at!)).toEqual({ emails: 2, webhooks: 0 });
    const mails = await alertMails(conversation.id);
    expect(mails.map((m) => m.envelope_to.toLowerCase()).sort()).toEqual(
      [agent.user.email.toLowerCase(), "lead@shop.example"].sort(),
    );
    expect(mails.every((m) => m.envelope_from === MAIL_FROM && m.status === "queued")).toBe(true);

    const toAgent = await parse(mails.find((m) => m.envelope_to !== "lead@shop.example")!.raw);
    expect(toAgent.subject).toBe(
      `SLA upozorenje: prvi odgovor do 10:30 za #${conversation.number} Where is my order?`,
    );
    expect(toAgent.headers.get("auto-submitted")).toBe("auto-generated");
    expect(toAgent.from?.value[0]).toMatchObject({ name: "Shop & Co <Zagreb>", address: MAIL_FROM });
    expect(toAgent.text).toContain(`Razgovor #${conversation.number} treba prvi odgovor do`);
    expect(toAgent.text).toContain("Zadužena osoba: Ivana Horvat");
    expect(toAgent.text).toContain(`${TEST_ORIGIN}/inbox/open/${conversation.id}`);
    expect(toAgent.html).toContain(
      `<a href="${TEST_ORIGIN}/inbox/open/${conversation.id}">Otvori razgovor</a>`,
    );

    const toLead = await parse(mails.find((m) => m.envelope_to === "lead@shop.example")!.raw);
    expect(toLead.subject).toBe(
      `Upozornenie SLA: prvá odpoveď do 10:30 pri #${conversation.number} Where is my order?`,
    );
    expect(toLead.text).toContain("10. 3. 2026, 10:30 (Europe/Zagreb)");
    expect(toLead.text).toContain("Pravidlo SLA: Standard, lehota 30 minút");
  });

  it("escapes the customer's subject and name in the HTML part and keeps them exact in the text", async () => {
    const { workspaceId, owner, agent } = await setUp();
    await updateSlaAlerts(t.ctx.db, owner, settings());
    const subject = '<b>Refund</b> [here](https://evil.example) & "now"';
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
      subject,
      customer: { email: "mallory@customer.example", name: "<img src=x onerror=alert(1)>" },
    });
    await queue(clock, "sla.breached", clock.due_at!);
    const mail = await parse((await alertMails(conversation.id))[0]!.raw);
    expect(mail.subject).toContain(subject);
    expect(mail.subject).toMatch(/^SLA prekršen: prvi odgovor je bio potreban do/);
    expect(mail.text).toContain(`Predmet: ${subject}`);
    expect(mail.text).toContain("Kupac: <img src=x onerror=alert(1)>");
    const html = String(mail.html);
    expect(html).not.toContain("<b>Refund");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="https://evil.example"');
    expect(html).toContain("&lt;b&gt;Refund&lt;/b&gt; [here](https://evil.example) &amp; &quot;now&quot;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("follows the switches: nothing for a warning when warnings are off, the breach still goes", async () => {
    const { workspaceId, owner, agent } = await setUp();
    await updateSlaAlerts(t.ctx.db, owner, settings({ onWarning: false, emails: ["lead@shop.example"] }));
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
    });
    expect(await queue(clock, "sla.warning")).toEqual({ emails: 0, webhooks: 0 });
    expect(await queue(clock, "sla.breached", clock.due_at!)).toEqual({ emails: 2, webhooks: 0 });
    await updateSlaAlerts(t.ctx.db, owner, settings({ onBreach: false }));
    expect(await queue(clock, "sla.breached", clock.due_at!)).toEqual({ emails: 0, webhooks: 0 });
    expect(await alertMails(conversation.id)).toHaveLength(2);
  });

  it("mails nobody in person for an unassigned conversation, or when the owner is not to be mailed", async () => {
    const { workspaceId, owner, agent } = await setUp();
    await updateSlaAlerts(t.ctx.db, owner, settings());
    const unassigned = await buildConversationWithClock(t.ctx, { workspaceId });
    expect(await queue(unassigned.clock, "sla.warning")).toEqual({ emails: 0, webhooks: 0 });
    await updateSlaAlerts(t.ctx.db, owner, settings({ emailAssignee: false, emails: ["lead@shop.example"] }));
    const assigned = await buildConversationWithClock(t.ctx, { workspaceId, assigneeId: agent.user.id });
    expect(await queue(assigned.clock, "sla.warning")).toEqual({ emails: 1, webhooks: 0 });
    expect((await alertMails(assigned.conversation.id)).map((m) => m.envelope_to)).toEqual([
      "lead@shop.example",
    ]);
  });

  it("queues one webhook with the documented body once an address and a signing secret are set", async () => {
    const { workspaceId, owner, agent } = await setUp();
    const url = "https://hooks.shop.example/heed?token=abc";
    await updateSlaAlerts(t.ctx.db, owner, settings({ emailAssignee: false, webhookUrl: url }));
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
      priority: "high",
    });
    // Never unsigned: without a secret nothing is queued.
    expect(await queue(clock, "sla.warning")).toEqual({ emails: 0, webhooks: 0 });
    await renewWebhookSecret(t.ctx.db, owner, await installKeys(t.ctx.db, undefined));
    const at = clock.due_at!;
    expect(await queue(clock, "sla.breached", at)).toEqual({ emails: 0, webhooks: 1 });
    const [row] = await webhookRows(workspaceId);
    expect(row).toMatchObject({ url, event_type: "sla.breached", status: "queued" });
    const body = JSON.parse(row!.body) as Record<string, unknown>;
    expect(body).toEqual({
      id: expect.any(String),
      type: "sla.breached",
      createdAt: at.toISOString(),
      workspaceId,
      conversation: {
        id: conversation.id,
        number: conversation.number,
        subject: conversation.subject,
        inboxId: conversation.inbox_id,
        priority: "high",
        assigneeId: agent.user.id,
        url: `${TEST_ORIGIN}/inbox/open/${conversation.id}`,
      },
      clock: {
        kind: "first_response",
        policyName: "Standard",
        targetSeconds: 1800,
        dueAt: clock.due_at!.toISOString(),
      },
    });
  });

  it(`mails an address at most ${SLA_ALERT_MAILS_PER_HOUR} alerts an hour`, async () => {
    const { workspaceId, owner } = await setUp();
    const address = `lead-${Math.random().toString(36).slice(2, 8)}@shop.example`;
    await updateSlaAlerts(t.ctx.db, owner, settings({ emailAssignee: false, emails: [address] }));
    const { clock } = await buildConversationWithClock(t.ctx, { workspaceId });
    let sent = 0;
    for (let i = 0; i < SLA_ALERT_MAILS_PER_HOUR + 2; i++) sent += (await queue(clock, "sla.warning")).emails;
    expect(sent).toBe(SLA_ALERT_MAILS_PER_HOUR);
  });

  it("is sent by the email outbox like any mail (a real SMTP session)", async () => {
    const { workspaceId, owner, agent } = await setUp();
    await updateSlaAlerts(t.ctx.db, owner, settings());
    const { conversation, clock } = await buildConversationWithClock(t.ctx, {
      workspaceId,
      assigneeId: agent.user.id,
    });
    await queue(clock, "sla.warning");
    const sink: MailSink = await startMailSink();
    const sender = smtpSender(sink.url);
    try {
      const keys = await installKeys(t.ctx.db, undefined);
      while ((await sendQueuedEmails(t.ctx.db, { keys, sender })) > 0);
      const arrived = sink.received.filter((m) => m.to.includes(agent.user.email));
      expect(arrived).toHaveLength(1);
      expect(arrived[0]!.from).toBe(MAIL_FROM);
      const mail = await parse(arrived[0]!.raw);
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
      expect(mail.text).toContain(`${TEST_ORIGIN}/inbox/open/${conversation.id}`);
      expect((await alertMails(conversation.id)).map((m) => m.status)).toEqual(["sent"]);
    } finally {
      sender.close();
      await sink.close();
    }
  });
});
