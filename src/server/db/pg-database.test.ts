import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/helpers/db.js";

// The driver pipelines: statements asked for together inside one transaction go out without waiting
// for each other's answers. These are the cases pipelining could get wrong, in both modes.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.query("CREATE TABLE pipeline_probe (id integer PRIMARY KEY, note text)");
});
afterAll(() => t.close());

describe("statements asked for together in one transaction", () => {
  it("each get their own answer, in the order asked", async () => {
    const results = await t.db.transaction((tx) =>
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? tx.query<{ x: number }>("SELECT $1::int * 2 AS x", [i])
            : tx.query<{ x: number }>("INSERT INTO pipeline_probe (id) VALUES ($1) RETURNING id AS x", [i]),
        ),
      ),
    );
    expect(results.map((rows) => rows[0]!.x)).toEqual(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? i * 2 : i)),
    );
    const [count] = await t.db.query<{ n: number }>("SELECT count(*) AS n FROM pipeline_probe");
    expect(count!.n).toBe(50);
  });

  it("a failing one fails with its own error, those behind it are refused, and all of it is undone", async () => {
    let outcomes: PromiseSettledResult<unknown>[] = [];
    await expect(
      t.db.transaction(async (tx) => {
        outcomes = await Promise.allSettled([
          tx.query("INSERT INTO pipeline_probe (id, note) VALUES ($1, $2)", [1000, "before"]),
          tx.query("INSERT INTO pipeline_probe (id, note) VALUES ($1, $2)", [1000, "duplicate"]),
          tx.query("INSERT INTO pipeline_probe (id, note) VALUES ($1, $2)", [1001, "behind"]),
        ]);
        const failed = outcomes.find((outcome) => outcome.status === "rejected");
        if (failed) throw (failed as PromiseRejectedResult).reason;
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: "25P02" });
    expect(await t.db.query("SELECT id FROM pipeline_probe WHERE id >= $1", [1000])).toEqual([]);
    // The connection serves the next transaction as if nothing happened.
    await t.db.transaction((tx) =>
      Promise.all([
        tx.query("INSERT INTO pipeline_probe (id, note) VALUES ($1, $2)", [1002, "after"]),
        tx.query("INSERT INTO pipeline_probe (id, note) VALUES ($1, $2)", [1003, "after"]),
      ]),
    );
    const rows = await t.db.query<{ id: number }>(
      "SELECT id FROM pipeline_probe WHERE id >= $1 ORDER BY id",
      [1000],
    );
    expect(rows.map((row) => row.id)).toEqual([1002, 1003]);
  });

  it("a refused statement's named plan still serves the statements that share it", async () => {
    // The first use of a parameterized text prepares it by name; the use sent behind it in the same
    // write only binds it. A failure of the first at run time must leave the plan: the one behind is
    // refused only for the failed transaction (25P02, not "prepared statement does not exist"), and a
    // later use neither misses the plan nor prepares it twice.
    const text = "SELECT 10 / $1::int AS x";
    let outcomes: PromiseSettledResult<unknown>[] = [];
    await expect(
      t.db.transaction(async (tx) => {
        outcomes = await Promise.allSettled([tx.query(text, [0]), tx.query(text, [5])]);
        const [first] = outcomes;
        if (first?.status === "rejected") throw first.reason;
      }),
    ).rejects.toThrow(/division by zero/);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "25P02" });
    expect(await t.db.query<{ x: number }>(text, [2])).toEqual([{ x: 5 }]);
  });
});
