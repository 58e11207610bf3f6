/**
 * Receiving by IMAP in real Heed processes: an inbox set up over HTTP in a running server is fetched
 * without a restart, a `kill -9` in the middle of a backlog loses nothing and duplicates nothing, and
 * the restarted process resumes at once (the dead process's lease is recognized as stale). With
 * PostgreSQL, two processes run side by side and only one fetches the mailbox. Runs in the suite's mode.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase } from "../src/server/db/pg-database.js";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import type { Database } from "../src/server/db/types.js";
import { requireComponents } from "./helpers/components.js";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { dovecot, startDovecot, type Dovecot } from "./helpers/dovecot.js";
import { apiTokenOverHttp, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const ADMIN_EMAIL = `imap-${randomUUID().slice(0, 8)}@example.test`;
const ADMIN_PASSWORD = "imap worker test password";
// several fetch batches of 50, so the kill lands in the middle of the backlog
const MESSAGES = 150;

describe.runIf(await requireComponents("IMAP worker processes", [dovecot]))("IMAP in Heed processes", () => {
  let location: string;
  let env: Record<string, string>;
  let server: Dovecot;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    location = testMode === "postgres" ? await cloneTemplateDatabase() : cloneTemplateFolder();
    env = {
      ...(testMode === "postgres" ? { DATABASE_URL: location } : { HEED_DATA_DIR: location }),
      HEED_ADMIN_EMAIL: ADMIN_EMAIL,
      HEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    server = await startDovecot({ users: { support: "mailbox password" } });
  });

  afterAll(async () => {
    for (const heed of servers) await heed.stop();
    await server?.stop();
    if (testMode === "postgres") await dropTestDatabase(location);
    else fs.rmSync(location, { recursive: true, force: true });
  });

  async function start(): Promise<ServerProcess> {
    const heed = await startServerProcess(env);
    servers.push(heed);
    return heed;
  }

  async function call<T>(
    url: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  interface ImapStatus {
    state: string;
    lastUid: number;
  }
  const statusOf = async (url: string, token: string, inboxId: string) =>
    (await call<{ imap: { status: ImapStatus } }>(url, token, "GET", `/api/v1/inboxes/${inboxId}`)).imap
      .status;

  function mail(i: number): Buffer {
    return Buffer.from(
      [
        `From: Customer ${i} <customer-${i}@example.net>`,
        "To: support@shop.example",
        `Subject: Backlog message ${i}`,
        `Message-ID: <backlog.${i}@example.net>`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        `Message ${i}. ${"Some text to make the fetch take a while. ".repeat(400)}`,
        "",
      ].join("\r\n"),
    );
  }

  /** The database, opened once the servers have stopped (the embedded one allows one process). */
  async function openDatabase(): Promise<Database> {
    if (testMode === "postgres") {
      return createPgDatabase({ mode: "postgres", config: { connectionString: location, max: 2 } });
    }
    return openEmbeddedDatabase({ dataDir: location });
  }

  it("fetches a backlog exactly once across a kill -9 in the middle, and the restart resumes at once", async () => {
    await server.append(
      "support",
      "INBOX",
      Array.from({ length: MESSAGES }, (_, k) => mail(k + 1)),
    );
    const first = await start();
    const token = await apiTokenOverHttp(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Set up while the server runs: the worker picks the new settings up by itself.
    const inbox = await call<{ id: string }>(first.url, token, "POST", "/api/v1/inboxes", {
      name: "Support mailbox",
      channel: "email",
      address: "support@shop.example",
      imap: {
        host: "127.0.0.1",
        port: server.port,
        security: "none",
        username: "support",
        password: "mailbox password",
      },
    });
    await expect
      .poll(async () => (await statusOf(first.url, token, inbox.id)).lastUid, {
        timeout: 30_000,
        interval: 50,
      })
      .toBeGreaterThan(0);
    const atKill = (await statusOf(first.url, token, inbox.id)).lastUid;
    await first.kill9();

    // PostgreSQL: two processes now, of which only one may fetch the mailbox.
    const restarted = testMode === "postgres" ? await Promise.all([start(), start()]) : [await start()];
    const url = restarted[0]!.url;
    const again = await apiTokenOverHttp(url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Well before the dead process's 60 s lease would have run out.
    await expect
      .poll(async () => (await statusOf(url, again, inbox.id)).lastUid, { timeout: 40_000, interval: 200 })
      .toBe(MESSAGES);
    await expect
      .poll(
        async () =>
          (
            await call<{ data: unknown[] }>(
              url,
              again,
              "GET",
              "/api/v1/inbound-emails?status=received&limit=1",
            )
          ).data.length,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(0);
    expect((await statusOf(url, again, inbox.id)).state).toBe("ok");
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe("ok");

    for (const heed of servers.splice(0)) await heed.stop();
    const db = await openDatabase();
    try {
      const subjects = await db.query<{ subject: string; n: number }>(
        "SELECT subject, count(*)::int AS n FROM conversations WHERE inbox_id = $1 GROUP BY subject",
        [inbox.id],
      );
      expect(subjects).toHaveLength(MESSAGES);
      expect(subjects.filter((row) => row.n !== 1)).toEqual([]);
      const stored = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM inbound_emails WHERE inbox_id = $1",
        [inbox.id],
      );
      expect(stored[0]!.n).toBe(MESSAGES);
    } finally {
      await db.close();
    }
    // The kill came in the middle of the backlog (else this test proves less than it says).
    expect(atKill).toBeLessThan(MESSAGES);
  }, 180_000);
});
