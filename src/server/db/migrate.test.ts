import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";
import { type Migration, MigrationError, migrate, readMigrations } from "./migrate.js";
import { DataFolderError } from "./types.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const appliedNames = async () =>
  (await t.db.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name")).map((r) => r.name);

const tableExists = async (name: string) =>
  (await t.db.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [name]))[0]!.found !==
  null;

describe("migrate", () => {
  it("has nothing to apply on a migrated database", async () => {
    expect(await migrate(t.db)).toEqual([]);
    expect(await appliedNames()).toEqual(readMigrations().map((m) => m.name));
  });

  it("applies nothing when a later migration fails, and names the failing one", async () => {
    const before = await appliedNames();
    const good: Migration = {
      name: "9001_add_probe_table",
      sql: "CREATE TABLE migrate_probe (id int PRIMARY KEY); INSERT INTO migrate_probe VALUES (1);",
    };
    const bad: Migration = {
      name: "9002_broken",
      sql: "ALTER TABLE migrate_probe ADD COLUMN note text; ALTER TABLE no_such_table ADD COLUMN x int;",
    };
    const error: unknown = await migrate(t.db, [...readMigrations(), good, bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/^Migration 9002_broken failed: .*no_such_table/);
    expect((error as Error).message).toMatch(/No migration was applied/);
    // The good one before it was rolled back with it: no table, no record.
    expect(await tableExists("migrate_probe")).toBe(false);
    expect(await appliedNames()).toEqual(before);
    // And the database still works normally afterwards.
    expect(await migrate(t.db)).toEqual([]);
  });

  it("applies new migrations in order and records them", async () => {
    const first: Migration = { name: "9003_first", sql: "CREATE TABLE migrate_ordered (step text)" };
    const second: Migration = {
      name: "9004_second",
      sql: "INSERT INTO migrate_ordered VALUES ('second')",
    };
    expect(await migrate(t.db, [...readMigrations(), first, second])).toEqual(["9003_first", "9004_second"]);
    expect(await t.db.query("SELECT step FROM migrate_ordered")).toEqual([{ step: "second" }]);
    // Clean up so the other tests see the plain schema again.
    await t.db.transaction(async (tx) => {
      await tx.query("DROP TABLE migrate_ordered");
      await tx.query("DELETE FROM schema_migrations WHERE name IN ('9003_first', '9004_second')");
    });
  });

  it("refuses a database with a migration it does not know, as written by a newer Heed", async () => {
    await t.db.query("INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future')");
    try {
      const error: unknown = await migrate(t.db).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFolderError);
      expect((error as Error).message).toMatch(/9999_from_the_future/);
      expect((error as Error).message).toMatch(/newer Heed/);
    } finally {
      await t.db.query("DELETE FROM schema_migrations WHERE name = '9999_from_the_future'");
    }
  });

  it("lets concurrent callers race safely: one applies, the others find nothing to do", async () => {
    const probe: Migration = { name: "9005_concurrent", sql: "CREATE TABLE migrate_concurrent (id int)" };
    const all = [...readMigrations(), probe];
    const results = await Promise.all([migrate(t.db, all), migrate(t.db, all), migrate(t.db, all)]);
    expect(results.flat()).toEqual(["9005_concurrent"]);
    await t.db.transaction(async (tx) => {
      await tx.query("DROP TABLE migrate_concurrent");
      await tx.query("DELETE FROM schema_migrations WHERE name = '9005_concurrent'");
    });
  });
});
