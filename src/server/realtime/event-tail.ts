import type { Database } from "../db/types.js";
import {
  findEventsAfter,
  findEventsByIds,
  findNewestEventId,
  type TailEventRow,
} from "../models/event-feed.js";

export interface EventTailOptions {
  /** Called with new events (ascending ids) and the watermark after them. */
  onEvents(rows: TailEventRow[], watermark: number): void;
  log?: (message: string) => void;
  /** How long a missing id is waited for before it is taken as a rolled-back insert. */
  gapWaitMs?: number;
  /** Reads this often even without a notification (a notification lost, a listener reconnecting). */
  pollMs?: number;
  pageSize?: number;
  now?: () => number;
}

/**
 * Follows the events table for one process: wakes on the `heed_events` notification (every process on
 * the database gets it, at commit), else polls, and hands each new event on once.
 *
 * Event ids come from an identity column, so a transaction that took id 10 may commit after the one that
 * took id 11. Reading "after the highest id seen" would miss 10 for good; so ids skipped over are
 * remembered as gaps and looked up again on every read until they appear or `gapWaitMs` passes (a
 * rolled-back insert leaves a gap forever). The **watermark** is the id below which nothing more can
 * arrive: a reconnecting client resumes from it and drops what it already has by id.
 */
export class EventTail {
  private highest = 0;
  /** Missing ids below `highest`, with when they were first missed. */
  private readonly gaps = new Map<number, number>();
  private reading: Promise<void> | null = null;
  /** The watermark last handed on with events. */
  private reported = 0;
  private again = false;
  private stopped = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unlisten: (() => void) | null = null;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    private readonly options: EventTailOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Every id at or below it has been handed on, or given up on after `gapWaitMs`. */
  get watermark(): number {
    let lowest = Infinity;
    for (const id of this.gaps.keys()) lowest = Math.min(lowest, id);
    return lowest === Infinity ? this.highest : lowest - 1;
  }

  async start(): Promise<void> {
    this.highest = await findNewestEventId(this.db);
    this.reported = this.highest;
    if (this.db.listen) {
      this.unlisten = await this.db.listen("heed_events", {
        onNotify: () => this.wake(),
        onReconnect: () => this.wake(),
      });
    }
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 2_000);
    this.timer.unref();
  }

  /** Reads now (or right after the read in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          await this.read();
        } catch (error) {
          // The database away: the next wake or poll tries again from the same place.
          this.options.log?.(`realtime: reading events failed: ${(error as Error).message}`);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.reading = null;
    });
  }

  /** Resolves once no read is running (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.reading) await this.reading;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unlisten?.();
  }

  private async read(): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    const found: TailEventRow[] = [];
    if (this.gaps.size > 0) {
      for (const row of await findEventsByIds(this.db, [...this.gaps.keys()].slice(0, 1000))) {
        this.gaps.delete(Number(row.id));
        found.push(row);
      }
    }
    for (;;) {
      const rows = await findEventsAfter(this.db, this.highest, pageSize);
      for (const row of rows) {
        const id = Number(row.id);
        for (let missing = this.highest + 1; missing < id; missing++) this.gaps.set(missing, this.now());
        this.highest = id;
        found.push(row);
      }
      if (rows.length < pageSize || this.stopped) break;
    }
    const cutoff = this.now() - (this.options.gapWaitMs ?? 30_000);
    for (const [id, since] of this.gaps) if (since <= cutoff) this.gaps.delete(id);
    const watermark = this.watermark;
    if (found.length === 0 && watermark === this.reported) return;
    this.reported = watermark;
    found.sort((a, b) => Number(a.id) - Number(b.id));
    this.options.onEvents(found, watermark);
  }
}
