/**
 * Crash recovery: `kill -9` of a real Heed process in the middle of a stream of writes loses nothing it
 * acknowledged. Runs in the suite's mode: embedded (a data folder) or PostgreSQL (HEED_TEST_DATABASE_URL).
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `crash-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "crash test password";
const WRITERS = 8;
const KILL_AFTER = 40;

let location: string;
let env: Record<string, string>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  location = testMode === "postgres" ? await cloneTemplateDatabase() : cloneTemplateFolder();
  env = {
    ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
    HEED_ADMIN_EMAIL: ADMIN_EMAIL,
    HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  if (testMode === "postgres") await dropTestDatabase(location);
  else fs.rmSync(location, { recursive: true, force: true });
});

async function start(): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  servers.push(server);
  return server;
}

interface Sent {
  subject: string;
  body: string;
  email: string;
}
interface Acknowledged extends Sent {
  id: string;
  number: number;
}
interface Conversation {
  id: string;
  number: number;
  subject: string | null;
  inboxId: string;
  customer: { email: string | null };
  messages: { kind: string; body: string }[];
}

const bearer = (token: string) => ({ "content-type": "application/json", authorization: `Bearer ${token}` });

async function getJson<T>(url: string, token: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: bearer(token) });
  return { status: response.status, body: (await response.json()) as T };
}

/** POST /api/v1/conversations as an integration would; the conversation once acknowledged (201). */
async function createConversation(url: string, token: string, inboxId: string, sent: Sent) {
  const response = await fetch(`${url}/api/v1/conversations`, {
    method: "POST",
    headers: bearer(token),
    body: JSON.stringify({
      inboxId,
      customer: { email: sent.email, name: "Crash Test" },
      subject: sent.subject,
      message: { body: sent.body },
    }),
  });
  if (response.status !== 201) throw new UnexpectedAnswer(response.status, await response.text());
  return (await response.json()) as Conversation;
}

/** An HTTP answer other than 201: a bug, unlike a connection cut by the kill. */
class UnexpectedAnswer extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`${status} ${body}`);
  }
}

/** Every conversation of the inbox, following the cursor. */
async function listInbox(url: string, token: string, inboxId: string): Promise<{ id: string }[]> {
  const all: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      inboxId,
      limit: "100",
      ...(cursor ? { cursor } : {}),
    });
    const page: { status: number; body: { data: { id: string }[]; nextCursor: string | null } } =
      await getJson<{ data: { id: string }[]; nextCursor: string | null }>(
        `${url}/api/v1/conversations?${query}`,
        token,
      );
    expect(page.status).toBe(200);
    all.push(...page.body.data);
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

describe(`kill -9 during writes (${testMode})`, () => {
  it("keeps every acknowledged conversation, intact, and restarts on the same data", async () => {
    const first = await start();
    const token = await apiTokenOverHttp(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const inboxResponse = await fetch(`${first.url}/api/v1/inboxes`, {
      method: "POST",
      headers: bearer(token),
      body: JSON.stringify({ name: "Crash inbox", channel: "api" }),
    });
    expect(inboxResponse.status).toBe(201);
    const inboxId = ((await inboxResponse.json()) as { id: string }).id;

    const acknowledged: Acknowledged[] = [];
    const attempted = new Map<string, Sent>();
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killing: Promise<void> | null = null;
    const unexpected: string[] = [];

    const writer = async (w: number) => {
      for (let i = 0; !killing; i++) {
        const tag = `${w}-${i}-${randomUUID().slice(0, 8)}`;
        const sent: Sent = {
          subject: `Order ${tag} did not arrive`,
          body: `Hello, my order ${tag} has not arrived yet. Ёлка, žluťoučký kůň, čćđšž. ${"x".repeat(w * 50)} Thanks.`,
          email: `customer-${tag}@example.test`,
        };
        attempted.set(sent.subject, sent);
        inFlight++;
        let created: Conversation | null = null;
        try {
          created = await createConversation(first.url, token, inboxId, sent);
        } catch (error) {
          // A connection that died with the process is expected: that write was not acknowledged.
          if (error instanceof UnexpectedAnswer) unexpected.push(error.message);
        } finally {
          inFlight--;
        }
        if (!created) return;
        acknowledged.push({ ...sent, id: created.id, number: created.number });
        if (acknowledged.length >= KILL_AFTER && !killing) {
          inFlightAtKill = inFlight;
          killing = first.kill9();
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await killing;

    expect(unexpected).toEqual([]);
    expect(first.child.signalCode).toBe("SIGKILL");
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill landed mid-stream: other writers had requests on the wire.
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = await start();
    expect(second.output()).not.toMatch(/in use/i);
    if (testMode === "embedded") {
      // The dead process's lock was taken over, not left blocking the restart.
      const lock = JSON.parse(fs.readFileSync(path.join(location, "heed.lock"), "utf8")) as { pid: number };
      expect(lock.pid).toBe(second.pid);
    }

    // Every acknowledged conversation is there, whole. (The token minted before the crash is an
    // acknowledged write too: it still authenticates.)
    const read = async (id: string) => {
      const { status, body } = await getJson<Conversation>(`${second.url}/api/v1/conversations/${id}`, token);
      expect(status, id).toBe(200);
      return body;
    };
    const numbers = new Map<string, number>();
    for (const write of acknowledged) {
      const body = await read(write.id);
      expect(body.number).toBe(write.number);
      expect(body.subject).toBe(write.subject);
      expect(body.customer.email).toBe(write.email);
      expect(body.messages.filter((m) => m.kind === "incoming").map((m) => m.body)).toEqual([write.body]);
      numbers.set(body.id, body.number);
    }

    // Nothing half-written or invented: every other stored conversation (committed, but the answer
    // was lost with the process) is one that was sent, whole. Conversation numbers stayed unique.
    const stored = await listInbox(second.url, token, inboxId);
    const storedIds = new Set(stored.map((c) => c.id));
    for (const write of acknowledged) expect(storedIds.has(write.id), write.subject).toBe(true);
    expect(stored.length).toBeLessThanOrEqual(attempted.size);
    for (const { id } of stored) {
      if (numbers.has(id)) continue;
      const body = await read(id);
      const sent = attempted.get(body.subject ?? "");
      expect(sent, `unexpected conversation ${body.subject}`).toBeDefined();
      expect(body.customer.email).toBe(sent!.email);
      expect(body.messages.filter((m) => m.kind === "incoming").map((m) => m.body)).toEqual([sent!.body]);
      numbers.set(id, body.number);
    }
    expect(new Set(numbers.values()).size).toBe(stored.length);

    // The number counter did not fall behind what was committed before the crash.
    const after = await createConversation(second.url, token, inboxId, {
      subject: "After the restart",
      body: "Still here?",
      email: "after@example.test",
    });
    expect(after.number).toBeGreaterThan(Math.max(...numbers.values()));
  }, 90_000);
});
