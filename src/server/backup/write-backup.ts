import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Database, Queryable } from "../db/types.js";
import { heedVersion } from "../version.js";
import { type CatalogTable, quoteIdent, readAppliedMigrations, readCatalog } from "./catalog.js";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type TBackupHeader,
  type TSequenceState,
  type TTableSection,
  type TTrailer,
} from "./format.js";

/** Rows read per query: bounded memory whatever the table size, few enough round trips to stay fast. */
const PAGE_ROWS = 1000;
/**
 * Rows per query for tables with binary columns (raw mail, attachment blobs of up to 25 MB, written
 * as hex): few, so a page stays in the low hundreds of megabytes even when every row is at the limit.
 */
const BINARY_PAGE_ROWS = 4;

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  bytes: number;
}

export interface BackupOptions {
  /** Called after each table, for progress output. */
  onTable?: (name: string, rows: number) => void;
}

/**
 * Reads one table page by page in primary-key order (keyset pagination: each page starts after the last
 * key seen, so every page is an index range scan, never an OFFSET). Rows stay the text PostgreSQL wrote,
 * never parsed, so bigints and timestamps keep their exact value.
 */
async function* tableRows(tx: Queryable, table: CatalogTable): AsyncGenerator<string> {
  const keyColumns = table.primaryKey.length > 0 ? table.primaryKey : null;
  // No primary key: page by physical row address, which is stable inside one snapshot.
  const keys = keyColumns ? keyColumns.map((name) => `t.${quoteIdent(name)}`) : ["t.ctid"];
  const types = keyColumns
    ? keyColumns.map((name) => table.columns.find((c) => c.name === name)!.type)
    : ["tid"];
  const select = `SELECT row_to_json(t)::text AS "row", ${keys.map((k, i) => `${k}::text AS k${i}`).join(", ")}
                    FROM ${table.sql} t`;
  const pageRows = table.columns.some((c) => c.type === "bytea") ? BINARY_PAGE_ROWS : PAGE_ROWS;
  const order = `ORDER BY ${keys.join(", ")} LIMIT ${pageRows}`;
  const after = `WHERE (${keys.join(", ")}) > (${types.map((type, i) => `$${i + 1}::${type}`).join(", ")})`;
  let last: string[] | null = null;
  for (;;) {
    const page: Record<string, string>[] = last
      ? await tx.query(`${select} ${after} ${order}`, last)
      : await tx.query(`${select} ${order}`);
    for (const row of page) yield row.row!;
    if (page.length < pageRows) return;
    const end = page[page.length - 1]!;
    last = keys.map((_, i) => end[`k${i}`]!);
  }
}

async function sequenceStates(tx: Queryable, table: CatalogTable): Promise<TSequenceState[]> {
  const states: TSequenceState[] = [];
  for (const { column, sequence } of table.sequences) {
    // The sequence name comes from pg_get_serial_sequence, already quoted and qualified.
    const [state] = await tx.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${sequence}`,
    );
    states.push({ column, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return states;
}

/** The lines of a backup, header to trailer, computed while they are produced. */
async function* backupLines(
  tx: Queryable,
  mode: Database["mode"],
  options: BackupOptions,
  counts: Record<string, number>,
): AsyncGenerator<string> {
  const hash = createHash("sha256");
  const line = (text: string) => {
    const out = `${text}\n`;
    hash.update(out);
    return out;
  };
  const [{ version }] = (await tx.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  )) as [{ version: string }];
  const header: TBackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    heedVersion,
    migrations: await readAppliedMigrations(tx),
    createdAt: new Date().toISOString(),
    source: mode,
    postgresVersion: version,
  };
  yield line(JSON.stringify(header));
  for (const table of await readCatalog(tx)) {
    const [{ n }] = (await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${table.sql}`)) as [
      { n: number },
    ];
    const section: TTableSection = {
      section: "table",
      name: table.name,
      columns: table.columns.map((c) => c.name),
      rows: n,
      sequences: await sequenceStates(tx, table),
    };
    yield line(JSON.stringify(section));
    let written = 0;
    // Yield many rows per chunk: one stream chunk per row would make gzip the bottleneck.
    let chunk = "";
    for await (const row of tableRows(tx, table)) {
      chunk += line(row);
      written++;
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
    // Inside one snapshot the count cannot change; a mismatch means a bug, and a wrong file is worse
    // than no file.
    if (written !== n) throw new Error(`Table ${table.name}: counted ${n} rows but read ${written}`);
    counts[table.name] = n;
    options.onTable?.(table.name, n);
  }
  yield line(JSON.stringify({ section: "files", count: 0 }));
  const trailer: TTrailer = { section: "end", tables: counts, files: 0, sha256: hash.digest("hex") };
  yield `${JSON.stringify(trailer)}\n`;
}

/**
 * Writes a logical backup of the whole database to `file` (see format.ts). Runs in one REPEATABLE READ,
 * read-only transaction, so on PostgreSQL it sees one consistent snapshot while the server keeps
 * working. Writes to `file.partial` and renames at the end, so an interrupted backup never leaves a
 * file that looks complete.
 */
export async function writeBackup(
  db: Database,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  const counts: Record<string, number> = {};
  try {
    await db.transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      await pipeline(
        Readable.from(backupLines(tx, db.mode, options, counts)),
        createGzip({ level: 6 }),
        fs.createWriteStream(partial, { mode: 0o600 }),
      );
    });
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { file, tables: counts, bytes: fs.statSync(file).size };
}
