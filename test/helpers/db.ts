import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "../../src/server/db/embedded.js";
import { createPgDatabase } from "../../src/server/db/pg-database.js";
import type { Database } from "../../src/server/db/types.js";
import { testDatabaseUrl, withDatabaseName } from "./test-env.js";

export interface TestDatabase {
  db: Database;
  /** Embedded: the data folder; PostgreSQL: the connection URL. */
  location: string;
  close(): Promise<void>;
}

/** Copies the migrated template folder to a fresh temp folder (embedded mode). */
export function cloneTemplateFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-test-"));
  fs.cpSync(inject("templateDir"), dir, { recursive: true });
  fs.rmSync(path.join(dir, "heed.lock"), { force: true });
  return dir;
}

/** Creates a new empty database from the migrated template (PostgreSQL mode); returns its URL. */
export async function cloneTemplateDatabase(): Promise<string> {
  const url = testDatabaseUrl!;
  const name = `heed_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("templateDatabase")}`);
  } finally {
    await admin.end();
  }
  return withDatabaseName(url, name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A private, migrated database for one test file, in the mode the suite runs in. Tests never need a
 * clean database beyond this: factories create unique data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseUrl) {
    const url = await cloneTemplateDatabase();
    const db = createPgDatabase({ mode: "postgres", config: { connectionString: url, max: 5 } });
    return {
      db,
      location: url,
      async close() {
        await db.close();
        await dropTestDatabase(url);
      },
    };
  }
  const dir = cloneTemplateFolder();
  const db: EmbeddedDatabase = await openEmbeddedDatabase({ dataDir: dir });
  return {
    db,
    location: dir,
    async close() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
