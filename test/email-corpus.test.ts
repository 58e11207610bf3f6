/**
 * The email fixture corpus: one `.eml` per real-world quirk in test/fixtures/email, each with its
 * `.expected.json`. Every fixture parses and classifies as expected, and ends as expected after a real
 * SMTP session to Heed's receiver and the ingest step: a new conversation, a message on an earlier
 * one, quarantined with a reason, or ignored. One database, one receiver and one inbox per fixture.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ingestReceivedEmails } from "../src/server/commands/ingest-emails.js";
import { bouncedMessageId, classifyMail } from "../src/server/email/classify-mail.js";
import { parseMail, type MailAddress, type ParsedMail } from "../src/server/email/parse-mail.js";
import { startSmtpReceiver, type SmtpReceiver } from "../src/server/email/smtp-receiver.js";
import type { InboxRow } from "../src/server/models/inboxes.js";
import { generatedFixtures } from "./fixtures/email/generate.js";
import { createTestApp, type TestApp } from "./helpers/app.js";
import { buildInbox } from "./helpers/factories-conversations.js";
import { buildWorkspace } from "./helpers/factories.js";

const FOLDER = new URL("./fixtures/email/", import.meta.url);
const EARLIER_BODY = "The earlier message this one answers.";

/** An earlier conversation of the fixture's sender, started by a message with this Message-ID. */
const ZThread = z.strictObject({ messageId: z.string(), subject: z.string() });

const ZExpected = z.strictObject({
  parse: z
    .strictObject({
      messageId: z.string().nullable(),
      inReplyTo: z.array(z.string()),
      references: z.array(z.string()),
      from: z.strictObject({ address: z.string(), name: z.string() }).nullable(),
      subject: z.string(),
      /** The exact decoded text, or (for text derived from HTML and long reports) snippets of it. */
      text: z.string().optional(),
      textIncludes: z.array(z.string()).optional(),
      attachments: z.array(z.strictObject({ fileName: z.string().nullable(), contentType: z.string() })),
      embeddedMessageId: z.string().nullable(),
      problems: z.array(z.string()),
    })
    .refine((parse) => (parse.text === undefined) !== (parse.textIncludes === undefined), {
      message: "give either text or textIncludes",
    }),
  classify: z.strictObject({
    isAutoReply: z.boolean(),
    isBulk: z.boolean(),
    isBounce: z.boolean(),
    reason: z.string().nullable(),
    bouncedMessageId: z.string().nullable(),
  }),
  ingest: z.discriminatedUnion("outcome", [
    z.strictObject({
      outcome: z.literal("created"),
      customerEmail: z.string(),
      subject: z.string().nullable(),
      thread: ZThread.optional(),
      /** Delivered to the inbox of that (earlier) fixture instead of an inbox of its own. */
      sameInboxAs: z.string().optional(),
    }),
    z.strictObject({ outcome: z.literal("appended"), thread: ZThread }),
    z.strictObject({ outcome: z.literal("quarantined"), problem: z.string() }),
    z.strictObject({ outcome: z.literal("ignored"), problem: z.string(), thread: ZThread.optional() }),
  ]),
});
type TExpected = z.infer<typeof ZExpected>;
type TThread = z.infer<typeof ZThread>;

const folderFiles = fs.readdirSync(FOLDER);
const fixtureNames = [
  ...folderFiles.filter((file) => file.endsWith(".eml")),
  ...Object.keys(generatedFixtures),
].sort();

const rawCache = new Map<string, Buffer>();
function rawOf(name: string): Buffer {
  const raw = rawCache.get(name) ?? generatedFixtures[name]?.() ?? fs.readFileSync(new URL(name, FOLDER));
  rawCache.set(name, raw);
  return raw;
}

function expectationOf(name: string): TExpected {
  const file = new URL(name.replace(/\.eml$/, ".expected.json"), FOLDER);
  if (!fs.existsSync(file)) throw new Error(`${name} has no expectation: add ${file.pathname}`);
  return ZExpected.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

let t: TestApp;
let receiver: SmtpReceiver;
let workspaceId: string;
let smtp: Transporter;

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  receiver = await startSmtpReceiver(t.ctx, { port: 0, host: "127.0.0.1" });
  smtp = nodemailer.createTransport({
    host: "127.0.0.1",
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  smtp?.close();
  await receiver?.close();
  await t?.close();
});

const inboxes = new Map<string, Promise<InboxRow>>();
/** Each fixture's own inbox, so that fixtures never thread into each other's conversations. */
function inboxFor(name: string): Promise<InboxRow> {
  const address = `${name.replace(/\.eml$/, "").toLowerCase()}@corpus.heed.example`;
  const inbox = inboxes.get(name) ?? buildInbox(t.ctx, { workspaceId, channel: "email", address });
  inboxes.set(name, inbox);
  return inbox;
}

/** The envelope sender a relay would use: the Return-Path it recorded (empty for bounces), else From. */
function envelopeSender(mail: ParsedMail): string {
  const returnPath = mail.headers["return-path"];
  if (returnPath !== undefined) return /<([^<>]*)>/.exec(returnPath)?.[1]?.trim() ?? "";
  return mail.from?.address ?? "";
}

/** One real SMTP session to the receiver, then the ingest step until nothing waits. */
async function deliver(inbox: InboxRow, raw: Buffer, sender: string) {
  const info = await smtp.sendMail({ envelope: { from: sender, to: [inbox.address!] }, raw });
  expect(info.response).toMatch(/^250/);
  while ((await ingestReceivedEmails(t.ctx.db)) > 0);
}

type StoredEmail = {
  raw: Buffer;
  envelope_from: string | null;
  status: string;
  problem: string | null;
  conversation_id: string | null;
  from_address: string | null;
  subject: string | null;
};
async function storedEmail(inbox: InboxRow, raw: Buffer): Promise<StoredEmail> {
  const rows = await t.ctx.db.query<StoredEmail>(
    `SELECT raw, envelope_from, status, problem, conversation_id, from_address, subject FROM inbound_emails
      WHERE inbox_id = $1 AND sha256 = $2`,
    [inbox.id, createHash("sha256").update(raw).digest("hex")],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const incomingMessages = (conversationId: string) =>
  t.ctx.db.query<{ body: string; email_message_id: string | null }>(
    `SELECT body, email_message_id FROM messages
      WHERE conversation_id = $1 AND kind = 'incoming' ORDER BY created_at, id`,
    [conversationId],
  );

const conversationOf = async (id: string) =>
  (
    await t.ctx.db.query<{ subject: string | null; status: string; customer_email: string }>(
      `SELECT c.subject, c.status, cu.email AS customer_email
         FROM conversations c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [id],
    )
  )[0]!;

const conversationCount = async (inbox: InboxRow) =>
  (
    await t.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM conversations WHERE inbox_id = $1", [
      inbox.id,
    ])
  )[0]!.n;

/** What ingest stores as the message body. */
const bodyOf = (mail: ParsedMail) => mail.text.replaceAll("\u0000", "").trim() || "(no text)";

/**
 * The sender's earlier conversation that a fixture answers, delivered like any mail and then resolved,
 * so that a reply shows it reopens and automatic mail shows it does not.
 */
async function startThread(inbox: InboxRow, from: MailAddress, thread: TThread) {
  const raw = Buffer.from(
    [
      `From: ${from.address}`,
      `To: ${inbox.address}`,
      `Subject: ${thread.subject}`,
      "Date: Sun, 1 Mar 2026 09:00:00 +0000",
      `Message-ID: <${thread.messageId}>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      EARLIER_BODY,
      "",
    ].join("\r\n"),
  );
  await deliver(inbox, raw, from.address);
  const row = await storedEmail(inbox, raw);
  expect(row.status).toBe("processed");
  await t.ctx.db.query("UPDATE conversations SET status = 'resolved', waiting_since = NULL WHERE id = $1", [
    row.conversation_id,
  ]);
  return row.conversation_id!;
}

async function expectUntouched(conversationId: string, thread: TThread) {
  expect((await conversationOf(conversationId)).status).toBe("resolved");
  expect(await incomingMessages(conversationId)).toEqual([
    { body: EARLIER_BODY, email_message_id: thread.messageId },
  ]);
}

describe("the email fixture corpus", () => {
  it("holds at least 30 fixtures, each with an expectation and a line in the README", () => {
    const expectations = folderFiles
      .filter((file) => file.endsWith(".expected.json"))
      .map((file) => file.replace(/\.expected\.json$/, ".eml"))
      .sort();
    expect(expectations).toEqual(fixtureNames);
    expect(fixtureNames.length).toBeGreaterThanOrEqual(30);
    const readme = fs.readFileSync(new URL("README.md", FOLDER), "utf8");
    expect(fixtureNames.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  for (const name of fixtureNames) {
    describe(name, () => {
      it("parses and classifies as its expectation says", async () => {
        const expected = expectationOf(name);
        const mail = await parseMail(rawOf(name));
        const { text, textIncludes, ...fields } = expected.parse;
        expect({
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo,
          references: mail.references,
          from: mail.from,
          subject: mail.subject,
          attachments: mail.attachments.map(({ fileName, contentType }) => ({ fileName, contentType })),
          embeddedMessageId: mail.embeddedMessageId,
          problems: mail.problems,
        }).toEqual(fields);
        if (text !== undefined) expect(mail.text).toBe(text);
        for (const snippet of textIncludes ?? []) expect(mail.text).toContain(snippet);
        const { bouncedMessageId: bounced, ...classification } = expected.classify;
        expect(classifyMail(mail)).toEqual(classification);
        expect(bouncedMessageId(mail)).toBe(bounced);
      });

      it("ends as its expectation says after a real SMTP session and the ingest step", async () => {
        const { ingest } = expectationOf(name);
        const raw = rawOf(name);
        const mail = await parseMail(raw);
        const inbox = await inboxFor(("sameInboxAs" in ingest && ingest.sameInboxAs) || name);
        const thread = "thread" in ingest ? ingest.thread : undefined;
        const threadId = thread ? await startThread(inbox, mail.from!, thread) : undefined;
        const conversationsBefore = await conversationCount(inbox);

        const sender = envelopeSender(mail);
        await deliver(inbox, raw, sender);
        const row = await storedEmail(inbox, raw);
        expect(Buffer.compare(row.raw, raw)).toBe(0);
        expect({ envelope: row.envelope_from, from: row.from_address, subject: row.subject }).toEqual({
          envelope: sender || null,
          from: mail.from?.address ?? null,
          subject: mail.subject || null,
        });

        switch (ingest.outcome) {
          case "created": {
            expect(row).toMatchObject({ status: "processed", problem: null });
            expect(row.conversation_id).not.toBe(threadId);
            expect(await conversationOf(row.conversation_id!)).toEqual({
              subject: ingest.subject,
              status: "open",
              customer_email: ingest.customerEmail,
            });
            expect(await incomingMessages(row.conversation_id!)).toEqual([
              { body: bodyOf(mail), email_message_id: mail.messageId },
            ]);
            if (threadId) await expectUntouched(threadId, ingest.thread!);
            break;
          }
          case "appended": {
            expect(row).toMatchObject({ status: "processed", problem: null, conversation_id: threadId });
            expect((await conversationOf(threadId!)).status).toBe("open");
            expect(await incomingMessages(threadId!)).toEqual([
              { body: EARLIER_BODY, email_message_id: ingest.thread.messageId },
              { body: bodyOf(mail), email_message_id: mail.messageId },
            ]);
            break;
          }
          case "quarantined":
          case "ignored": {
            expect(row).toMatchObject({ status: ingest.outcome, conversation_id: null });
            expect(row.problem).toContain(ingest.problem);
            expect(await conversationCount(inbox)).toBe(conversationsBefore);
            if (threadId) await expectUntouched(threadId, thread!);
            break;
          }
        }
      });
    });
  }

  describe("a Message-ID used twice", () => {
    it("keeps other content under the same Message-ID as a second message, and identical bytes once", async () => {
      const [first, second] = ["reused-message-id-a.eml", "reused-message-id-b.eml"];
      const inbox = await inboxFor(first);
      for (const name of [first, second, first])
        await deliver(inbox, rawOf(name), "www-data@www.example.org");
      const stored = await t.ctx.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inbound_emails WHERE inbox_id = $1",
        [inbox.id],
      );
      expect(stored[0]!.n).toBe(2);
      const messages = await t.ctx.db.query<{ body: string }>(
        `SELECT m.body FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.inbox_id = $1 AND m.email_message_id = 'contactform@www.example.org'
          ORDER BY m.created_at, m.id`,
        [inbox.id],
      );
      expect(messages.map((message) => message.body)).toEqual([
        expect.stringContaining("my parcel 7781 has not arrived yet"),
        expect.stringContaining("chcem zrušiť objednávku 7790"),
      ]);
    });
  });
});
