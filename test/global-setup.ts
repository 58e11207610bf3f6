import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import { EMBEDDED_POSTGRES_CONF } from "../src/server/db/embedded-maintenance.js";
import { migrate, readMigrations } from "../src/server/db/migrate.js";
import { testDatabaseUrl, withDatabaseName } from "./helpers/test-env.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDir: string;
    templateDatabase: string;
  }
}

/** Migrations and settings change the template: its name carries their hash, so a stale one is never reused. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  // PGlite rewrites postgresql.conf when its settings change: a template must be made with today's.
  hash.update(EMBEDDED_POSTGRES_CONF.join("\n"));
  return hash.digest("hex").slice(0, 12);
}

/**
 * Creating a database takes seconds, cloning one takes a fraction: build one migrated template per run
 * (embedded: a data folder; PostgreSQL: a template database) and let each test file clone it.
 */
export default async function setup(project: TestProject) {
  const hash = migrationsHash();
  if (testDatabaseUrl) {
    const name = `heed_template_${hash}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      // Several runs may start at once (developers, CI): one builds the template, the others wait.
      await admin.query("SELECT pg_advisory_lock(727465002)");
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${name}`);
        const { createPgDatabase } = await import("../src/server/db/pg-database.js");
        const db = createPgDatabase({
          mode: "postgres",
          config: { connectionString: withDatabaseName(testDatabaseUrl, name) },
        });
        await migrate(db);
        await db.close();
      }
    } finally {
      await admin.end();
    }
    project.provide("templateDatabase", name);
    project.provide("templateDir", "");
    return;
  }
  const dir = path.join(os.tmpdir(), `heed-test-template-${hash}`);
  if (!fs.existsSync(path.join(dir, "heed.json")) || fs.existsSync(path.join(dir, "heed.lock"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    const building = `${dir}.building-${process.pid}`;
    fs.rmSync(building, { recursive: true, force: true });
    const db = await openEmbeddedDatabase({ dataDir: building });
    await migrate(db);
    await db.close();
    try {
      fs.renameSync(building, dir);
    } catch {
      // Another run finished its template first; theirs is as good as ours.
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  project.provide("templateDir", dir);
  project.provide("templateDatabase", "");
}
