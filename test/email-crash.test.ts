/**
 * `kill -9` of a real Heed process while it receives mail over SMTP and while it sends replies: every
 * message it answered 250 to becomes exactly one conversation, and no reply reaches the mail server twice.
 * Runs in the suite's mode: embedded (a data folder) or PostgreSQL (HEED_TEST_DATABASE_URL).
 */
import fs from "node:fs";
import net from "node:net";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { startMailSink, type MailSink } from "./helpers/mail-sink.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `mailcrash-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "mail crash password";
const INBOX = "help@crash-shop.test";
const MAILS = 120;
const KILL_AFTER_ACKS = 40;
const REPLIES = 16;
const UNCERTAIN = /may or may not have been sent/;

let location: string;
let env: Record<string, string>;
let sink: MailSink;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  location = testMode === "postgres" ? await cloneTemplateDatabase() : cloneTemplateFolder();
  sink = await startMailSink();
  env = {
    ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
    HEED_ADMIN_EMAIL: ADMIN_EMAIL,
    HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HEED_SMTP_URL: sink.url,
  };
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await sink?.close();
  if (testMode === "postgres") await dropTestDatabase(location);
  else fs.rmSync(location, { recursive: true, force: true });
});

/** A TCP port nobody listens on right now (HEED_SMTP_PORT=0 would turn the receiver off). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function start(): Promise<{ server: ServerProcess; smtpPort: number; token: string }> {
  const server = await startServerProcess({ ...env, HEED_SMTP_PORT: String(await freePort()) });
  servers.push(server);
  await expect
    .poll(() => /Receiving email by SMTP on [\d.]+:(\d+)/.exec(server.output()), {
      timeout: 10_000,
      message: `no SMTP port in: ${server.output()}`,
    })
    .toBeTruthy();
  const smtpPort = Number(/Receiving email by SMTP on [\d.]+:(\d+)/.exec(server.output())![1]);
  const token = await apiTokenOverHttp(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  return { server, smtpPort, token };
}

const api = async <T>(url: string, token: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${url}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
  return { status: response.status, body: (await response.json()) as T };
};

interface ListItem {
  id: string;
  subject: string | null;
}

async function conversationsOf(url: string, token: string, inboxId: string): Promise<ListItem[]> {
  const all: ListItem[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ inboxId, limit: "100", ...(cursor ? { cursor } : {}) });
    const page: { body: { data: ListItem[]; nextCursor: string | null } } = await api(
      url,
      token,
      `/conversations?${query}`,
    );
    all.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

const mailFor = (i: number) =>
  [
    `From: Kupac ${i} <kupac${i}@customer.test>`,
    `To: ${INBOX}`,
    `Subject: Crash mail ${i}`,
    `Message-ID: <crash-${i}@customer.test>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Narudžba ${i} nije stigla. Ёлка ${i}.`,
    "",
  ].join("\r\n");

/** Sends mails over pooled SMTP sessions; resolves with the indexes the server answered 250 to. */
async function sendAll(port: number, indexes: number[], onAck: (i: number) => void): Promise<Set<number>> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 4,
  } as never);
  const acked = new Set<number>();
  await Promise.all(
    indexes.map((i) =>
      transport
        .sendMail({ envelope: { from: `kupac${i}@customer.test`, to: [INBOX] }, raw: mailFor(i) })
        .then(() => {
          acked.add(i);
          onAck(i);
        })
        .catch(() => {}),
    ),
  );
  transport.close();
  return acked;
}

describe(`kill -9 during email ingest and sending (${testMode})`, () => {
  it("keeps every acknowledged mail exactly once and never sends a reply twice", async () => {
    let { server, smtpPort, token } = await start();
    const inbox = await api<{ id: string }>(server.url, token, "/inboxes", {
      method: "POST",
      body: JSON.stringify({ name: "Crash mail", channel: "email", address: INBOX }),
    });
    expect(inbox.status).toBe(201);

    // Ingest: kill -9 once KILL_AFTER_ACKS mails were acknowledged, with more in flight.
    let acks = 0;
    let killing: Promise<void> | null = null;
    const all = Array.from({ length: MAILS }, (_, i) => i);
    const acked = await sendAll(smtpPort, all, () => {
      if (++acks === KILL_AFTER_ACKS) killing = server.kill9();
    });
    await killing;
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.size).toBeLessThan(MAILS);

    // A sending server retries what was not acknowledged, after the restart.
    ({ server, smtpPort, token } = await start());
    const retried = await sendAll(
      smtpPort,
      all.filter((i) => !acked.has(i)),
      () => {},
    );
    expect(acked.size + retried.size).toBe(MAILS);
    await expect
      .poll(async () => (await conversationsOf(server.url, token, inbox.body.id)).length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(MAILS);
    const subjects = (await conversationsOf(server.url, token, inbox.body.id)).map((c) => c.subject);
    expect(new Set(subjects).size).toBe(MAILS);
    expect(subjects.sort()).toEqual(all.map((i) => `Crash mail ${i}`).sort());

    // Sending: the mail server answers slowly; kill -9 while replies are being handed over.
    const conversations = (await conversationsOf(server.url, token, inbox.body.id)).slice(0, REPLIES);
    sink.behave({ kind: "slow", ms: 300 });
    const replyIds: string[] = [];
    for (const conversation of conversations) {
      const reply = await api<{ id: string }>(
        server.url,
        token,
        `/conversations/${conversation.id}/messages`,
        {
          method: "POST",
          body: JSON.stringify({ kind: "reply", body: `Odgovor za ${conversation.subject}` }),
        },
      );
      expect(reply.status).toBe(201);
      replyIds.push(reply.body.id);
    }
    await sink.waitFor(3, 30_000);
    await server.kill9();
    sink.behave({ kind: "accept" });

    ({ server, token } = await start());
    if (testMode === "postgres") {
      // Another process could still be sending under a lease; the test lets the lease run out at once.
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      await client.query(
        "UPDATE outgoing_emails SET lease_until = now() - interval '1 second' WHERE status = 'sending'",
      );
      await client.end();
    }
    type Message = { id: string; deliveryStatus: string | null; deliveryError: string | null };
    const states = async () => {
      const result = new Map<string, Message>();
      for (const conversation of conversations) {
        const view = await api<{ messages: Message[] }>(
          server.url,
          token,
          `/conversations/${conversation.id}`,
        );
        for (const message of view.body.messages)
          if (replyIds.includes(message.id)) result.set(message.id, message);
      }
      return result;
    };
    await expect
      .poll(async () => [...(await states()).values()].filter((m) => m.deliveryStatus === "pending").length, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(0);

    const final = await states();
    const receivedIds = sink.received.map(
      (mail) => /^Message-ID:\s*<([^@>]+)@/im.exec(mail.raw.toString("latin1"))?.[1],
    );
    for (const id of replyIds) {
      const copies = receivedIds.filter((received) => received === id).length;
      const message = final.get(id)!;
      // Never twice; sent means it arrived; a reply that did not arrive is failed, saying it may not have left.
      expect(copies).toBeLessThanOrEqual(1);
      if (message.deliveryStatus === "sent") expect(copies).toBe(1);
      else {
        expect(message.deliveryStatus).toBe("failed");
        expect(message.deliveryError).toMatch(UNCERTAIN);
      }
    }
    expect([...final.values()].filter((m) => m.deliveryStatus === "failed").length).toBeLessThanOrEqual(2);
  }, 240_000);
});
