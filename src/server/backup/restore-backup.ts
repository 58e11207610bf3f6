import { type Migration, migrate, readMigrations } from "../db/migrate.js";
import type { Database, Queryable } from "../db/types.js";
import {
  type CatalogTable,
  quoteIdent,
  readAppliedMigrations,
  readCatalog,
  readRebuildableIndexes,
} from "./catalog.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { type TBackupHeader, type TTableSection, RestoreRefusedError } from "./format.js";
import { readBackup, verifyBackup } from "./read-backup.js";

export interface RestoreOptions {
  /** Replace whatever the database holds. Without it a non-empty database is refused. */
  force?: boolean;
  /** Called after each table, for progress output. */
  onTable?: (name: string, rows: number) => void;
  /** The migrations this Heed knows; the real ones by default. */
  migrations?: Migration[];
}

export interface RestoreSummary {
  header: TBackupHeader;
  tables: Record<string, number>;
  /** True when the database held data that the restore replaced (--force). */
  replaced: boolean;
}

/** Refuses a backup this code cannot restore faithfully, before the database is touched. */
function checkMigrations(header: TBackupHeader, known: Migration[], applied: string[]): void {
  const knownNames = new Set(known.map((m) => m.name));
  const unknown = header.migrations.filter((name) => !knownNames.has(name));
  if (unknown.length > 0) {
    throw new RestoreRefusedError(
      `This backup was written by a newer Heed (${header.heedVersion}): it has migrations this Heed does ` +
        `not know (${unknown.join(", ")}). Upgrade Heed to restore it.`,
    );
  }
  const inBackup = new Set(header.migrations);
  const ahead = applied.filter((name) => !inBackup.has(name));
  if (ahead.length > 0) {
    throw new RestoreRefusedError(
      `The target database has a newer schema than the backup (migrations ${ahead.join(", ")} are not in ` +
        `it). Restore into an empty database instead (a new HEED_DATA_DIR or a new PostgreSQL database); ` +
        `Heed upgrades the restored data to its own schema.`,
    );
  }
}

async function nonEmptyTables(tx: Queryable, tables: CatalogTable[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    const [row] = await tx.query<{ has: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table.sql}) AS has`);
    if (row?.has) found.push(table.name);
  }
  return found;
}

/** The columns a dumped table's rows are inserted into; refuses rows the target could not hold. */
function insertColumns(section: TTableSection, target: CatalogTable): string[] {
  const missing = section.columns.filter((name) => !target.columns.some((c) => c.name === name));
  if (missing.length > 0) {
    throw new RestoreRefusedError(
      `The backup's table ${section.name} has columns this database lacks (${missing.join(", ")}); ` +
        `its schema does not match the backup's migrations.`,
    );
  }
  return section.columns.filter((name) => target.columns.find((c) => c.name === name)!.generated === "");
}

/**
 * Inserts one batch of dumped rows. `json_populate_recordset` turns each JSON row back into the table's
 * row type, so every column (tsvector, jsonb, timestamptz, bigint) is parsed by PostgreSQL itself from
 * the text it wrote. OVERRIDING SYSTEM VALUE keeps ids of GENERATED ALWAYS identity columns (events.id).
 */
async function insertRows(tx: Queryable, target: CatalogTable, columns: string[], rows: string[]) {
  const list = columns.map(quoteIdent).join(", ");
  const overriding = target.columns.some((c) => c.identity === "a") ? "OVERRIDING SYSTEM VALUE" : "";
  await tx.query(
    `INSERT INTO ${target.sql} (${list}) ${overriding}
     SELECT ${list} FROM json_populate_recordset(NULL::${target.sql}, $1::json)`,
    [`[${rows.join(",")}]`],
  );
}

/**
 * Sets each owned sequence past both the restored rows and the value it had at backup time, so ids
 * handed out before the backup (e.g. event ids a client has seen, of rows since deleted) are not reused.
 */
async function restoreSequences(tx: Queryable, target: CatalogTable, section: TTableSection) {
  for (const { column, sequence } of target.sequences) {
    const saved = section.sequences.find((s) => s.column === column);
    await tx.query(
      `SELECT CASE WHEN m.v IS NOT NULL AND ($1::bigint IS NULL OR m.v >= $1::bigint)
                   THEN setval($3::regclass, m.v, true)
                   WHEN $1::bigint IS NOT NULL THEN setval($3::regclass, $1::bigint, $2)
              END
         FROM (SELECT max(${quoteIdent(column)})::bigint AS v FROM ${target.sql}) m`,
      [saved?.lastValue ?? null, saved?.isCalled ?? true, sequence],
    );
  }
}

/**
 * Loads the backup's tables one after another. Per table: triggers off (they would derive rows, such as
 * folder counts, that the backup already holds), indexes other than the key dropped; then the rows; then
 * the indexes built again once over all rows, triggers on, sequences set.
 */
function tableLoader(tx: Queryable, tables: CatalogTable[], onTable?: RestoreOptions["onTable"]) {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const counts: Record<string, number> = {};
  let current: {
    section: TTableSection;
    target: CatalogTable;
    columns: string[];
    indexes: { name: string; definition: string }[];
  } | null = null;
  const finish = async () => {
    if (!current) return;
    for (const index of current.indexes) await tx.query(index.definition);
    await tx.query(`ALTER TABLE ${current.target.sql} ENABLE TRIGGER USER`);
    await restoreSequences(tx, current.target, current.section);
    counts[current.section.name] = current.section.rows;
    onTable?.(current.section.name, current.section.rows);
    current = null;
  };
  return {
    counts,
    finish,
    async begin(section: TTableSection) {
      await finish();
      const target = byName.get(section.name);
      if (!target) {
        throw new RestoreRefusedError(
          `The backup has a table ${section.name} that this database lacks; its schema does not ` +
            `match the backup's migrations.`,
        );
      }
      const indexes = await readRebuildableIndexes(tx, target);
      current = { section, target, columns: insertColumns(section, target), indexes };
      await tx.query(`ALTER TABLE ${target.sql} DISABLE TRIGGER USER`);
      // The table is empty here, so dropping its indexes loses nothing; finish() builds them again.
      for (const index of indexes) await tx.query(`DROP INDEX ${index.name}`);
    },
    async insert(rows: string[]) {
      if (current) await insertRows(tx, current.target, current.columns, rows);
    },
  };
}

/**
 * Restores a backup written by `writeBackup` into `db`, in one transaction: a file that turns out bad
 * half-way, a constraint violation, or a crash changes nothing. Refuses (RestoreRefusedError) a backup
 * from a newer Heed, a target with a newer schema, and a non-empty target unless `force`; throws
 * BackupFormatError for a truncated or corrupt file. The target is brought to the backup's schema
 * first, the rows are loaded (tableLoader), then this Heed's newer migrations are applied to the restored
 * data.
 */
export async function restoreBackup(
  db: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const known = options.migrations ?? readMigrations();
  // Read the whole file once before touching the database: a bad file is refused with nothing changed
  // and without taking locks on a live PostgreSQL.
  const { header } = await verifyBackup(file);
  checkMigrations(header, known, []);
  return db.transaction(async (tx) => {
    const asDatabase = insideTransaction(db, tx);
    checkMigrations(header, known, await readAppliedMigrations(tx));
    const inBackup = new Set(header.migrations);
    await migrate(
      asDatabase,
      known.filter((m) => inBackup.has(m.name)),
    );
    const tables = await readCatalog(tx);
    const occupied = await nonEmptyTables(tx, tables);
    if (occupied.length > 0 && !options.force) {
      throw new RestoreRefusedError(
        `The target database is not empty (${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""} ` +
          `have rows). Restoring replaces everything in it; run again with --force if that is what you want.`,
      );
    }
    if (occupied.length > 0) {
      await tx.query(`TRUNCATE ${tables.map((t) => t.sql).join(", ")} RESTART IDENTITY`);
    }

    const loader = tableLoader(tx, tables, options.onTable);
    for await (const item of readBackup(file)) {
      if (item.kind === "table") await loader.begin(item.table);
      else if (item.kind === "rows") await loader.insert(item.rows);
      else if (item.kind === "end") await loader.finish();
    }
    await migrate(asDatabase, known);
    return { header, tables: loader.counts, replaced: occupied.length > 0 };
  });
}
