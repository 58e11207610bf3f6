import { describe, expect, it } from "vitest";
import type { Database } from "../db/types.js";
import type { TailEventRow } from "../models/event-feed.js";
import { EventTail } from "./event-tail.js";

/** A stand-in events table: ids become visible when their "transaction" commits, in any order. */
function fakeEvents() {
  const committed = new Map<number, TailEventRow>();
  const row = (id: number): TailEventRow => ({
    id,
    workspace_id: "w",
    type: "message.created",
    conversation_id: null,
    actor_user_id: null,
    payload: {},
    created_at: new Date(),
    conversation_inbox_id: null,
    conversation_exists: false,
    conversation_visitor_id: null,
  });
  const sorted = () => [...committed.values()].sort((a, b) => a.id - b.id);
  const db = {
    mode: "embedded",
    async query(text: string, params: unknown[] = []) {
      if (text.includes("max(id)")) return [{ id: sorted().at(-1)?.id ?? null }];
      if (text.includes("= ANY")) return sorted().filter((r) => (params[0] as number[]).includes(r.id));
      const [after, limit] = params as [number, number];
      return sorted()
        .filter((r) => r.id > after)
        .slice(0, limit);
    },
  } as unknown as Database;
  return { db, commit: (...ids: number[]) => ids.forEach((id) => committed.set(id, row(id))) };
}

function follow(db: Database, clock: { now: number }) {
  const delivered: number[] = [];
  const watermarks: number[] = [];
  const tail = new EventTail(db, {
    now: () => clock.now,
    gapWaitMs: 1_000,
    pollMs: 60_000,
    pageSize: 3,
    onEvents: (rows, watermark) => {
      delivered.push(...rows.map((r) => Number(r.id)));
      watermarks.push(watermark);
    },
  });
  const read = async () => {
    tail.wake();
    await tail.settle();
  };
  return { tail, delivered, watermarks, read };
}

describe("EventTail", () => {
  it("starts after the newest event and hands on later ones in pages, each once", async () => {
    const { db, commit } = fakeEvents();
    commit(1, 2);
    const clock = { now: 0 };
    const { tail, delivered, read } = follow(db, clock);
    await tail.start();
    commit(3, 4, 5, 6, 7);
    await read();
    await read();
    expect(delivered).toEqual([3, 4, 5, 6, 7]);
    expect(tail.watermark).toBe(7);
    tail.stop();
  });

  it("waits for an id committed late, keeps the watermark below it, and hands it on when it appears", async () => {
    const { db, commit } = fakeEvents();
    const clock = { now: 0 };
    const { tail, delivered, read } = follow(db, clock);
    await tail.start();
    commit(1, 3); // 2 is still in an open transaction
    await read();
    expect(delivered).toEqual([1, 3]);
    expect(tail.watermark).toBe(1);
    commit(2);
    await read();
    expect(delivered).toEqual([1, 3, 2]);
    expect(tail.watermark).toBe(3);
    tail.stop();
  });

  it("gives up on a gap after the wait (a rolled-back insert) and moves the watermark past it", async () => {
    const { db, commit } = fakeEvents();
    const clock = { now: 0 };
    const { tail, watermarks, read } = follow(db, clock);
    await tail.start();
    commit(1, 2, 4);
    await read();
    expect(tail.watermark).toBe(2);
    clock.now = 1_500;
    await read();
    expect(tail.watermark).toBe(4);
    // The new watermark is announced even without new events.
    expect(watermarks.at(-1)).toBe(4);
    tail.stop();
  });
});
