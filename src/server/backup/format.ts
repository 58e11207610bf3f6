/**
 * The Heed backup file: a gzip'd stream of JSON lines, one JSON value per line.
 *
 *   line 1        header   {"format":"heed-backup","formatVersion":1,"heedVersion":…,"migrations":[…],…}
 *   per table     section  {"section":"table","name":"customers","columns":[…],"rows":N,"sequences":[…]}
 *                 then exactly N lines, each one row as `row_to_json` wrote it
 *   files         section  {"section":"files","count":0}   (reserved for attachments, see below)
 *   last line     trailer  {"section":"end","tables":{"customers":N,…},"files":0,"sha256":"…"}
 *
 * Tables come in foreign-key order (parents first), so a restore can insert them one after another. The
 * trailer's sha256 covers every byte of every line before it (each line with its "\n"), so a truncated or
 * edited file is refused, and its row counts must match the sections.
 *
 * Files (attachments, raw emails) do not exist yet. They will be written after the tables as one
 * `{"section":"file","sha256":…,"size":…,"chunks":K}` line per stored file followed by K base64 lines,
 * keyed by content hash like the data folder stores them, and counted in the `files` section and the
 * trailer. A reader of format 1 refuses a file with a non-zero file count rather than drop attachments.
 */
import { z } from "zod";

export const BACKUP_FORMAT = "heed-backup";
/** Bumped when a change to the layout would make an older Heed misread a file; older files stay readable. */
export const BACKUP_FORMAT_VERSION = 1;

export const ZBackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  heedVersion: z.string(),
  /** The migrations applied to the source database: the schema the rows belong to. */
  migrations: z.array(z.string()),
  createdAt: z.string(),
  source: z.enum(["embedded", "postgres"]),
  postgresVersion: z.string(),
});
export type TBackupHeader = z.infer<typeof ZBackupHeader>;

export const ZSequenceState = z.object({
  column: z.string(),
  /** As text: a bigint may not fit a JavaScript number. */
  lastValue: z.string(),
  isCalled: z.boolean(),
});
export type TSequenceState = z.infer<typeof ZSequenceState>;

export const ZTableSection = z.object({
  section: z.literal("table"),
  name: z.string().min(1),
  columns: z.array(z.string()).min(1),
  rows: z.number().int().nonnegative(),
  sequences: z.array(ZSequenceState),
});
export type TTableSection = z.infer<typeof ZTableSection>;

export const ZFilesSection = z.object({
  section: z.literal("files"),
  count: z.number().int().nonnegative(),
});

export const ZTrailer = z.object({
  section: z.literal("end"),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  files: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TTrailer = z.infer<typeof ZTrailer>;

/** The file is not a complete, intact Heed backup this version can read. The message says why. */
export class BackupFormatError extends Error {
  override name = "BackupFormatError";
}

/** The backup is fine but restoring it here is refused (newer Heed, non-empty target, ...). */
export class RestoreRefusedError extends Error {
  override name = "RestoreRefusedError";
}
