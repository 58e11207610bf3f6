/**
 * A fixed-window counter per key, in memory: at most `limit` takes per `windowMs`. Per process: with
 * several processes a visitor gets that many per process they happen to reach (a small multiple; the
 * aim is to stop floods, not to meter). Old windows are dropped as keys are seen again or every minute.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one for `key`; false when the key is over its limit in the current window. */
  take(key: string): boolean {
    const now = this.now();
    if (now - this.lastSweep > 60_000) {
      for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
      this.lastSweep = now;
    }
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    // Refused takes do not count: a client retrying politely gets in when the window turns.
    if (window.count >= this.limit) return false;
    window.count++;
    return true;
  }
}
