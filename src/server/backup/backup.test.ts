import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateData } from "../../../bench/generate.js";
import {
  cloneTemplateDatabase,
  cloneTemplateFolder,
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
} from "../../../test/helpers/db.js";
import { runHeed } from "../../../test/helpers/server-process.js";
import { testDatabaseUrl } from "../../../test/helpers/test-env.js";
import { openEmbeddedDatabase } from "../db/embedded.js";
import { migrate, readMigrations } from "../db/migrate.js";
import { createPgDatabase } from "../db/pg-database.js";
import type { Database, Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { orderByForeignKeys, quoteIdent, readCatalog } from "./catalog.js";
import { BackupFormatError, RestoreRefusedError } from "./format.js";
import { restoreBackup } from "./restore-backup.js";
import { writeBackup } from "./write-backup.js";

/** Per table: row count and an md5 over every row in primary-key order, as UTC text. */
async function fingerprint(db: Database): Promise<Record<string, { rows: number; md5: string | null }>> {
  return db.transaction(async (tx) => {
    await tx.query("SET LOCAL TimeZone = 'UTC'");
    const result: Record<string, { rows: number; md5: string | null }> = {};
    for (const table of await readCatalog(tx)) {
      const order = table.primaryKey.length > 0 ? table.primaryKey.map((k) => `t.${quoteIdent(k)}`) : ["1"];
      const [row] = await tx.query<{ rows: number; md5: string | null }>(
        `SELECT count(*) AS rows, md5(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${order.join(", ")})) AS md5
           FROM ${table.sql} t`,
      );
      result[table.name] = row!;
    }
    return result;
  });
}

/** Rows that exercise the format: quotes, newlines, emoji, nested JSON, a bigint past 2^53, a gap in ids. */
async function addAwkwardRows(db: Queryable, workspaceId: string): Promise<void> {
  await db.query(
    `INSERT INTO customers (id, workspace_id, number, name, language, name_search)
     VALUES ($1, $2, 'ZZZZZZ', $3, 'ru', to_tsvector('heed_simple', $3))`,
    [newId(), workspaceId, `O'Brien "Ёжик" \\ back\nslash\ttab 🚀 Šťastný`],
  );
  await db.query(
    `UPDATE messages SET meta = $2::jsonb, body = body || $3
      WHERE id = (SELECT id FROM messages WHERE workspace_id = $1 ORDER BY id LIMIT 1)`,
    [
      workspaceId,
      // as text: a JSON number this large would lose digits in JavaScript, but not in jsonb
      '{"a": [1, {"b": null, "c": "\u2028"}], "big": 12345678901234567890.5}',
      "\r\n\u0001 end",
    ],
  );
  await db.query(
    `INSERT INTO workspace_counters (workspace_id, name, value) VALUES ($1, 'awkward', 9007199254740993)`,
    [workspaceId],
  );
  // An attachment's bytes (every byte value) under their hash, carried by two messages but stored once.
  const content = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
  const sha256 = createHash("sha256").update(content).digest("hex");
  await db.query("INSERT INTO blobs (sha256, content, size) VALUES ($1, $2, $3)", [
    sha256,
    content,
    content.length,
  ]);
  await db.query(
    `INSERT INTO attachments (workspace_id, message_id, blob_sha256, file_name, content_type, size)
     SELECT $1, id, $2, 'Žiadosť "1".bin', 'application/octet-stream', $3
       FROM messages WHERE workspace_id = $1 ORDER BY id LIMIT 2`,
    [workspaceId, sha256, content.length],
  );
  // The newest event is deleted: a restored database must still not hand out its id again.
  await db.query("DELETE FROM events WHERE id = (SELECT max(id) FROM events)");
}

/** Rewrites a backup's lines and recomputes its checksum, like a careful forger (or a newer Heed). */
function rewriteBackup(file: string, target: string, change: (lines: string[]) => string[]): void {
  const lines = change(gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n").slice(0, -1));
  const body = lines
    .slice(0, -1)
    .map((line) => `${line}\n`)
    .join("");
  const trailer = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
  trailer.sha256 = createHash("sha256").update(body).digest("hex");
  fs.writeFileSync(target, gzipSync(`${body}${JSON.stringify(trailer)}\n`));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "heed-backup-test-"));
let source: TestDatabase;
let workspaceId: string;
let backupFile: string;
let sourcePrint: Awaited<ReturnType<typeof fingerprint>>;

beforeAll(async () => {
  source = await createTestDatabase();
  workspaceId = (await generateData(source.db, { conversations: 80, agents: 4 })).workspaceId;
  await addAwkwardRows(source.db, workspaceId);
  backupFile = path.join(tmp, "source.heedbackup.gz");
  await writeBackup(source.db, backupFile);
  sourcePrint = await fingerprint(source.db);
});
afterAll(async () => {
  await source?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("orderByForeignKeys", () => {
  it("puts every table after the tables it references, ignoring self-references", () => {
    const order = orderByForeignKeys(
      ["messages", "conversations", "workspaces", "users"],
      [
        { child: "messages", parent: "conversations" },
        { child: "conversations", parent: "users" },
        { child: "users", parent: "workspaces" },
        { child: "messages", parent: "messages" },
      ],
    );
    expect(order).toEqual(["workspaces", "users", "conversations", "messages"]);
  });

  it("refuses a cycle between tables", () => {
    expect(() =>
      orderByForeignKeys(
        ["a", "b"],
        [
          { child: "a", parent: "b" },
          { child: "b", parent: "a" },
        ],
      ),
    ).toThrow(/cycle/);
  });
});

describe("writeBackup", () => {
  it("writes a header, every table with its rows, and a trailer with counts and a checksum", () => {
    const lines = gunzipSync(fs.readFileSync(backupFile)).toString("utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0]!) as { format: string; migrations: string[]; heedVersion: string };
    expect(header.format).toBe("heed-backup");
    expect(header.migrations).toContain("0001_init");
    const trailer = JSON.parse(lines[lines.length - 1]!) as {
      tables: Record<string, number>;
      sha256: string;
    };
    expect(Object.keys(trailer.tables)).toEqual(expect.arrayContaining(["workspaces", "messages", "events"]));
    expect(trailer.tables).not.toHaveProperty("schema_migrations");
    for (const [table, { rows }] of Object.entries(sourcePrint)) expect(trailer.tables[table]).toBe(rows);
    // Parents come before children, so a restore can insert table after table.
    const order = lines
      .filter((l) => l.startsWith('{"section":"table"'))
      .map((l) => JSON.parse(l).name as string);
    expect(order.indexOf("workspaces")).toBeLessThan(order.indexOf("conversations"));
    expect(order.indexOf("conversations")).toBeLessThan(order.indexOf("messages"));
    expect(fs.existsSync(`${backupFile}.partial`)).toBe(false);
  });
});

describe("restoreBackup", () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(() => target.close());

  it("refuses a truncated file and leaves the database untouched", async () => {
    const bytes = fs.readFileSync(backupFile);
    const cut = path.join(tmp, "cut.gz");
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreBackup(target.db, cut)).rejects.toThrow(BackupFormatError);
    // Cut cleanly at a line: still intact gzip, but the trailer is missing.
    const lines = gunzipSync(bytes).toString("utf8").split("\n");
    fs.writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join("\n") + "\n"));
    await expect(restoreBackup(target.db, cut)).rejects.toThrow(/truncated/);
    expect((await fingerprint(target.db)).workspaces!.rows).toBe(0);
  });

  it("refuses a file whose rows were edited", async () => {
    const lines = gunzipSync(fs.readFileSync(backupFile)).toString("utf8").split("\n");
    const row = lines.findIndex((l) => l.includes('"preview":"'));
    lines[row] = lines[row]!.replace('"status":"', '"status":"x');
    const edited = path.join(tmp, "edited.gz");
    fs.writeFileSync(edited, gzipSync(lines.join("\n")));
    await expect(restoreBackup(target.db, edited)).rejects.toThrow(/checksum/);
  });

  it("refuses a backup from a newer Heed: unknown migrations or a newer format", async () => {
    const newer = path.join(tmp, "newer.gz");
    rewriteBackup(backupFile, newer, (lines) => {
      const header = JSON.parse(lines[0]!);
      header.migrations.push("9999_from_the_future");
      header.heedVersion = "99.0.0";
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    await expect(restoreBackup(target.db, newer)).rejects.toThrow(RestoreRefusedError);
    await expect(restoreBackup(target.db, newer)).rejects.toThrow(
      /newer Heed \(99\.0\.0\).*9999_from_the_future/,
    );
    rewriteBackup(backupFile, newer, (lines) => {
      const header = JSON.parse(lines[0]!);
      header.formatVersion = 2;
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    await expect(restoreBackup(target.db, newer)).rejects.toThrow(/newer Heed.*format 2/);
  });

  it("restores the same rows into a fresh database, with triggers' rows and identity values as they were", async () => {
    const summary = await restoreBackup(target.db, backupFile);
    expect(summary.replaced).toBe(false);
    expect(await fingerprint(target.db)).toEqual(sourcePrint);
    // Attachments keep their content: each blob's bytes still hash to the key they are stored under.
    const hashes = `SELECT a.id, a.blob_sha256, encode(sha256(b.content), 'hex') AS actual
                      FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 ORDER BY a.id`;
    const restored = await target.db.query<{ blob_sha256: string; actual: string }>(hashes);
    expect(restored).toHaveLength(2);
    for (const row of restored) expect(row.actual).toBe(row.blob_sha256);
    expect(restored).toEqual(await source.db.query(hashes));
    // Indexes are dropped for the bulk load and built again: all of them, as they were.
    const indexes =
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname";
    expect(await target.db.query(indexes)).toEqual(await source.db.query(indexes));
    // The event id sequence continues after the highest id ever handed out, not the highest restored.
    const [next] = await target.db.query<{ id: number }>(
      "INSERT INTO events (workspace_id, type) VALUES ($1, 'test') RETURNING id",
      [workspaceId],
    );
    const [seen] = await source.db.query<{ last: number }>("SELECT last_value AS last FROM events_id_seq");
    expect(next!.id).toBe(seen!.last + 1);
    // The trigger-kept counters still follow changes after the restore.
    await target.db.query(
      "UPDATE conversations SET status = 'resolved' WHERE workspace_id = $1 AND status = 'open'",
      [workspaceId],
    );
    const [open] = await target.db.query<{ n: number }>(
      "SELECT coalesce(sum(count), 0) AS n FROM folder_counts WHERE workspace_id = $1 AND status = 'open'",
      [workspaceId],
    );
    expect(open!.n).toBe(0);
  });

  it("refuses a non-empty database without force, and with force replaces everything", async () => {
    await expect(restoreBackup(target.db, backupFile)).rejects.toThrow(/not empty.*--force/);
    const summary = await restoreBackup(target.db, backupFile, { force: true });
    expect(summary.replaced).toBe(true);
    expect(await fingerprint(target.db)).toEqual(sourcePrint);
  });

  it("changes nothing when the restore fails half-way", async () => {
    await target.db.query(
      "INSERT INTO setup_tokens (id, token_hash, expires_at) VALUES ($1, 'marker', now())",
      [newId()],
    );
    const before = await fingerprint(target.db);
    const broken = path.join(tmp, "broken.gz");
    // A well-formed file whose last message breaks a CHECK constraint: found only while inserting.
    rewriteBackup(backupFile, broken, (lines) => {
      const last = lines.findLastIndex((l) => l.includes('"delivery_status"'));
      lines[last] = lines[last]!.replace(/"kind":"[a-z]+"/, '"kind":"bogus"');
      return lines;
    });
    await expect(restoreBackup(target.db, broken, { force: true })).rejects.toThrow(/check constraint/);
    expect(await fingerprint(target.db)).toEqual(before);
  });
});

describe("restoreBackup of a backup from an older Heed", () => {
  it("upgrades the restored rows with the newer migrations, and refuses a target already ahead", async () => {
    const target = await createTestDatabase();
    const newer = [
      ...readMigrations(),
      { name: "9000_add_motto", sql: "ALTER TABLE workspaces ADD COLUMN motto text NOT NULL DEFAULT 'heed'" },
    ];
    try {
      await restoreBackup(target.db, backupFile, { migrations: newer });
      const rows = await target.db.query<{ motto: string }>("SELECT motto FROM workspaces WHERE id = $1", [
        workspaceId,
      ]);
      expect(rows).toEqual([{ motto: "heed" }]);
      const [applied] = await target.db.query<{ n: number }>(
        "SELECT count(*) AS n FROM schema_migrations WHERE name = '9000_add_motto'",
      );
      expect(applied!.n).toBe(1);
      await expect(restoreBackup(target.db, backupFile, { migrations: newer, force: true })).rejects.toThrow(
        /newer schema than the backup \(migrations 9000_add_motto/,
      );
    } finally {
      await target.close();
    }
  });
});

describe.skipIf(!testDatabaseUrl)("across storage modes", () => {
  it("restores an embedded backup into PostgreSQL and a PostgreSQL backup into the embedded database", async () => {
    const dir = path.join(tmp, "embedded");
    const embedded = await openEmbeddedDatabase({ dataDir: dir });
    const url = await cloneTemplateDatabase();
    const postgres = createPgDatabase({ mode: "postgres", config: { connectionString: url } });
    try {
      await migrate(embedded);
      const ws = (await generateData(embedded, { conversations: 40, agents: 3 })).workspaceId;
      await addAwkwardRows(embedded, ws);
      const embeddedPrint = await fingerprint(embedded);
      const fromEmbedded = path.join(tmp, "from-embedded.gz");
      await writeBackup(embedded, fromEmbedded);
      await restoreBackup(postgres, fromEmbedded);
      expect(await fingerprint(postgres)).toEqual(embeddedPrint);

      const fromPostgres = path.join(tmp, "from-postgres.gz");
      await writeBackup(source.db, fromPostgres);
      await restoreBackup(embedded, fromPostgres, { force: true });
      expect(await fingerprint(embedded)).toEqual(sourcePrint);
    } finally {
      await embedded.close();
      await postgres.close();
      await dropTestDatabase(url);
    }
  }, 180_000);
});

describe("heed backup and heed restore (the real CLI)", () => {
  it("backs up and restores through the command line, refusing what it must", async () => {
    const file = path.join(tmp, "cli.heedbackup.gz");
    const urls: string[] = [];
    const place = async (): Promise<Record<string, string>> => {
      if (!testDatabaseUrl) return { HEED_DATA_DIR: cloneTemplateFolder() };
      urls.push(await cloneTemplateDatabase());
      return { DATABASE_URL: urls[urls.length - 1]! };
    };
    const open = (env: Record<string, string>): Promise<Database> =>
      env.DATABASE_URL
        ? Promise.resolve(
            createPgDatabase({ mode: "postgres", config: { connectionString: env.DATABASE_URL } }),
          )
        : openEmbeddedDatabase({ dataDir: env.HEED_DATA_DIR! });
    const sourceEnv = await place();
    const targetEnv = await place();
    try {
      const user = await runHeed(
        ["user", "create", "--email", "cli@example.test", "--password", "long enough", "--workspace", "CLI"],
        sourceEnv,
      );
      expect(user.code).toBe(0);

      // PostgreSQL: backed up beside a live connection. Embedded: refused while the folder is open.
      const live = await open(sourceEnv);
      const whileOpen = await runHeed(["backup", file], sourceEnv);
      if (testDatabaseUrl) {
        expect(whileOpen.code).toBe(0);
        fs.rmSync(file);
      } else {
        expect(whileOpen.code).toBe(1);
        expect(whileOpen.output).toMatch(/only while Heed is not running/);
      }
      await live.close();

      const backup = await runHeed(["backup", file], sourceEnv);
      expect(backup.output).toMatch(/Backed up \d+ tables/);
      expect(backup.code).toBe(0);
      const again = await runHeed(["backup", file], sourceEnv);
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/exists.*--force/);

      const restore = await runHeed(["restore", file], targetEnv);
      expect(restore.output).toMatch(/Restored [\d,]+ rows/);
      expect(restore.code).toBe(0);
      const refused = await runHeed(["restore", file], targetEnv);
      expect(refused.code).toBe(1);
      expect(refused.output).toMatch(/not empty.*--force.*The database was not changed/s);

      const prints = [];
      for (const env of [sourceEnv, targetEnv]) {
        const db = await open(env);
        try {
          prints.push(await fingerprint(db));
        } finally {
          await db.close();
        }
      }
      expect(prints[0]!.users!.rows).toBe(1);
      expect(prints[1]).toEqual(prints[0]);
    } finally {
      for (const url of urls) await dropTestDatabase(url);
      for (const env of [sourceEnv, targetEnv]) {
        if (env.HEED_DATA_DIR) fs.rmSync(env.HEED_DATA_DIR, { recursive: true, force: true });
      }
    }
  }, 180_000);
});
