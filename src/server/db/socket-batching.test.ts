import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipLine } from "../../../test/helpers/components.js";
import { cloneTemplateFolder } from "../../../test/helpers/db.js";
import { testMode } from "../../../test/helpers/test-env.js";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded.js";

// Every embedded test runs its queries through the batching; these are the cases it could get wrong:
// messages split over socket chunks, errors inside a batch, and the one-transaction-at-a-time rule of the
// shared session. The embedded suite runs it (it is PGlite's socket that is patched).
if (testMode !== "embedded") skipLine("embedded database socket batching", "runs in the embedded suite");
describe.runIf(testMode === "embedded")("embedded database socket batching", () => {
  let dir: string;
  let db: EmbeddedDatabase;
  beforeAll(async () => {
    dir = cloneTemplateFolder();
    db = await openEmbeddedDatabase({ dataDir: dir });
    await db.query("CREATE TABLE batching_probe (id integer PRIMARY KEY, raw bytea)");
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("carries a message larger than one socket chunk both ways, byte for byte", async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7919) % 251;
    await db.query("INSERT INTO batching_probe (id, raw) VALUES ($1, $2)", [1, payload]);
    const [row] = await db.query<{ raw: Buffer }>("SELECT raw FROM batching_probe WHERE id = $1", [1]);
    expect(Buffer.compare(row!.raw, payload)).toBe(0);
  });

  it("answers a failing statement with its error and goes on with the next one", async () => {
    await expect(db.query("SELECT 1 / $1::int AS x", [0])).rejects.toThrow(/division by zero/);
    await expect(
      db.transaction((tx) => tx.query("SELECT * FROM no_such_table WHERE id = $1", [1])),
    ).rejects.toThrow(/no_such_table/);
    expect(await db.query<{ x: number }>("SELECT $1::int + 1 AS x", [41])).toEqual([{ x: 42 }]);
  });

  it("answers many concurrent queries each with its own result", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => db.query<{ x: number }>("SELECT $1::int * 2 AS x", [i])),
    );
    expect(results.map((rows) => rows[0]!.x)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it("keeps another connection's statements out of an open transaction", async () => {
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inserted!: () => void;
    const insertedRow = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query("INSERT INTO batching_probe (id) VALUES ($1)", [2]);
      inserted();
      await held;
      await tx.query("UPDATE batching_probe SET raw = $2 WHERE id = $1", [2, Buffer.from("done")]);
    });
    await insertedRow;
    // Asked while the transaction is open: it must wait for the commit, then see the finished row.
    const outside = db.query<{ raw: Buffer | null }>("SELECT raw FROM batching_probe WHERE id = $1", [2]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTransaction();
    await transaction;
    const [row] = await outside;
    expect(row?.raw?.toString()).toBe("done");
  });
});
