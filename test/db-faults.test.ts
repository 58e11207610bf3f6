/**
 * The database going away: requests fail fast with 503 `database_unavailable`, /healthz names the
 * database, and the app recovers by itself when the database is back, without a restart. Embedded mode
 * kills the PGlite thread; PostgreSQL mode cuts a TCP proxy between the app and the server.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type ApiApp } from "../src/server/app.js";
import type { AppContext } from "../src/server/context.js";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import { createPgDatabase } from "../src/server/db/pg-database.js";
import { loadEnv } from "../src/server/env.js";
import { apiClient, signIn, type ApiClient } from "./helpers/api.js";
import { cloneTemplateDatabase, cloneTemplateFolder, dropTestDatabase } from "./helpers/db.js";
import { buildWorkspace, type TestActor } from "./helpers/factories.js";
import { startTcpProxy, type TcpProxy } from "./helpers/tcp-proxy.js";
import { skipLine } from "./helpers/components.js";
import { testMode } from "./helpers/test-env.js";

const FAST_MS = 2000;

interface Fault {
  /** Makes the database unreachable. */
  inject(): Promise<void>;
  /** Lets it come back (the embedded engine comes back by itself). */
  heal(): void;
  cleanup(): Promise<void>;
}

let ctx: AppContext;
let app: ApiApp;
let api: ApiClient;
let owner: TestActor;
let fault: Fault;
/** PostgreSQL mode: the proxy between the app and the server. */
let proxy: TcpProxy | null = null;

beforeAll(async () => {
  if (testMode === "postgres") {
    const url = await cloneTemplateDatabase();
    const target = new URL(url);
    const started = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxy = started;
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(started.port);
    const db = createPgDatabase({
      mode: "postgres",
      config: { connectionString: proxied.toString(), max: 5 },
    });
    ctx = { db, env: loadEnv({ NODE_ENV: "test", DATABASE_URL: proxied.toString() }) };
    fault = {
      inject: async () => started.cut(),
      heal: () => started.restore(),
      async cleanup() {
        await db.close();
        await started.close();
        await dropTestDatabase(url);
      },
    };
  } else {
    const dir = cloneTemplateFolder();
    const db = await openEmbeddedDatabase({ dataDir: dir });
    ctx = { db, env: loadEnv({ NODE_ENV: "test", HEED_DATA_DIR: dir }) };
    fault = {
      inject: () => db.crashEngine(),
      heal: () => {},
      async cleanup() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  app = await buildApp(ctx, { webRoot: "/nonexistent" });
  await app.ready();
  api = apiClient(app);
  owner = (await buildWorkspace(ctx)).owner;
});

afterAll(async () => {
  await app?.close();
  await fault?.cleanup();
});

const timed = async <T>(fn: () => Promise<T>) => {
  const started = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - started };
};

type Health = { status: string; database: string; failing?: string };
type ErrorBody = { error: { code: string } };

async function waitForHealthy(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await api.get("/healthz", null)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the database did not come back within ${timeoutMs} ms`);
}

describe(`the database becomes unavailable (${testMode})`, () => {
  it("answers 503 fast while it is down and recovers without restarting the app", async () => {
    expect((await api.get("/api/v1/session", owner)).status).toBe(200);

    await fault.inject();

    // A read and a write, each refused quickly with the documented code and a Retry-After.
    const read = await timed(() => api.get<ErrorBody>("/api/v1/session", owner));
    expect(read.result.status).toBe(503);
    expect(read.result.body.error.code).toBe("database_unavailable");
    expect(read.result.headers["retry-after"]).toBeDefined();
    expect(read.ms).toBeLessThan(FAST_MS);

    const write = await timed(() =>
      api.post<ErrorBody>("/api/v1/session", null, { email: owner.user.email, password: owner.password }),
    );
    expect(write.result.status).toBe(503);
    expect(write.result.body.error.code).toBe("database_unavailable");
    expect(write.ms).toBeLessThan(FAST_MS);

    const health = await timed(() => api.get<Health>("/healthz", null));
    expect(health.result.status).toBe(503);
    expect(health.result.body).toMatchObject({ status: "error", database: testMode, failing: "database" });
    expect(health.ms).toBeLessThan(FAST_MS + 500);

    fault.heal();
    await waitForHealthy(30_000);

    // The same app object serves again: reads, and a write that creates a session.
    expect((await api.get("/api/v1/session", owner)).status).toBe(200);
    const cookie = await signIn(app, owner.user.email, owner.password);
    expect((await api.get("/api/v1/session", cookie)).status).toBe(200);
  });
});

if (testMode !== "postgres")
  skipLine("stalled database server", "PostgreSQL mode only: the embedded database has no network to stall");

describe.runIf(testMode === "postgres")(
  "the PostgreSQL server stalls (answers nothing, refuses nothing)",
  () => {
    it("/healthz keeps answering 503 within its 2 s budget, and the app recovers when the server answers", async () => {
      expect((await api.get("/healthz", null)).status).toBe(200);
      proxy!.stall();
      try {
        // More checks than the pool has connections: a monitor polling a stalled server gets its answer.
        for (let i = 0; i < 7; i++) {
          const health = await timed(() => api.get<Health>("/healthz", null));
          expect(health.result.status).toBe(503);
          expect(health.result.body).toMatchObject({ database: "postgres", failing: "database" });
          expect(health.ms).toBeLessThan(FAST_MS + 500);
        }
      } finally {
        proxy!.restore();
      }
      await waitForHealthy(15_000);
      expect((await api.get("/api/v1/session", owner)).status).toBe(200);
      const cookie = await signIn(app, owner.user.email, owner.password);
      expect((await api.get("/api/v1/session", cookie)).status).toBe(200);
    });
  },
);
