import { describe, expect, it } from "vitest";
import { keyedSections, lanesOf, runInLanes } from "./ingest-lanes.js";

const keysOf = (item: string[]) => item;

describe("lanesOf", () => {
  it("puts items sharing a key in one lane, transitively, each lane in the items' order", () => {
    const items = [["a"], ["b"], ["c", "a"], ["d"], ["b", "e"], ["e", "c"], []];
    // a–c–e–b join through shared keys; d and the keyless item stand alone.
    expect(lanesOf(items, keysOf)).toEqual([[0, 1, 2, 4, 5], [3], [6]]);
  });

  it("gives every item a lane of its own when nothing is shared", () => {
    expect(lanesOf([["x"], ["y"], ["z"]], keysOf)).toEqual([[0], [1], [2]]);
  });
});

/** A promise with its resolve function, to make lanes wait on each other. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("runInLanes", () => {
  it("runs lanes side by side and the items of a lane one after another", async () => {
    // Lane "a" (items 0 and 2) waits for lane "b" (item 1): run one by one, item 0 would wait forever.
    const bStarted = gate();
    const log: string[] = [];
    const items = [["a"], ["b"], ["a"]];
    await runInLanes(items, keysOf, async (_item, index) => {
      log.push(`start ${index}`);
      if (index === 0) await bStarted.opened;
      if (index === 1) bStarted.open();
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${index}`);
    });
    expect(log.indexOf("start 1")).toBeLessThan(log.indexOf("end 0"));
    expect(log.indexOf("end 0")).toBeLessThan(log.indexOf("start 2"));
  });

  it("stops a lane at its failure, lets the other lanes finish, then rejects with the real failure", async () => {
    const finished: number[] = [];
    const refused = Object.assign(new Error("duplicate key"), { code: "23505" });
    const aborted = Object.assign(new Error("current transaction is aborted"), { code: "25P02" });
    const run = runInLanes([["a"], ["b"], ["a"], ["b"]], keysOf, async (_item, index) => {
      if (index === 1) throw aborted;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (index === 0) throw refused;
      finished.push(index);
    });
    await expect(run).rejects.toBe(refused);
    // Item 2 is behind the failed item 0 in its lane; item 3 behind the failed item 1.
    expect(finished).toEqual([]);
  });

  it("waits for every lane before rejecting", async () => {
    let slowDone = false;
    const run = runInLanes([["a"], ["b"]], keysOf, async (_item, index) => {
      if (index === 0) throw new Error("first");
      await new Promise((resolve) => setTimeout(resolve, 30));
      slowDone = true;
    });
    await expect(run).rejects.toThrow("first");
    expect(slowDone).toBe(true);
  });
});

describe("keyedSections", () => {
  it("runs sections of one key one after another and of different keys side by side", async () => {
    const section = keyedSections();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
    };
    const failing = section("x", async () => {
      log.push("start x0");
      throw new Error("refused");
    });
    await Promise.all([
      expect(failing).rejects.toThrow("refused"),
      section("x", step("x1", 20)),
      section("x", step("x2", 1)),
      section("y", step("y1", 1)),
    ]);
    expect(log.indexOf("end x1")).toBeLessThan(log.indexOf("start x2"));
    expect(log.indexOf("start y1")).toBeLessThan(log.indexOf("end x1"));
  });
});
