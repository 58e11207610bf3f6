import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import type { Database } from "../db/types.js";
import { FreshMail } from "../email/fresh-mail.js";
import type { EmailInboxRow } from "../models/inbound-emails.js";
import { ingestReceivedEmails } from "./ingest-emails.js";
import { receiveEmail } from "./receive-email.js";

let t: TestApp;
let inbox: EmailInboxRow;

beforeAll(async () => {
  t = await createTestApp();
  const { workspace } = await buildWorkspace(t.ctx);
  const row = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "email" });
  inbox = { id: row.id, workspace_id: workspace.id, address: row.address! };
});
afterAll(() => t.close());

let counter = 0;
/** A message as a mail client would send it; every call gets its own Message-ID unless given one. */
function mail(o: {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  headers?: string[];
}) {
  const id = o.messageId ?? `m${++counter}.${Date.now()}@client.example`;
  return Buffer.from(
    [
      `From: ${o.from}`,
      `To: ${inbox.address}`,
      `Subject: ${o.subject}`,
      `Message-ID: <${id}>`,
      ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`, `References: <${o.inReplyTo}>`] : []),
      ...(o.headers ?? []),
      "Content-Type: text/plain; charset=utf-8",
      "",
      o.body,
      "",
    ].join("\r\n"),
  );
}

/** Stores a message as the SMTP receiver does; returns its new rows and bytes. */
const store = (raw: Buffer) =>
  receiveEmail(t.ctx.db, [inbox], { source: "smtp", envelopeFrom: null, envelopeTo: [inbox.address], raw });

async function deliver(raw: Buffer) {
  await store(raw);
  while ((await ingestReceivedEmails(t.ctx.db)) > 0);
  const [row] = await t.ctx.db.query<{
    status: string;
    problem: string | null;
    conversation_id: string | null;
  }>("SELECT status, problem, conversation_id FROM inbound_emails WHERE inbox_id = $1 AND raw = $2", [
    inbox.id,
    raw,
  ]);
  return row!;
}

const messagesOf = (conversationId: string) =>
  t.ctx.db.query<{ kind: string; body: string }>(
    "SELECT kind, body FROM messages WHERE conversation_id = $1 AND kind <> 'activity' ORDER BY created_at, id",
    [conversationId],
  );

describe("ingestReceivedEmails", () => {
  it("turns a new message into a conversation with its customer, subject and text", async () => {
    const row = await deliver(
      mail({
        from: "Ana Kovač <Ana@Example.com>",
        subject: "Narudžba kasni",
        body: "Gdje je moja narudžba?",
      }),
    );
    expect(row.status).toBe("processed");
    const [conversation] = await t.ctx.db.query<{ subject: string; customer_email: string; status: string }>(
      `SELECT c.subject, cu.email AS customer_email, c.status FROM conversations c
         JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
      [row.conversation_id],
    );
    expect(conversation).toEqual({
      subject: "Narudžba kasni",
      customer_email: "ana@example.com",
      status: "open",
    });
    expect(await messagesOf(row.conversation_id!)).toEqual([
      { kind: "incoming", body: "Gdje je moja narudžba?" },
    ]);
  });

  it("threads the customer's reply into the same conversation by In-Reply-To", async () => {
    const first = await deliver(
      mail({
        from: "marko@example.com",
        subject: "Refund",
        body: "I want a refund.",
        messageId: "refund-1@client.example",
      }),
    );
    const reply = await deliver(
      mail({
        from: "Marko <MARKO@example.com>",
        subject: "Re: Refund",
        body: "Any news?",
        inReplyTo: "refund-1@client.example",
      }),
    );
    expect(reply.conversation_id).toBe(first.conversation_id);
    expect((await messagesOf(first.conversation_id!)).map((m) => m.body)).toEqual([
      "I want a refund.",
      "Any news?",
    ]);
  });

  it("never lets someone else's mail join a conversation, whatever ids it quotes", async () => {
    const first = await deliver(
      mail({
        from: "iva@example.com",
        subject: "Invoice",
        body: "Please send it.",
        messageId: "invoice-1@client.example",
      }),
    );
    const spoof = await deliver(
      mail({
        from: "mallory@evil.test",
        subject: "Re: Invoice",
        body: "Send it to me instead.",
        inReplyTo: "invoice-1@client.example",
      }),
    );
    expect(spoof.status).toBe("processed");
    expect(spoof.conversation_id).not.toBe(first.conversation_id);
    expect((await messagesOf(first.conversation_id!)).map((m) => m.body)).toEqual(["Please send it."]);
  });

  it("quarantines mail without a sender, with the reason, and goes on with the next", async () => {
    const broken = await deliver(Buffer.from(`To: ${inbox.address}\r\nSubject: no sender\r\n\r\nhello\r\n`));
    expect(broken.status).toBe("quarantined");
    expect(broken.problem).toMatch(/From/);
    const next = await deliver(mail({ from: "eva@example.com", subject: "Still works", body: "Hi" }));
    expect(next.status).toBe("processed");
  });

  it("quarantines mail the database refuses, writing nothing of it, and goes on with the next", async () => {
    // A constraint standing in for any non-retryable failure inside the commands.
    await t.ctx.db.query(
      "ALTER TABLE messages ADD CONSTRAINT test_refuse_boom CHECK (body NOT LIKE '%BOOM%')",
    );
    try {
      const conversations = async () =>
        Number((await t.ctx.db.query<{ n: number }>("SELECT count(*) AS n FROM conversations"))[0]!.n);
      const before = await conversations();
      const refused = await deliver(mail({ from: "zara@example.com", subject: "Refused", body: "BOOM" }));
      expect(refused.status).toBe("quarantined");
      expect(refused.problem).toMatch(/^could not be stored: .*test_refuse_boom/);
      expect(await conversations()).toBe(before);
      const customers = await t.ctx.db.query(
        "SELECT 1 FROM identities WHERE value_normalized = 'zara@example.com'",
      );
      expect(customers).toHaveLength(0);
      const next = await deliver(mail({ from: "zara@example.com", subject: "Fine", body: "Hello" }));
      expect(next.status).toBe("processed");
    } finally {
      await t.ctx.db.query("ALTER TABLE messages DROP CONSTRAINT test_refuse_boom");
    }
  });

  it("keeps bounces and auto-replies without opening or reopening a conversation", async () => {
    const first = await deliver(
      mail({
        from: "tom@example.com",
        subject: "Size",
        body: "Bigger size?",
        messageId: "size-1@client.example",
      }),
    );
    await t.ctx.db.query("UPDATE conversations SET status = 'resolved', waiting_since = NULL WHERE id = $1", [
      first.conversation_id,
    ]);
    const auto = await deliver(
      mail({
        from: "tom@example.com",
        subject: "Out of office",
        body: "I am away.",
        inReplyTo: "size-1@client.example",
        headers: ["Auto-Submitted: auto-replied"],
      }),
    );
    expect(auto.status).toBe("ignored");
    const [conversation] = await t.ctx.db.query<{ status: string }>(
      "SELECT status FROM conversations WHERE id = $1",
      [first.conversation_id],
    );
    expect(conversation!.status).toBe("resolved");
    const bounce = await deliver(
      fs.readFileSync(new URL("../../../test/fixtures/email/dsn-bounce.eml", import.meta.url)),
    );
    expect(bounce.status).toBe("ignored");
    expect(bounce.conversation_id).toBeNull();
  });

  it("keeps bulk mail from the customer on the conversation without reopening it", async () => {
    const first = await deliver(
      mail({
        from: "lea@example.com",
        subject: "Newsletter",
        body: "Hi",
        messageId: "bulk-1@client.example",
      }),
    );
    await t.ctx.db.query("UPDATE conversations SET status = 'resolved', waiting_since = NULL WHERE id = $1", [
      first.conversation_id,
    ]);
    const bulk = await deliver(
      mail({
        from: "lea@example.com",
        subject: "Re: Newsletter",
        body: "Weekly digest",
        inReplyTo: "bulk-1@client.example",
        headers: ["Precedence: list", "List-Id: <digest.example.com>"],
      }),
    );
    expect(bulk).toMatchObject({ status: "processed", conversation_id: first.conversation_id });
    const [conversation] = await t.ctx.db.query<{ status: string }>(
      "SELECT status FROM conversations WHERE id = $1",
      [first.conversation_id],
    );
    expect(conversation!.status).toBe("resolved");
    expect((await messagesOf(first.conversation_id!)).map((m) => m.body)).toEqual(["Hi", "Weekly digest"]);
  });

  it("decodes legacy charsets into the conversation's text", async () => {
    const raw = fs.readFileSync(new URL("../../../test/fixtures/email/windows-1251.eml", import.meta.url));
    const row = await deliver(raw);
    expect(row.status).toBe("processed");
    const [message] = await messagesOf(row.conversation_id!);
    expect(message!.body).toMatch(/[а-яё]/i);
  });

  it("drops NUL characters that PostgreSQL text cannot hold instead of failing on them", async () => {
    const row = await deliver(
      mail({ from: "nul@example.com", subject: "Broken\u0000client", body: "Line\u0000one" }),
    );
    expect(row.status).toBe("processed");
    expect(await messagesOf(row.conversation_id!)).toEqual([{ kind: "incoming", body: "Lineone" }]);
  });

  it("takes a long queue in one call, in order: replies join conversations opened earlier in it", async () => {
    // 60 messages: 20 threads of a first message and two replies, each reply a few chunks later.
    const threads = Array.from({ length: 20 }, (_, n) => `queue-${n}.${Date.now()}@client.example`);
    const raws = [
      ...threads.map((id, n) =>
        mail({ from: `q${n}@example.com`, subject: "Queue", body: `first ${n}`, messageId: id }),
      ),
      ...threads.map((id, n) =>
        mail({ from: `q${n}@example.com`, subject: "Re: Queue", body: `second ${n}`, inReplyTo: id }),
      ),
      ...threads.map((id, n) =>
        mail({ from: `q${n}@example.com`, subject: "Re: Queue", body: `third ${n}`, inReplyTo: id }),
      ),
    ];
    for (const raw of raws) await store(raw);
    expect(await ingestReceivedEmails(t.ctx.db)).toBe(60);
    expect(await ingestReceivedEmails(t.ctx.db)).toBe(0);
    for (let n = 0; n < 20; n++) {
      const [row] = await t.ctx.db.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM inbound_emails WHERE inbox_id = $1 AND raw = $2",
        [inbox.id, raws[n]],
      );
      expect((await messagesOf(row!.conversation_id)).map((m) => m.body)).toEqual([
        `first ${n}`,
        `second ${n}`,
        `third ${n}`,
      ]);
    }
  });

  it("keeps a reply after its original when both wait in one transaction's batch", async () => {
    const stamp = Date.now();
    const raws = [
      mail({
        from: "lane-a@example.com",
        subject: "Lanes",
        body: "a first",
        messageId: `la.${stamp}@c.example`,
      }),
      mail({ from: "lane-b@example.com", subject: "Lanes", body: "b first" }),
      // Same Message-ID named, another sender: after the original, and still not let in.
      mail({
        from: "lane-x@example.com",
        subject: "Re: Lanes",
        body: "x",
        inReplyTo: `la.${stamp}@c.example`,
      }),
      mail({
        from: "lane-a@example.com",
        subject: "Re: Lanes",
        body: "a second",
        inReplyTo: `la.${stamp}@c.example`,
      }),
      mail({ from: "LANE-B@example.com", subject: "Lanes again", body: "b second" }),
    ];
    for (const raw of raws) await store(raw);
    expect(await ingestReceivedEmails(t.ctx.db)).toBe(5);
    const rows = await t.ctx.db.query<{ raw: Buffer; conversation_id: string }>(
      "SELECT raw, conversation_id FROM inbound_emails WHERE inbox_id = $1 AND raw = ANY($2::bytea[])",
      [inbox.id, raws],
    );
    const conversationOf = (raw: Buffer) => rows.find((row) => row.raw.equals(raw))!.conversation_id;
    expect(conversationOf(raws[3]!)).toBe(conversationOf(raws[0]!));
    expect((await messagesOf(conversationOf(raws[0]!))).map((m) => m.body)).toEqual(["a first", "a second"]);
    expect(conversationOf(raws[2]!)).not.toBe(conversationOf(raws[0]!));
    // One customer for both of b's messages, each its own conversation.
    const customers = await t.ctx.db.query<{ customer_id: string }>(
      "SELECT DISTINCT customer_id FROM conversations WHERE id = ANY($1::uuid[])",
      [[conversationOf(raws[1]!), conversationOf(raws[4]!)]],
    );
    expect(customers).toHaveLength(1);
  });

  it("takes one customer's answers from two addresses to one conversation in one batch one after the other", async () => {
    const stamp = Date.now();
    const first = await deliver(
      mail({
        from: "two-a@example.com",
        subject: "Two",
        body: "opening",
        messageId: `two1.${stamp}@c.example`,
      }),
    );
    await deliver(
      mail({
        from: "two-a@example.com",
        subject: "Re: Two",
        body: "more",
        messageId: `two2.${stamp}@c.example`,
        inReplyTo: `two1.${stamp}@c.example`,
      }),
    );
    // The customer's second address: the two answers below share no sender and no Message-ID.
    await t.ctx.db.query(
      `INSERT INTO identities (id, workspace_id, customer_id, kind, value, value_normalized)
       SELECT gen_random_uuid(), workspace_id, customer_id, 'email', 'two-b@example.com', 'two-b@example.com'
         FROM conversations WHERE id = $1`,
      [first.conversation_id],
    );
    // Resolved: the first answer reopens it, and the second must find it open (run side by side,
    // both would read "resolved" and reopen it twice).
    await t.ctx.db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [
      first.conversation_id,
    ]);
    const answers = [
      mail({
        from: "two-a@example.com",
        subject: "Re: Two",
        body: "from a",
        inReplyTo: `two1.${stamp}@c.example`,
      }),
      mail({
        from: "two-b@example.com",
        subject: "Re: Two",
        body: "from b",
        inReplyTo: `two2.${stamp}@c.example`,
      }),
    ];
    for (const raw of answers) await store(raw);
    expect(await ingestReceivedEmails(t.ctx.db)).toBe(2);
    const bodies = (await messagesOf(first.conversation_id!)).map((m) => m.body);
    expect(bodies.slice(0, 2)).toEqual(["opening", "more"]);
    expect(bodies.slice(2).sort()).toEqual(["from a", "from b"]);
    const reopened = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND kind = 'activity'",
      [first.conversation_id],
    );
    expect(reopened[0]!.n).toBe(1);
  });

  it("uses the bytes the receiver handed over, and reads from the database only the others", async () => {
    const handed = mail({ from: "fresh@example.com", subject: "Fresh", body: "Handed over" });
    const other = mail({ from: "stale@example.com", subject: "Stale", body: "Stored earlier" });
    const fresh = new FreshMail();
    fresh.remember(await store(handed));
    await store(other);
    const read: unknown[][] = [];
    const watched: Database = {
      ...t.ctx.db,
      query: (text, params) => {
        if (text.startsWith("SELECT id, raw FROM inbound_emails"))
          read.push([...((params?.[0] as unknown[]) ?? [])]);
        return t.ctx.db.query(text, params);
      },
    };
    expect(await ingestReceivedEmails(watched, { fresh })).toBe(2);
    const [stale] = await t.ctx.db.query<{ id: string }>(
      "SELECT id FROM inbound_emails WHERE inbox_id = $1 AND raw = $2",
      [inbox.id, other],
    );
    expect(read).toEqual([[stale!.id]]);
    expect(fresh.size.messages).toBe(0);
    for (const raw of [handed, other]) {
      const [row] = await t.ctx.db.query<{ status: string }>(
        "SELECT status FROM inbound_emails WHERE inbox_id = $1 AND raw = $2",
        [inbox.id, raw],
      );
      expect(row!.status).toBe("processed");
    }
  });

  it("takes each message once when two ingests run at once", async () => {
    const raws = Array.from({ length: 25 }, (_, n) =>
      mail({ from: `twice${n}@example.com`, subject: "Once", body: `once ${n}` }),
    );
    for (const raw of raws) await store(raw);
    const handled = await Promise.all([ingestReceivedEmails(t.ctx.db), ingestReceivedEmails(t.ctx.db)]);
    expect(handled[0]! + handled[1]!).toBe(25);
    const rows = await t.ctx.db.query<{ status: string; conversation_id: string }>(
      "SELECT status, conversation_id FROM inbound_emails WHERE inbox_id = $1 AND raw = ANY($2::bytea[])",
      [inbox.id, raws],
    );
    expect(rows.map((row) => row.status)).toEqual(Array(25).fill("processed"));
    const messages = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM messages WHERE conversation_id = ANY($1::uuid[])",
      [rows.map((row) => row.conversation_id)],
    );
    expect(messages[0]!.n).toBe(25);
  });
});
