import { createHash } from "node:crypto";
import fs from "node:fs";
import { createGunzip } from "node:zlib";
import type { z } from "zod";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupFormatError,
  type TBackupHeader,
  type TTableSection,
  type TTrailer,
  ZBackupHeader,
  ZFilesSection,
  ZTableSection,
  ZTrailer,
} from "./format.js";

/** What a reader yields, in file order. Rows come in batches ready to be inserted together. */
export type BackupItem =
  | { kind: "header"; header: TBackupHeader }
  | { kind: "table"; table: TTableSection }
  | { kind: "rows"; table: TTableSection; rows: string[] }
  | { kind: "end"; trailer: TTrailer };

export interface ReadOptions {
  /** Most rows per batch; a batch also ends after ~4 MB of row text. */
  batchRows?: number;
}

const BATCH_BYTES = 4 * 1024 * 1024;

/** Splits the decompressed stream into lines. A stream error (truncated gzip, bad CRC) surfaces here. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  // Errors of the file stream (missing, unreadable) must reach the consumer of gunzip.
  input.on("error", (error) => gunzip.destroy(error));
  gunzip.setEncoding("utf8");
  let rest = "";
  try {
    for await (const chunk of input.pipe(gunzip) as AsyncIterable<string>) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      yield* parts;
    }
  } finally {
    input.destroy();
  }
  if (rest !== "") yield rest;
}

function parseLine<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupFormatError(`The backup is corrupt: expected ${what}, found a line that is not JSON.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupFormatError(`The backup is corrupt: expected ${what}.`);
  return parsed.data;
}

function sectionOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { section?: unknown } | null)?.section;
  } catch {
    throw new BackupFormatError("The backup is corrupt: expected a section, found a line that is not JSON.");
  }
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A header this version can read, or BackupFormatError saying why not. */
function parseHeader(text: string | undefined): TBackupHeader {
  if (text === undefined) throw new BackupFormatError("The backup is empty.");
  const value = parseOrNull(text) as {
    format?: unknown;
    formatVersion?: unknown;
    heedVersion?: unknown;
  } | null;
  if (!value || value.format !== BACKUP_FORMAT) {
    throw new BackupFormatError("This is not a Heed backup (its first line is not a Heed backup header).");
  }
  if (typeof value.formatVersion === "number" && value.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFormatError(
      `This backup was written by a newer Heed (${String(value.heedVersion)}, backup format ` +
        `${value.formatVersion}); this Heed reads format ${BACKUP_FORMAT_VERSION}. Upgrade Heed to restore it.`,
    );
  }
  return parseLine(ZBackupHeader, text, "the backup header");
}

/**
 * Reads a backup from start to end, checking its structure as it goes: header first, exactly the
 * announced number of rows per table, a trailer whose counts and sha256 match what was read, nothing
 * after it. Throws BackupFormatError on the first problem; a truncated file fails at the latest when the
 * trailer is missing. A consumer that applies rows as they arrive must therefore be able to undo them
 * (restore runs in one transaction).
 */
export async function* readBackup(file: string, options: ReadOptions = {}): AsyncGenerator<BackupItem> {
  const batchRows = options.batchRows ?? 1000;
  const hash = createHash("sha256");
  const counts: Record<string, number> = {};
  let files = 0;
  const lines = readLines(file);
  const next = async (): Promise<string | undefined> => {
    let result: IteratorResult<string>;
    try {
      result = await lines.next();
    } catch (error) {
      throw new BackupFormatError(`The backup is truncated or corrupt (${(error as Error).message}).`, {
        cause: error,
      });
    }
    return result.done ? undefined : result.value;
  };
  const take = async (what: string): Promise<string> => {
    const text = await next();
    if (text === undefined)
      throw new BackupFormatError(`The backup is truncated: it ends where ${what} should be.`);
    hash.update(`${text}\n`);
    return text;
  };

  yield { kind: "header", header: parseHeader(await take("the header")) };
  for (;;) {
    const text = await next();
    if (text === undefined) throw new BackupFormatError("The backup is truncated: it has no trailer.");
    const section = sectionOf(text);
    if (section === "end") {
      const trailer = parseLine(ZTrailer, text, "the trailer");
      if (trailer.sha256 !== hash.digest("hex")) {
        throw new BackupFormatError("The backup is corrupt: its checksum does not match its contents.");
      }
      const expected = JSON.stringify(Object.entries(counts).sort());
      if (trailer.files !== files || JSON.stringify(Object.entries(trailer.tables).sort()) !== expected) {
        throw new BackupFormatError(
          "The backup is corrupt: the trailer's row counts do not match its tables.",
        );
      }
      if ((await next()) !== undefined) throw new BackupFormatError("The backup has data after its trailer.");
      yield { kind: "end", trailer };
      return;
    }
    hash.update(`${text}\n`);
    if (section === "files") {
      files = parseLine(ZFilesSection, text, "the files section").count;
      if (files > 0) {
        throw new BackupFormatError(
          "The backup contains files (attachments), which this Heed cannot restore. Upgrade Heed to restore it.",
        );
      }
      continue;
    }
    const table = parseLine(ZTableSection, text, "a table section");
    if (table.name in counts)
      throw new BackupFormatError(`The backup is corrupt: table ${table.name} twice.`);
    yield { kind: "table", table };
    let batch: string[] = [];
    let bytes = 0;
    for (let i = 0; i < table.rows; i++) {
      const row = await take(`row ${i + 1} of table ${table.name}`);
      if (!row.startsWith("{"))
        throw new BackupFormatError(`The backup is corrupt: bad row in table ${table.name}.`);
      batch.push(row);
      bytes += row.length;
      if (batch.length >= batchRows || bytes >= BATCH_BYTES) {
        yield { kind: "rows", table, rows: batch };
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) yield { kind: "rows", table, rows: batch };
    counts[table.name] = table.rows;
  }
}

/** Reads a whole backup without applying it; returns its header and trailer or throws BackupFormatError. */
export async function verifyBackup(file: string): Promise<{ header: TBackupHeader; trailer: TTrailer }> {
  let header: TBackupHeader | undefined;
  for await (const item of readBackup(file, { batchRows: 10_000 })) {
    if (item.kind === "header") header = item.header;
    if (item.kind === "end") return { header: header!, trailer: item.trailer };
  }
  throw new BackupFormatError("The backup is truncated: it has no trailer.");
}
