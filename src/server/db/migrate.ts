import fs from "node:fs";
import { packageRoot } from "../version.js";
import { type Database, DataFolderError } from "./types.js";

export const migrationsDir = new URL("migrations/", packageRoot);

export interface Migration {
  name: string;
  sql: string;
}

/** Reads `migrations/NNNN_name.sql` in order. */
export function readMigrations(dir: URL = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ""), sql: fs.readFileSync(new URL(file, dir), "utf8") }));
}

/** A migration failed; nothing of this run was applied. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

// Any constant works; it only has to be the same in every Heed process sharing one database.
const MIGRATION_LOCK = 727_465_001;

/**
 * Applies pending migrations in one transaction under an advisory lock, so concurrent app processes
 * don't race and a failure leaves the schema exactly as it was. Refuses a database that has migrations
 * this version does not know (written by a newer Heed). Returns the names applied.
 */
export async function migrate(db: Database, migrations: Migration[] = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await tx.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
    const applied = new Set(rows.map((row) => row.name));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new DataFolderError(
        `The database has migrations this Heed does not know (${unknown.join(", ")}): ` +
          `it was written by a newer Heed. Upgrade Heed to use it.`,
      );
    }
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      try {
        await tx.query(migration.sql);
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.name} failed: ${(error as Error).message}. No migration was applied.`,
          { cause: error },
        );
      }
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [migration.name]);
      done.push(migration.name);
    }
    return done;
  });
}
