import nodemailer from "nodemailer";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildConversation, buildInbox, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { startMailSink, type MailSink } from "../../../test/helpers/mail-sink.js";
import { InboxSenders } from "../email/inbox-senders.js";
import { smtpSender, type MailSender } from "../email/mail-transport.js";
import type { TInbox } from "../presenters/inbox-presenter.js";
import { startSmtpReceiver, type SmtpReceiver } from "../email/smtp-receiver.js";
import { installKeys, type InstallKeys } from "../lib/install-secret.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TMessage } from "../presenters/message-presenter.js";
import { ingestReceivedEmails } from "./ingest-emails.js";
import { replyToConversation } from "./reply-to-conversation.js";
import { sendQueuedEmails, UNCERTAIN_DELIVERY, NO_MAIL_SERVER } from "./send-queued-emails.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let inbox: InboxRow;
let receiver: SmtpReceiver;
let sink: MailSink;
let sender: MailSender;
let keys: InstallKeys;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  inbox = await buildInbox(t.ctx, { workspaceId: built.workspace.id, channel: "email", name: "Shop Help" });
  receiver = await startSmtpReceiver(t.ctx, { port: 0, host: "127.0.0.1" });
  sink = await startMailSink();
  sender = smtpSender(sink.url);
  keys = await installKeys(t.ctx.db, undefined);
});
afterAll(async () => {
  sender?.close();
  await sink?.close();
  await receiver?.close();
  await t?.close();
});
beforeEach(() => sink.behave({ kind: "accept" }));

/** Hands raw mail to Heed's receiver over a real SMTP session, then ingests everything stored. */
async function deliverAndIngest(from: string, to: string, raw: string) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({ envelope: { from, to: [to] }, raw });
  transport.close();
  while ((await ingestReceivedEmails(t.ctx.db, { keys })) > 0);
}

let counter = 0;
/** A customer's mail, sent over a real SMTP session to Heed's receiver, then ingested. */
async function customerWrites(o: {
  from?: string;
  to?: string;
  subject?: string;
  body: string;
  inReplyTo?: string;
  references?: string[];
}) {
  const messageId = `c${++counter}.${Date.now()}@customer.example`;
  const to = o.to ?? inbox.address!;
  const raw = [
    `From: ${o.from ?? "Ana Kovač <ana@customer.example>"}`,
    `To: ${to}`,
    `Subject: ${o.subject ?? "Narudžba 1001 kasni"}`,
    `Message-ID: <${messageId}>`,
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`] : []),
    ...(o.references ? [`References: ${o.references.map((r) => `<${r}>`).join(" ")}`] : []),
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
    "",
  ].join("\r\n");
  await deliverAndIngest("ana@customer.example", to, raw);
  const rows = await t.ctx.db.query<{
    conversation_id: string | null;
    status: string;
    problem: string | null;
  }>("SELECT conversation_id, status, problem FROM inbound_emails WHERE position($1::bytea in raw) > 0", [
    Buffer.from(messageId),
  ]);
  return { messageId, ...rows[0]! };
}

const reply = (conversationId: string, body: string) =>
  api.post<TMessage>(`/api/v1/conversations/${conversationId}/messages`, owner, { kind: "reply", body });

const messageRow = async (id: string) =>
  (
    await t.ctx.db.query<{ delivery_status: string; delivery_error: string | null }>(
      "SELECT delivery_status, delivery_error FROM messages WHERE id = $1",
      [id],
    )
  )[0]!;

const outboxRow = async (messageId: string) =>
  (
    await t.ctx.db.query<{ id: string; status: string; attempts: number; last_error: string | null }>(
      "SELECT id, status, attempts, last_error FROM outgoing_emails WHERE message_id = $1",
      [messageId],
    )
  )[0]!;

/** Makes queued mail due now (instead of waiting out the backoff). */
const makeDue = () =>
  t.ctx.db.query("UPDATE outgoing_emails SET next_attempt_at = now() WHERE status = 'queued'");

describe("email round trip", () => {
  it("customer writes, agent replies, the reply is threaded and signed, the answer lands in the same conversation", async () => {
    const first = await customerWrites({ body: "Gdje je moja narudžba?" });
    expect(first.status).toBe("processed");
    const conversationId = first.conversation_id!;

    const answer = await reply(
      conversationId,
      "Hvala na strpljenju, **šaljemo** danas.\n\n<script>alert(1)</script>",
    );
    expect(answer.status).toBe(201);
    expect(answer.body.deliveryStatus).toBe("pending");
    const before = sink.received.length;
    expect(await sendQueuedEmails(t.ctx.db, { keys, sender })).toBe(1);
    const [sent] = (await sink.waitFor(before + 1)).slice(before);
    expect(sent!.to).toEqual(["ana@customer.example"]);
    expect(sent!.from).toBe(inbox.address);

    const mail = await simpleParser(sent!.raw);
    expect(mail.subject).toBe("Re: Narudžba 1001 kasni");
    expect(mail.inReplyTo).toBe(`<${first.messageId}>`);
    expect(mail.references).toContain(`<${first.messageId}>`);
    expect(mail.messageId).toMatch(new RegExp(`^<${answer.body.id}@`));
    expect(mail.from?.value[0]?.address).toBe(inbox.address);
    const replyTo = mail.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(/^support-[^+]+\+c\d+-[a-z2-7]{12}@example\.test$/);
    expect(mail.headers.get("auto-submitted")).toBeUndefined();
    expect(mail.text).toContain("Hvala na strpljenju, **šaljemo** danas.");
    expect(mail.html).toContain("<strong>šaljemo</strong>");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;");
    expect((await messageRow(answer.body.id)).delivery_status).toBe("sent");
    const events = await t.ctx.db.query<{ payload: { status: string } }>(
      "SELECT payload FROM events WHERE type = 'message.delivery_changed' AND payload->>'messageId' = $1",
      [answer.body.id],
    );
    expect(events.map((e) => e.payload.status)).toEqual(["sent"]);

    // The customer answers the reply (In-Reply-To our Message-ID), then writes to the reply address only.
    const threaded = await customerWrites({
      to: replyTo,
      subject: "Re: Narudžba 1001 kasni",
      body: "Hvala!",
      inReplyTo: mail.messageId!.slice(1, -1),
    });
    expect(threaded.conversation_id).toBe(conversationId);
    const byAddress = await customerWrites({ to: replyTo, subject: "nova tema", body: "Još nešto." });
    expect(byAddress.conversation_id).toBe(conversationId);

    // A second reply threads after everything so far.
    const second = await reply(conversationId, "Rado.");
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    const secondMail = await simpleParser(sink.received.at(-1)!.raw);
    expect(secondMail.messageId).toMatch(new RegExp(`^<${second.body.id}@`));
    expect(secondMail.inReplyTo).toBe(`<${byAddress.messageId}>`);
    expect(secondMail.references).toEqual(
      expect.arrayContaining([`<${first.messageId}>`, mail.messageId!, `<${threaded.messageId}>`]),
    );
  });

  it("never lets a stranger into a conversation through its reply address or Message-ID", async () => {
    const first = await customerWrites({ body: "Moj račun je pogrešan." });
    await reply(first.conversation_id!, "Provjeravamo.");
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    const mail = await simpleParser(sink.received.at(-1)!.raw);
    const replyTo = mail.replyTo!.value[0]!.address!;
    const count = async () =>
      Number(
        (
          await t.ctx.db.query<{ n: number }>(
            "SELECT count(*) AS n FROM messages WHERE conversation_id = $1",
            [first.conversation_id],
          )
        )[0]!.n,
      );
    const before = await count();

    const viaAddress = await customerWrites({ from: "mallory@evil.example", to: replyTo, body: "let me in" });
    const viaHeader = await customerWrites({
      from: "mallory@evil.example",
      body: "let me in too",
      inReplyTo: mail.messageId!.slice(1, -1),
    });
    const forged = replyTo.replace(
      /-([a-z2-7]{12})@/,
      (_m, sig: string) => `-${sig.split("").reverse().join("")}@`,
    );
    const badSignature = await customerWrites({
      to: forged,
      body: "wrong signature",
      subject: "Narudžba 1001 kasni",
    });

    for (const row of [viaAddress, viaHeader, badSignature]) {
      expect(row.status).toBe("processed");
      expect(row.conversation_id).not.toBe(first.conversation_id);
    }
    expect(await count()).toBe(before);
    const audit = await t.ctx.db.query<{
      payload: { from: string; via: string; targetConversationId: string };
    }>(
      "SELECT payload FROM events WHERE type = 'email.thread_refused' AND payload->>'targetConversationId' = $1 ORDER BY id",
      [first.conversation_id],
    );
    expect(audit.map((a) => [a.payload.from, a.payload.via])).toEqual([
      ["mallory@evil.example", "reply-address"],
      ["mallory@evil.example", "message-id"],
    ]);
  });
});

describe("sendQueuedEmails", () => {
  it("retries a temporary refusal with backoff and sends exactly once when the server is back", async () => {
    const first = await customerWrites({ body: "Pitanje" });
    const answer = await reply(first.conversation_id!, "Odgovor");
    sink.behave({ kind: "refuse", code: 451, message: "4.3.0 try again later" });
    const before = sink.received.length;
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    let outbox = await outboxRow(answer.body.id);
    expect(outbox).toMatchObject({ status: "queued", attempts: 1 });
    expect(await messageRow(answer.body.id)).toEqual({
      delivery_status: "pending",
      delivery_error: expect.stringMatching(/^Retrying: .*451/),
    });
    // Not due yet: nothing is attempted.
    expect(await sendQueuedEmails(t.ctx.db, { keys, sender })).toBe(0);

    sink.behave({ kind: "accept" });
    await makeDue();
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    await makeDue();
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    outbox = await outboxRow(answer.body.id);
    expect(outbox).toMatchObject({ status: "sent", attempts: 2 });
    expect(await messageRow(answer.body.id)).toEqual({ delivery_status: "sent", delivery_error: null });
    expect(sink.received.length).toBe(before + 1);
  });

  it("fails a permanent refusal with the reason; Retry sends the very same mail", async () => {
    const first = await customerWrites({ body: "Pitanje 2" });
    const answer = await reply(first.conversation_id!, "Odgovor 2");
    sink.behave({ kind: "refuse", code: 550, message: "5.1.1 mailbox unavailable" });
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    expect(await messageRow(answer.body.id)).toEqual({
      delivery_status: "failed",
      delivery_error: expect.stringContaining("5.1.1 mailbox unavailable"),
    });
    const firstBytes = (
      await t.ctx.db.query<{ raw: Buffer }>("SELECT raw FROM outgoing_emails WHERE message_id = $1", [
        answer.body.id,
      ])
    )[0]!.raw;

    const url = `/api/v1/conversations/${first.conversation_id}/messages/${answer.body.id}/retry`;
    sink.behave({ kind: "accept" });
    const retried = await api.post<TMessage>(url, owner);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ deliveryStatus: "pending", deliveryError: null });
    const before = sink.received.length;
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    expect(sink.received.length).toBe(before + 1);
    expect(
      Buffer.compare(sink.received.at(-1)!.raw.subarray(0, 200), Buffer.from(firstBytes).subarray(0, 200)),
    ).toBe(0);
    expect((await messageRow(answer.body.id)).delivery_status).toBe("sent");
    // A delivered reply cannot be retried: no way to send it twice.
    expect((await api.post(url, owner)).status).toBe(409);
  });

  it("marks mail whose attempt was cut off as failed and uncertain, never resending it by itself", async () => {
    const first = await customerWrites({ body: "Pitanje 3" });
    const answer = await reply(first.conversation_id!, "Odgovor 3");
    // What a kill -9 mid-send leaves behind: 'sending' with a lease that ran out.
    await t.ctx.db.query(
      "UPDATE outgoing_emails SET status = 'sending', attempts = 1, lease_until = now() - interval '1 second' WHERE message_id = $1",
      [answer.body.id],
    );
    const before = sink.received.length;
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    expect(sink.received.length).toBe(before);
    expect(await messageRow(answer.body.id)).toEqual({
      delivery_status: "failed",
      delivery_error: UNCERTAIN_DELIVERY,
    });
  });

  it("says why a reply waits when no mail server is configured, and sends it once there is one", async () => {
    const first = await customerWrites({ body: "Pitanje 4" });
    const answer = await reply(first.conversation_id!, "Odgovor 4");
    expect(await sendQueuedEmails(t.ctx.db, { keys, sender: null })).toBe(0);
    expect(await messageRow(answer.body.id)).toEqual({
      delivery_status: "pending",
      delivery_error: NO_MAIL_SERVER,
    });
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    expect(await messageRow(answer.body.id)).toEqual({ delivery_status: "sent", delivery_error: null });
  });

  it("a bounce for a sent reply marks it failed with the remote reason and opens no conversation", async () => {
    const first = await customerWrites({ body: "Pitanje 5" });
    const answer = await reply(first.conversation_id!, "Odgovor 5");
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    const sent = await simpleParser(sink.received.at(-1)!.raw);
    const conversations = async () =>
      Number((await t.ctx.db.query<{ n: number }>("SELECT count(*) AS n FROM conversations"))[0]!.n);
    const before = await conversations();
    const boundary = "dsn-boundary";
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>",
      `To: ${inbox.address}`,
      "Subject: Undelivered Mail Returned to Sender",
      `Message-ID: <dsn.${Date.now()}@mx.customer.example>`,
      "Auto-Submitted: auto-replied",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      `--${boundary}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.customer.example",
      "",
      "Final-Recipient: rfc822; ana@customer.example",
      "Action: failed",
      "Status: 5.2.2",
      "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
      `--${boundary}`,
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: ${sent.messageId}`,
      `From: ${inbox.address}`,
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    await deliverAndIngest("", inbox.address!, dsn);
    expect(await conversations()).toBe(before);
    expect(await messageRow(answer.body.id)).toEqual({
      delivery_status: "failed",
      delivery_error: expect.stringContaining("552 5.2.2 Mailbox full"),
    });
    const stored = await t.ctx.db.query<{ status: string; problem: string }>(
      "SELECT status, problem FROM inbound_emails WHERE subject = 'Undelivered Mail Returned to Sender'",
    );
    expect(stored[0]).toEqual({ status: "ignored", problem: expect.stringMatching(/marked failed$/) });
  });

  it("fails a reply at once when the customer has no email address", async () => {
    const { buildConversation } = await import("../../../test/helpers/factories-conversations.js");
    const { conversation } = await buildConversation(t.ctx, {
      workspaceId: owner.workspaceId,
      inboxId: inbox.id,
      customer: { phone: "+385 91 555 0101", name: "Bez Maila" },
    });
    const answer = await reply(conversation.id, "Halo");
    expect(answer.body).toMatchObject({
      deliveryStatus: "failed",
      deliveryError: "The customer has no email address to send the reply to.",
    });
  });
});

describe("acknowledgements", () => {
  const acknowledgements = (to: string) =>
    t.ctx.db.query<{ raw: Buffer; status: string }>(
      "SELECT raw, status FROM outgoing_emails WHERE purpose = 'acknowledgement' AND envelope_to = $1 ORDER BY created_at",
      [to],
    );

  it("answers a new conversation once, automatic, threaded and signed; never loops or answers automatic mail", async () => {
    await t.ctx.db.query("UPDATE inboxes SET auto_acknowledge = true WHERE id = $1", [inbox.id]);
    try {
      const first = await customerWrites({
        from: "Iva Novak <iva@customer.example>",
        subject: "Račun",
        body: "Gdje je račun?",
      });
      const [ack] = await acknowledgements("iva@customer.example");
      expect(ack).toBeDefined();
      const before = sink.received.length;
      await sendQueuedEmails(t.ctx.db, { keys, sender });
      expect(sink.received.length).toBe(before + 1);
      const mail = await simpleParser(sink.received.at(-1)!.raw);
      expect(mail.headers.get("auto-submitted")).toBe("auto-replied");
      expect(mail.inReplyTo).toBe(`<${first.messageId}>`);
      expect(mail.subject).toBe("Primili smo vašu poruku: Račun");
      expect(mail.text).toContain("Pozdrav, Iva Novak,");
      expect(mail.text).toContain("Odgovaramo redom kojim poruke stižu");
      expect(mail.replyTo!.value[0]!.address).toMatch(/\+c\d+-[a-z2-7]{12}@/);

      // A second new conversation within the hour: no second acknowledgement.
      await customerWrites({ from: "iva@customer.example", subject: "Još jedno", body: "I ovo." });
      expect(await acknowledgements("iva@customer.example")).toHaveLength(1);
    } finally {
      await t.ctx.db.query("UPDATE inboxes SET auto_acknowledge = false WHERE id = $1", [inbox.id]);
    }
  });

  it("never acknowledges automatic or bulk mail", async () => {
    await t.ctx.db.query("UPDATE inboxes SET auto_acknowledge = true WHERE id = $1", [inbox.id]);
    try {
      for (const [from, header] of [
        ["ooo@customer.example", "Auto-Submitted: auto-replied"],
        ["list@customer.example", "Precedence: bulk"],
        ["digest@customer.example", "List-Id: <digest.customer.example>"],
      ] as const) {
        const raw = [
          `From: ${from}`,
          `To: ${inbox.address}`,
          "Subject: Automatic",
          `Message-ID: <${from}.${Date.now()}>`,
          header,
          "",
          "Hello",
          "",
        ].join("\r\n");
        await deliverAndIngest(from, inbox.address!, raw);
        expect(await acknowledgements(from), from).toHaveLength(0);
      }
    } finally {
      await t.ctx.db.query("UPDATE inboxes SET auto_acknowledge = false WHERE id = $1", [inbox.id]);
    }
  });

  it("states the median first reply time of the last week once there are enough replies", async () => {
    const quiet = await buildInbox(t.ctx, { workspaceId: owner.workspaceId, channel: "email" });
    await t.ctx.db.query("UPDATE inboxes SET auto_acknowledge = true WHERE id = $1", [quiet.id]);
    // Ten earlier conversations answered after 20–40 minutes: the median is 30.
    const actor = await ownerActor(t.ctx, owner.workspaceId);
    for (let i = 0; i < 11; i++) {
      const written = Date.now() - 24 * 3600_000;
      const { conversation } = await buildConversation(t.ctx, {
        workspaceId: owner.workspaceId,
        inboxId: quiet.id,
        at: new Date(written),
      });
      await replyToConversation(t.ctx.db, actor, conversation.id, {
        kind: "reply",
        body: "Here to help.",
        at: new Date(written + (20 + 2 * i) * 60_000),
      });
    }
    await customerWrites({
      from: "Mark Smith <mark@customer.example>",
      to: quiet.address!,
      subject: "Where is my parcel",
      body: "Hello, where is my parcel?",
    });
    const [ack] = await acknowledgements("mark@customer.example");
    const mail = await simpleParser(Buffer.from(ack!.raw));
    expect(mail.subject).toBe("We received your message: Where is my parcel");
    expect(mail.text).toContain("Over the last week we answered new messages in about 30 minutes.");
  });
});

describe("an inbox's own outgoing server", () => {
  it("sends the inbox's replies through it, also without HEED_SMTP_URL, and never shows its password", async () => {
    const own = await startMailSink();
    const inboxSenders = new InboxSenders();
    try {
      const created = await api.post<TInbox>("/api/v1/inboxes", owner, {
        name: "Own server",
        channel: "email",
        address: `own-${Date.now()}@shop.example`,
        smtpUrl: `smtp://desk%40shop.example:pa55word@127.0.0.1:${own.port}`,
      });
      expect(created.status).toBe(201);
      expect(created.body.smtp).toEqual({
        host: "127.0.0.1",
        port: own.port,
        secure: false,
        username: "desk@shop.example",
      });
      expect(JSON.stringify(created.body)).not.toContain("pa55word");

      const first = await customerWrites({
        to: created.body.address!,
        body: "Preko vlastitog poslužitelja?",
      });
      const answer = await reply(first.conversation_id!, "Da.");
      const other = await customerWrites({ body: "A ovo?" });
      const otherAnswer = await reply(other.conversation_id!, "Čeka HEED_SMTP_URL.");
      await inboxSenders.refresh(t.ctx.db, keys);
      await sendQueuedEmails(t.ctx.db, { keys, sender: null, inboxSenders });
      expect(own.received).toHaveLength(1);
      expect(own.received[0]!.from).toBe(created.body.address);
      expect((await messageRow(answer.body.id)).delivery_status).toBe("sent");
      // The other inbox has no server of its own: its reply waits, saying why.
      expect(await messageRow(otherAnswer.body.id)).toEqual({
        delivery_status: "pending",
        delivery_error: NO_MAIL_SERVER,
      });

      // Back to the install's server: the setting is gone and the next pass stops using it.
      const removed = await api.patch<TInbox>(`/api/v1/inboxes/${created.body.id}`, owner, { smtpUrl: null });
      expect(removed.body.smtp).toBeNull();
      await inboxSenders.refresh(t.ctx.db, keys);
      expect(inboxSenders.forInbox(created.body.id)).toBeUndefined();
      const bad = await api.patch<{ error: { details: { field: string }[] } }>(
        `/api/v1/inboxes/${created.body.id}`,
        owner,
        {
          smtpUrl: "https://mail.example.com",
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]!.field).toBe("smtpUrl");
    } finally {
      inboxSenders.close();
      await own.close();
    }
  });
});

describe("files on a reply", () => {
  const upload = (
    conversationId: string,
    actor: TestActor,
    name: string,
    content: Buffer,
    type = "application/pdf",
  ) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/conversations/${conversationId}/attachments`,
      headers: {
        authorization: `Bearer ${actor.token}`,
        "content-type": type,
        "x-file-name": encodeURIComponent(name),
      },
      payload: content,
    });

  it("uploads files, sends them with the reply's mail, and lets nobody else use them", async () => {
    const first = await customerWrites({ body: "Pošaljite račun, molim." });
    const pdf = Buffer.from("%PDF-1.4 račun 1001\n%%EOF\n");
    const uploaded = await upload(first.conversation_id!, owner, "Račun 1001.pdf", pdf);
    expect(uploaded.statusCode).toBe(201);
    const file = uploaded.json<{ id: string; fileName: string; size: number }>();
    expect(file).toMatchObject({ fileName: "Račun 1001.pdf", size: pdf.length });
    // JSON is a file like any other here, not a request body to parse.
    const json = await upload(
      first.conversation_id!,
      owner,
      "order.json",
      Buffer.from('{"order":1001}'),
      "application/json",
    );
    expect(json.statusCode).toBe(201);

    const other = await buildAgent(t.ctx, owner.workspaceId);
    const refused = await api.post<{ error: { details: { field: string }[] } }>(
      `/api/v1/conversations/${first.conversation_id}/messages`,
      other,
      { kind: "reply", body: "Evo.", attachmentIds: [file.id] },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]!.field).toBe("attachmentIds");

    const answer = await api.post<TMessage>(
      `/api/v1/conversations/${first.conversation_id}/messages`,
      owner,
      {
        kind: "reply",
        body: "Račun je u privitku.",
        attachmentIds: [file.id, json.json<{ id: string }>().id],
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.body.attachments.map((a) => a.fileName)).toEqual(["Račun 1001.pdf", "order.json"]);
    await sendQueuedEmails(t.ctx.db, { keys, sender });
    const mail = await simpleParser(sink.received.at(-1)!.raw);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["Račun 1001.pdf", "application/pdf"],
      ["order.json", "application/json"],
    ]);
    expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
    // Used once: the same upload cannot go on a second reply.
    const again = await api.post(`/api/v1/conversations/${first.conversation_id}/messages`, owner, {
      kind: "reply",
      body: "Opet.",
      attachmentIds: [file.id],
    });
    expect(again.status).toBe(400);
  });

  it("refuses empty and oversized files and conversations the user cannot see", async () => {
    const first = await customerWrites({ body: "Još jedan upit." });
    expect(
      (await upload(first.conversation_id!, owner, "empty.txt", Buffer.alloc(0), "text/plain")).statusCode,
    ).toBe(400);
    const big = await upload(
      first.conversation_id!,
      owner,
      "big.bin",
      Buffer.alloc(10 * 1024 * 1024 + 1),
      "application/octet-stream",
    );
    expect(big.statusCode).toBe(413);
    const stranger = (await buildWorkspace(t.ctx)).owner;
    expect(
      (await upload(first.conversation_id!, stranger, "x.txt", Buffer.from("x"), "text/plain")).statusCode,
    ).toBe(404);
  });
});
