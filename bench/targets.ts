/**
 * The two databases a benchmark runs on, each created fresh and thrown away afterwards: an embedded data
 * folder in a temporary directory, and a new database on a PostgreSQL server.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import { migrate } from "../src/server/db/migrate.js";
import { createPgDatabase } from "../src/server/db/pg-database.js";
import type { Database } from "../src/server/db/types.js";

export type BenchMode = "embedded" | "postgres";

export interface BenchTarget {
  mode: BenchMode;
  db: Database;
  /** For the app's environment: the data folder or the connection URL. */
  env: { HEED_DATA_DIR: string; DATABASE_URL?: string };
  /** Size on disk of the data after generation (embedded: the whole folder, after a checkpoint). */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** The server the PostgreSQL run uses; HEED_BENCH_DATABASE_URL points it elsewhere. */
export const benchServerUrl =
  process.env.HEED_BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A fresh, migrated embedded database in a temporary folder, deleted on close. */
export async function openEmbeddedTarget(log: (message: string) => void): Promise<BenchTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-bench-"));
  const db = await openEmbeddedDatabase({ dataDir: dir, log: (_level, message) => log(message) });
  await migrate(db);
  return {
    mode: "embedded",
    db,
    env: { HEED_DATA_DIR: dir },
    async size() {
      // After a bulk load most of the folder is WAL until the next checkpoint recycles it.
      await db.query("CHECKPOINT");
      return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
    },
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh, migrated database on the benchmark's PostgreSQL server, dropped on close; undefined when no
 * server answers (the run then says it skipped PostgreSQL).
 */
export async function openPostgresTarget(): Promise<BenchTarget | undefined> {
  const admin = new pg.Client({ connectionString: benchServerUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `heed_bench_${process.pid}_${Date.now().toString(36)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(benchServerUrl, name);
  const db = createPgDatabase({ mode: "postgres", config: { connectionString: url, max: 10 } });
  await migrate(db);
  return {
    mode: "postgres",
    db,
    env: { HEED_DATA_DIR: os.tmpdir(), DATABASE_URL: url },
    async size() {
      const [row] = await db.query<{ size: number }>("SELECT pg_database_size(current_database()) AS size");
      return row!.size;
    },
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: benchServerUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
