/**
 * Durable timers across a restart: SLA warnings and breaches, follow-ups and snooze wake-ups are set
 * while Heed runs, the process is killed (kill -9) before they are due, their time passes while it is
 * down, and after the restart they fire exactly once — with two processes sharing the work on
 * PostgreSQL (the embedded database belongs to one process, so there one process restarts).
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import { createPgDatabase } from "../src/server/db/pg-database.js";
import type { Database } from "../src/server/db/types.js";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `timers-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "timers test password";
const EACH = 4;

let location: string;
let env: Record<string, string>;
const servers: ServerProcess[] = [];

beforeAll(() => {
  location = testMode === "postgres" ? "" : cloneTemplateFolder();
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  if (testMode === "postgres" && location) await dropTestDatabase(location);
  else if (location) fs.rmSync(location, { recursive: true, force: true });
});

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** The database itself, opened while no server runs (the embedded one allows one process). */
async function openDatabase(): Promise<Database> {
  if (testMode === "postgres") {
    return createPgDatabase({ mode: "postgres", config: { connectionString: location, max: 2 } });
  }
  return openEmbeddedDatabase({ dataDir: location });
}

async function countEvents(db: Database, type: string, ids: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ conversation_id: string; n: number }>(
    `SELECT conversation_id, count(*)::int AS n FROM events
      WHERE type = $1 AND conversation_id = ANY($2::uuid[]) GROUP BY conversation_id`,
    [type, ids],
  );
  return new Map(rows.map((row) => [row.conversation_id, row.n]));
}

describe("durable timers", () => {
  it("fire exactly once after a restart, with two processes sharing them on PostgreSQL", async () => {
    if (testMode === "postgres") location = await cloneTemplateDatabase();
    env = {
      ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
      HEED_ADMIN_EMAIL: ADMIN_EMAIL,
      HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    const first = await startServerProcess(env);
    servers.push(first);
    const token = await apiTokenOverHttp(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const inbox = await call<{ id: string }>(first.url, token, "POST", "/inboxes", {
      name: "Desk",
      channel: "api",
    });
    await call(first.url, token, "POST", "/sla-policies", {
      name: "Everything",
      firstResponseSeconds: 3600,
      resolutionSeconds: 24 * 3600,
    });
    const start = async () =>
      (
        await call<{ id: string }>(first.url, token, "POST", "/conversations", {
          inboxId: inbox.id,
          customer: { email: `c-${randomUUID().slice(0, 8)}@example.test` },
          subject: "Timers",
          message: { body: "Hello" },
        })
      ).id;
    const warned: string[] = [];
    const breached: string[] = [];
    const followed: string[] = [];
    const snoozed: string[] = [];
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    for (let i = 0; i < EACH; i++) {
      warned.push(await start());
      breached.push(await start());
      const f = await start();
      await call(first.url, token, "PUT", `/conversations/${f}/follow-up`, {
        dueAt: inAnHour,
        note: "Check",
      });
      followed.push(f);
      const s = await start();
      await call(first.url, token, "PATCH", `/conversations/${s}`, { snoozedUntil: inAnHour });
      snoozed.push(s);
    }
    await first.kill9();

    // While Heed is down, their time comes: warnings due, targets missed, follow-ups and snoozes due.
    const db = await openDatabase();
    const past = "now() - interval '1 minute'";
    await db.query(
      `UPDATE response_clocks SET warn_at = ${past}, next_check_at = ${past}
        WHERE kind = 'first_response' AND conversation_id = ANY($1::uuid[])`,
      [warned],
    );
    await db.query(
      `UPDATE response_clocks SET warn_at = ${past}, due_at = ${past}, next_check_at = ${past}
        WHERE kind = 'first_response' AND conversation_id = ANY($1::uuid[])`,
      [breached],
    );
    await db.query(`UPDATE follow_ups SET due_at = ${past} WHERE conversation_id = ANY($1::uuid[])`, [
      followed,
    ]);
    await db.query(`UPDATE conversations SET snoozed_until = ${past} WHERE id = ANY($1::uuid[])`, [snoozed]);
    await db.close();

    const restarted =
      testMode === "postgres"
        ? [startServerProcess(env), startServerProcess(env)]
        : [startServerProcess(env)];
    servers.push(...(await Promise.all(restarted)));

    // Every timer fires within a pass or two after the start; then nothing more happens.
    const expected: [string, string[]][] = [
      ["sla.warning", warned],
      ["sla.breached", breached],
      ["conversation.follow_up_due", followed],
      ["conversation.unsnoozed", snoozed],
    ];
    // The embedded database is the server's while it runs (PGlite takes no lock on its folder, so a
    // second opener would corrupt it): there the counts are read over the API instead.
    const check = testMode === "postgres" ? await openDatabase() : null;
    const read = async (type: string, ids: string[]) => {
      if (check) return countEvents(check, type, ids);
      const counts = new Map<string, number>();
      for (const id of ids) {
        const feed = await call<{ data: { type: string }[] }>(
          servers.at(-1)!.url,
          await tokenOf(servers.at(-1)!.url),
          "GET",
          `/events?conversationId=${id}&limit=100`,
        );
        counts.set(id, feed.data.filter((event) => event.type === type).length);
      }
      return counts;
    };
    const deadline = Date.now() + 45_000;
    for (;;) {
      const counts = await Promise.all(expected.map(([type, ids]) => read(type, ids)));
      if (counts.every((map, i) => expected[i]![1].every((id) => (map.get(id) ?? 0) >= 1))) break;
      if (Date.now() > deadline)
        throw new Error(`timers did not fire: ${JSON.stringify(counts.map((m) => [...m]))}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const [type, ids] of expected) {
      const counts = await read(type, ids);
      expect(
        ids.map((id) => counts.get(id) ?? 0),
        type,
      ).toEqual(ids.map(() => 1));
    }
    await check?.close();
  }, 180_000);
});

const tokens = new Map<string, string>();
async function tokenOf(url: string): Promise<string> {
  if (!tokens.has(url)) tokens.set(url, await apiTokenOverHttp(url, ADMIN_EMAIL, ADMIN_PASSWORD));
  return tokens.get(url)!;
}
