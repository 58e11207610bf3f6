import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

describe("RateLimiter", () => {
  it("allows `limit` per window and key, refuses more without counting them, and opens again later", () => {
    const clock = { now: 0 };
    const limiter = new RateLimiter(3, 1_000, () => clock.now);
    expect([1, 2, 3, 4].map(() => limiter.take("a"))).toEqual([true, true, true, false]);
    expect(limiter.take("b")).toBe(true);
    clock.now = 999;
    expect(limiter.take("a")).toBe(false);
    clock.now = 1_000;
    expect([1, 2, 3, 4].map(() => limiter.take("a"))).toEqual([true, true, true, false]);
  });
});
