import { randomUUID } from "node:crypto";
import type { Database } from "../db/types.js";
import type { TailEventRow } from "../models/event-feed.js";
import { EventTail } from "./event-tail.js";
import { Presence, type PresenceChange, type PresenceMessage } from "./presence.js";

/** One live connection, as the hub sees it. */
export interface RealtimeSubscriber {
  onEvents(rows: TailEventRow[], watermark: number): void;
  onPresence(change: PresenceChange): void;
}

const PRESENCE_CHANNEL = "heed_presence";
const HEARTBEAT_MS = 15_000;

/**
 * The realtime fan-out of one process: one event tail and one presence map shared by all its sockets
 * (agents now, chat visitors later). Started by the first socket, so a process without sockets reads
 * nothing. With several processes on one PostgreSQL each has its own hub; the database's notifications
 * connect them.
 */
export class RealtimeHub {
  readonly processId = randomUUID();
  readonly presence: Presence;
  private readonly subscribers = new Set<RealtimeSubscriber>();
  private tail: EventTail | null = null;
  private starting: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly log: (message: string) => void = () => {},
  ) {
    // Only PostgreSQL can have other processes; the embedded database is one process's.
    const shared = db.mode === "postgres" && Boolean(db.listen);
    this.presence = new Presence({
      processId: this.processId,
      onChange: (change) => {
        for (const subscriber of this.subscribers) subscriber.onPresence(change);
      },
      publish: shared ? (message) => this.publish(message) : undefined,
    });
  }

  /** Starts reading events (once); every socket awaits this before catching up. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const tail = new EventTail(this.db, {
        log: this.log,
        onEvents: (rows, watermark) => {
          for (const subscriber of this.subscribers) subscriber.onEvents(rows, watermark);
        },
      });
      await tail.start();
      this.tail = tail;
      if (this.db.mode === "postgres" && this.db.listen) {
        this.unlisten = await this.db.listen(PRESENCE_CHANNEL, {
          onNotify: (payload) => {
            try {
              this.presence.receive(JSON.parse(payload) as PresenceMessage);
            } catch {
              // Not ours, or damaged: ignored.
            }
          },
        });
      }
      this.heartbeat = setInterval(() => this.presence.heartbeat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    })();
    return this.starting;
  }

  /** Ids at or below it will not arrive any more: where a reconnecting client resumes. */
  get watermark(): number {
    return this.tail?.watermark ?? 0;
  }

  /** Reads events now, instead of waiting for the notification (a command in this process just ran). */
  wake(): void {
    this.tail?.wake();
  }

  add(subscriber: RealtimeSubscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: RealtimeSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  async stop(): Promise<void> {
    this.tail?.stop();
    await this.tail?.settle();
    this.unlisten?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private publish(message: PresenceMessage): void {
    this.db.query("SELECT pg_notify($1, $2)", [PRESENCE_CHANNEL, JSON.stringify(message)]).catch((error) => {
      this.log(`realtime: presence not shared: ${(error as Error).message}`);
    });
  }
}
