import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTemplateFolder } from "../../../test/helpers/db.js";
import { testMode } from "../../../test/helpers/test-env.js";
import { EMBEDDED_POSTGRES_CONF, folderBytes, startEmbeddedMaintenance } from "./embedded-maintenance.js";

const MB = 1024 * 1024;
let dir: string;
let db: PGlite;

describe.skipIf(testMode !== "embedded")("embedded maintenance", () => {
  beforeAll(async () => {
    dir = cloneTemplateFolder();
    db = await PGlite.create({ dataDir: path.join(dir, "pgdata"), postgresqlconf: EMBEDDED_POSTGRES_CONF });
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("checkpoints when the WAL passes its limit, so the data folder stays small", async () => {
    const wal = path.join(dir, "pgdata", "pg_wal");
    await db.exec("CREATE TABLE filler (id int, body text)");
    for (let i = 0; i < 20; i++) {
      await db.exec(`INSERT INTO filler SELECT g, repeat(md5(g::text), 40) FROM generate_series(1, 5000) g`);
    }
    // PGlite has no checkpointer: without maintenance the WAL keeps every write.
    expect(folderBytes(wal)).toBeGreaterThan(24 * MB);
    const stop = startEmbeddedMaintenance(db, {
      pgdata: path.join(dir, "pgdata"),
      walLimitBytes: 8 * MB,
      checkEveryMs: 50,
    });
    try {
      await expect
        .poll(() => folderBytes(wal), { timeout: 10_000, interval: 100 })
        .toBeLessThanOrEqual(18 * MB);
    } finally {
      stop();
    }
  });

  it("gives the planner statistics (ANALYZE) soon after start", async () => {
    await db.exec("CREATE TABLE fresh (id int)");
    await db.exec("INSERT INTO fresh SELECT generate_series(1, 1000)");
    const stop = startEmbeddedMaintenance(db, {
      pgdata: path.join(dir, "pgdata"),
      analyzeEveryMs: 100,
      checkEveryMs: 50,
    });
    try {
      await expect
        .poll(
          async () =>
            (
              await db.query<{ n: number }>(
                "SELECT reltuples::int AS n FROM pg_class WHERE relname = 'fresh'",
              )
            ).rows[0]!.n,
          { timeout: 10_000, interval: 100 },
        )
        .toBe(1000);
    } finally {
      stop();
    }
  });
});
