/**
 * What a backup covers, read from the PostgreSQL catalog rather than listed by hand, so a table added by
 * a later migration is backed up and restored without anyone remembering to add it here.
 */
import type { Queryable } from "../db/types.js";

export interface CatalogColumn {
  name: string;
  /** `format_type` of the column, e.g. `uuid`, `timestamp with time zone`. */
  type: string;
  /** 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY DEFAULT, '' none. */
  identity: string;
  /** 's' a generated (computed) column: never inserted, PostgreSQL computes it. */
  generated: string;
}

export interface CatalogTable {
  /** The unqualified name, as written into backups. */
  name: string;
  /** The name quoted and schema-qualified, safe to splice into SQL. */
  sql: string;
  columns: CatalogColumn[];
  /** Primary-key columns in key order; empty when the table has none (then rows are paged by ctid). */
  primaryKey: string[];
  /** Sequences owned by columns (identity and serial), as quoted names. */
  sequences: { column: string; sequence: string }[];
}

/** Quotes an identifier for SQL (names come from the catalog, but quoting keeps odd names safe). */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Tables Heed manages itself and never dumps: the migration ledger is written from the header. */
const EXCLUDED = ["schema_migrations"];

/**
 * Orders tables so every table comes after the tables its foreign keys point to (Kahn's algorithm, ties
 * by name so the order is stable). Self-references are ignored; a cycle between tables is an error because
 * rows could then not be inserted one table at a time.
 */
export function orderByForeignKeys(names: string[], edges: { child: string; parent: string }[]): string[] {
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of edges) {
    if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names
      .filter((name) => !done.has(name) && [...parents.get(name)!].every((p) => done.has(p)))
      .sort();
    if (ready.length === 0) {
      const left = names.filter((name) => !done.has(name));
      throw new Error(`Foreign keys form a cycle between tables: ${left.join(", ")}`);
    }
    for (const name of ready) {
      ordered.push(name);
      done.add(name);
    }
  }
  return ordered;
}

/** Every ordinary table of the public schema except the excluded ones, parents before children. */
export async function readCatalog(db: Queryable): Promise<CatalogTable[]> {
  const tables = await db.query<{ name: string; sql: string }>(
    `SELECT c.relname AS name, format('%I.%I', n.nspname, c.relname) AS sql
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> ALL ($1::text[])`,
    [EXCLUDED],
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
  );
  const columns = await db.query<CatalogColumn & { table: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const keys = await db.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, a.attname AS name
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k (attnum, position) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND c.relnamespace = 'public'::regnamespace
      ORDER BY c.relname, k.position`,
  );
  const sequences = await db.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname AS table, a.attname AS column,
            pg_get_serial_sequence(format('%I.%I', 'public', c.relname), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(format('%I.%I', 'public', c.relname), a.attname) IS NOT NULL`,
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  return orderByForeignKeys([...byName.keys()], edges).map((name) => ({
    name,
    sql: byName.get(name)!.sql,
    columns: columns
      .filter((c) => c.table === name)
      .map(({ name: column, type, identity, generated }) => ({ name: column, type, identity, generated })),
    primaryKey: keys.filter((k) => k.table === name).map((k) => k.name),
    sequences: sequences
      .filter((s) => s.table === name)
      .map(({ column, sequence }) => ({ column, sequence })),
  }));
}

/** The names of the applied migrations, or [] when the database has never been migrated. */
export async function readAppliedMigrations(db: Queryable): Promise<string[]> {
  const [ledger] = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists",
  );
  if (!ledger?.exists) return [];
  const rows = await db.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
  return rows.map((row) => row.name);
}

/**
 * The indexes of a table that can be dropped and built again after a bulk load: all but the primary key
 * and indexes a constraint (unique constraint, or a foreign key pointing here) depends on. Building an
 * index once over all rows is many times faster than updating it row by row (GIN indexes most of all).
 */
export async function readRebuildableIndexes(
  db: Queryable,
  table: CatalogTable,
): Promise<{ name: string; definition: string }[]> {
  return db.query<{ name: string; definition: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
    [table.sql],
  );
}
