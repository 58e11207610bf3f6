import { describe, expect, it } from "vitest";
import { FreshMail } from "./fresh-mail.js";

const bytes = (n: number, fill = "x") => Buffer.alloc(n, fill);

describe("FreshMail", () => {
  it("hands each message's bytes over once", () => {
    const fresh = new FreshMail();
    fresh.remember([{ id: "a", raw: bytes(10) }]);
    expect(fresh.has("a")).toBe(true);
    expect(fresh.take("a")?.length).toBe(10);
    expect(fresh.take("a")).toBeUndefined();
    expect(fresh.size).toEqual({ messages: 0, bytes: 0 });
  });

  it("drops the oldest when over its size, and never keeps one larger than it", () => {
    const fresh = new FreshMail(100);
    fresh.remember([
      { id: "a", raw: bytes(40) },
      { id: "b", raw: bytes(40) },
    ]);
    fresh.remember([{ id: "c", raw: bytes(40) }]);
    expect([fresh.has("a"), fresh.has("b"), fresh.has("c")]).toEqual([false, true, true]);
    expect(fresh.size).toEqual({ messages: 2, bytes: 80 });
    fresh.remember([{ id: "huge", raw: bytes(101) }]);
    expect(fresh.has("huge")).toBe(false);
    expect(fresh.size.bytes).toBe(80);
  });

  it("counts a message remembered twice once", () => {
    const fresh = new FreshMail();
    fresh.remember([{ id: "a", raw: bytes(10) }]);
    fresh.remember([{ id: "a", raw: bytes(10) }]);
    expect(fresh.size).toEqual({ messages: 1, bytes: 10 });
  });
});
