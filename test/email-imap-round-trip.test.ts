/**
 * The email round trip over IMAP with real components only: a real Dovecot holds the shop's support
 * mailbox (which a real Heed process reads by IMAP) and the customer's mailbox; Heed sends through
 * HEED_SMTP_URL to a real SMTP server on loopback standing in for the customer's mail provider, which
 * delivers every accepted mail into the customer's Dovecot mailbox. A customer writes, the conversation
 * appears, an agent replies, the customer's mailbox gets a correctly threaded and signed reply, and the
 * customer's answers (threaded by headers, and by the reply address alone) land in the same conversation.
 * Runs in the suite's mode: embedded (a data folder) or PostgreSQL (HEED_TEST_DATABASE_URL).
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireComponents } from "./helpers/components.js";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { dovecot, startDovecot, type Dovecot } from "./helpers/dovecot.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `imap-trip-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "imap round trip password";
const INBOX = "support@shop.example";
const SUPPORT_USER = "support";
const SUPPORT_PASSWORD = "support mailbox password";
const CUSTOMER = "ana@customer.example";
const CUSTOMER_USER = "ana";
const CUSTOMER_PASSWORD = "ana mailbox password";
const SUBJECT = "Narudžba 1001 kasni";

interface Relayed {
  from: string;
  to: string[];
}

/**
 * The customer's mail provider: a real SMTP server that accepts mail for the customer only (550 for
 * anyone else) and answers 250 once the message is APPENDed to the customer's Dovecot INBOX, with the
 * Return-Path and Delivered-To headers a delivering server adds.
 */
async function startCustomerProvider(imap: Dovecot) {
  const relayed: Relayed[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() === CUSTOMER) callback();
      else callback(Object.assign(new Error("No such user here"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const to = session.envelope.rcptTo.map((r) => r.address);
        const delivered = Buffer.concat([
          Buffer.from(`Return-Path: <${from}>\r\nDelivered-To: ${CUSTOMER}\r\n`),
          ...chunks,
        ]);
        imap.append(CUSTOMER_USER, "INBOX", [delivered]).then(
          () => {
            relayed.push({ from, to });
            callback();
          },
          (error: Error) =>
            callback(
              Object.assign(new Error(`Mailbox unavailable: ${error.message}`), { responseCode: 451 }),
            ),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    relayed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Builds a message as a mail client does (nodemailer's composer: MIME, RFC 2047 subject, Date). */
async function compose(mail: SendMailOptions): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "\r\n" });
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}

/** What the shop's mail provider stores in the support mailbox for a message it received. */
const deliveredToSupport = (raw: Buffer) =>
  Buffer.concat([Buffer.from(`Return-Path: <${CUSTOMER}>\r\nDelivered-To: ${INBOX}\r\n`), raw]);

describe.runIf(await requireComponents("email round trip over IMAP", [dovecot]))(
  `email round trip over IMAP (${testMode})`,
  () => {
    let location: string;
    let imap: Dovecot;
    let provider: Awaited<ReturnType<typeof startCustomerProvider>>;
    let heed: ServerProcess;
    let token: string;

    beforeAll(async () => {
      location = testMode === "postgres" ? await cloneTemplateDatabase() : cloneTemplateFolder();
      imap = await startDovecot({
        users: { [SUPPORT_USER]: SUPPORT_PASSWORD, [CUSTOMER_USER]: CUSTOMER_PASSWORD },
      });
      provider = await startCustomerProvider(imap);
      heed = await startServerProcess({
        ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
        HEED_ADMIN_EMAIL: ADMIN_EMAIL,
        HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
        HEED_SMTP_URL: provider.url,
      });
      token = await apiTokenOverHttp(heed.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    });

    afterAll(async () => {
      await heed?.stop();
      await provider?.close();
      await imap?.stop();
      if (!location) return;
      if (testMode === "postgres") await dropTestDatabase(location);
      else fs.rmSync(location, { recursive: true, force: true });
    });

    async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${heed.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    }

    interface Message {
      id: string;
      kind: string;
      body: string;
      deliveryStatus: string | null;
      deliveryError: string | null;
    }
    interface Conversation {
      id: string;
      number: number;
      subject: string | null;
      customer: { email: string | null };
      messages: Message[];
    }

    const conversationsOf = async (inboxId: string) =>
      (await call<{ data: Conversation[] }>("GET", `/conversations?inboxId=${inboxId}&limit=100`)).data;
    const conversation = (id: string) => call<Conversation>("GET", `/conversations/${id}`);

    /** Every message in the customer's INBOX, read over IMAP as their mail client would. */
    async function customerMailbox(): Promise<ParsedMail[]> {
      const client = await imap.connect(CUSTOMER_USER, CUSTOMER_PASSWORD);
      try {
        const box = await client.mailboxOpen("INBOX", { readOnly: true });
        if (box.exists === 0) return [];
        const mails: ParsedMail[] = [];
        for await (const message of client.fetch("1:*", { source: true })) {
          mails.push(await simpleParser(message.source!));
        }
        return mails;
      } finally {
        await client.logout();
      }
    }

    it("customer writes, agent replies, the customer's mailbox gets a threaded reply, and the answers land in the same conversation", async () => {
      // The shop's inbox, then its IMAP settings over the API: the running worker picks them up.
      const inbox = await call<{ id: string }>("POST", "/inboxes", {
        name: "Shop support",
        channel: "email",
        address: INBOX,
      });
      await call("PATCH", `/inboxes/${inbox.id}`, {
        imap: {
          host: imap.host,
          port: imap.port,
          security: "none",
          username: SUPPORT_USER,
          password: SUPPORT_PASSWORD,
        },
      });
      const imapStatus = async () =>
        (
          await call<{ imap: { status: { state: string; lastUid: number; lastError: string | null } } }>(
            "GET",
            `/inboxes/${inbox.id}`,
          )
        ).imap.status;
      await expect
        .poll(async () => (await imapStatus()).state, { timeout: 20_000, interval: 200 })
        .toBe("ok");

      // 1. The customer writes; the shop's provider delivers it into the support mailbox.
      const firstId = `first.${randomUUID()}@customer.example`;
      await imap.append(SUPPORT_USER, "INBOX", [
        deliveredToSupport(
          await compose({
            from: { name: "Ana Kovač", address: CUSTOMER },
            to: INBOX,
            subject: SUBJECT,
            messageId: `<${firstId}>`,
            text: "Dobar dan, moja narudžba 1001 još nije stigla. Možete li provjeriti?",
          }),
        ),
      ]);
      await expect
        .poll(async () => (await conversationsOf(inbox.id)).length, { timeout: 20_000, interval: 200 })
        .toBe(1);
      const [listed] = await conversationsOf(inbox.id);
      expect(listed!.subject).toBe(SUBJECT);
      expect(listed!.customer.email).toBe(CUSTOMER);
      const opened = await conversation(listed!.id);
      expect(opened.messages.map((m) => m.kind)).toEqual(["incoming"]);
      expect(opened.messages[0]!.body).toContain("moja narudžba 1001 još nije stigla");

      // 2. An agent replies through the API.
      const reply = await call<Message>("POST", `/conversations/${opened.id}/messages`, {
        kind: "reply",
        body: "Hvala na strpljenju, narudžbu **šaljemo** danas.",
      });
      expect(reply.kind).toBe("outgoing");

      // 3. The reply reaches the customer's mailbox, correctly threaded and signed.
      await expect
        .poll(async () => (await customerMailbox()).length, { timeout: 20_000, interval: 200 })
        .toBe(1);
      expect(provider.relayed).toEqual([{ from: INBOX, to: [CUSTOMER] }]);
      const [received] = await customerMailbox();
      expect(received!.messageId).toMatch(new RegExp(`^<${reply.id}@shop\\.example>$`));
      expect(received!.inReplyTo).toBe(`<${firstId}>`);
      expect([received!.references ?? []].flat()).toContain(`<${firstId}>`);
      expect(received!.subject).toBe(`Re: ${SUBJECT}`);
      expect(received!.from?.value.map((a) => a.address)).toEqual([INBOX]);
      expect([received!.to ?? []].flat().flatMap((to) => to.value.map((a) => a.address))).toEqual([CUSTOMER]);
      const replyTo = received!.replyTo!.value[0]!.address!;
      expect(replyTo).toMatch(new RegExp(`^support\\+c${opened.number}-[a-z2-7]{12}@shop\\.example$`));
      expect(received!.text).toContain("Hvala na strpljenju, narudžbu **šaljemo** danas.");
      expect(received!.html).toContain("<strong>šaljemo</strong>");
      const delivery = async () =>
        (await conversation(opened.id)).messages.find((m) => m.id === reply.id)!.deliveryStatus;
      await expect.poll(delivery, { timeout: 10_000, interval: 200 }).toBe("sent");

      // 4. The customer answers as a mail client does: to the Reply-To address, threaded by headers,
      // quoting the reply; the shop's provider delivers it into the support mailbox.
      const answerId = `answer.${randomUUID()}@customer.example`;
      await imap.append(SUPPORT_USER, "INBOX", [
        deliveredToSupport(
          await compose({
            from: { name: "Ana Kovač", address: CUSTOMER },
            to: { name: "Shop support", address: replyTo },
            subject: `Re: ${received!.subject}`,
            messageId: `<${answerId}>`,
            inReplyTo: received!.messageId,
            references: [`<${firstId}>`, received!.messageId!],
            text: `Hvala, stiglo je!\n\n${received!.date?.toUTCString()}, Shop support wrote:\n> Hvala na strpljenju, narudžbu **šaljemo** danas.\n`,
          }),
        ),
      ]);
      const bodies = async () => (await conversation(opened.id)).messages.map((m) => `${m.kind}: ${m.body}`);
      await expect
        .poll(async () => (await bodies()).some((b) => b.startsWith("incoming: Hvala, stiglo je!")), {
          timeout: 20_000,
          interval: 200,
        })
        .toBe(true);
      expect((await conversationsOf(inbox.id)).map((c) => c.id)).toEqual([opened.id]);

      // 5. A client that sends no In-Reply-To or References, with a subject of its own: the signed
      // address in To alone threads it (IMAP mail has no envelope recipient but the inbox address).
      const plainId = `plain.${randomUUID()}@customer.example`;
      await imap.append(SUPPORT_USER, "INBOX", [
        deliveredToSupport(
          await compose({
            from: { name: "Ana Kovač", address: CUSTOMER },
            to: replyTo,
            subject: "Još jedno pitanje",
            messageId: `<${plainId}>`,
            text: "Mogu li promijeniti adresu dostave?",
          }),
        ),
      ]);
      await expect
        .poll(
          async () =>
            (await bodies()).some((b) => b.startsWith("incoming: Mogu li promijeniti adresu dostave?")),
          { timeout: 20_000, interval: 200 },
        )
        .toBe(true);
      expect((await conversationsOf(inbox.id)).map((c) => c.id)).toEqual([opened.id]);
      expect(
        (await conversation(opened.id)).messages.filter((m) => m.kind !== "activity").map((m) => m.kind),
      ).toEqual(["incoming", "outgoing", "incoming", "incoming"]);

      // The control: the same customer writing to the inbox's plain address, without threading headers
      // but with the conversation's subject, starts a new conversation (the subject is never used), so
      // step 5 was threaded by the signed address.
      await imap.append(SUPPORT_USER, "INBOX", [
        deliveredToSupport(
          await compose({
            from: { name: "Ana Kovač", address: CUSTOMER },
            to: INBOX,
            subject: `Re: ${SUBJECT}`,
            messageId: `<control.${randomUUID()}@customer.example>`,
            text: "Nova narudžba 1002.",
          }),
        ),
      ]);
      await expect
        .poll(async () => (await conversationsOf(inbox.id)).length, { timeout: 20_000, interval: 200 })
        .toBe(2);
      expect((await conversation(opened.id)).messages.some((m) => m.body.includes("1002"))).toBe(false);
      expect(await imapStatus()).toMatchObject({ state: "ok", lastUid: 4, lastError: null });
      // Heed sent nothing else (no acknowledgement, no second copy).
      expect(await customerMailbox()).toHaveLength(1);
    }, 90_000);
  },
);
