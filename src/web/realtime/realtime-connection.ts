import type { TEvent, TFolders } from "../api/types.js";

export interface PresenceUser {
  id: string;
  name: string;
}

export interface ConversationActivity {
  viewers: PresenceUser[];
  typing: PresenceUser[];
}

export type RealtimeState = "connecting" | "open" | "down";

export interface RealtimeHandlers {
  /** New events, each once, oldest first. */
  onEvents(events: TEvent[]): void;
  onFolders(folders: TFolders): void;
  /** Too much was missed to replay (or this is the first connection): reload whatever is shown. */
  onResync(): void;
  /** The session ended (signed out elsewhere). */
  onSignedOut(): void;
}

type ServerMessage =
  | { type: "ready"; watermark: number; userId: string }
  | { type: "events"; events: TEvent[]; watermark: number }
  | { type: "resync"; watermark: number }
  | { type: "folders"; folders: TFolders }
  | { type: "presence"; online: PresenceUser[] }
  | ({ type: "activity"; conversationId: string } & ConversationActivity)
  | { type: "pong" | "error" };

const TYPING_EVERY_MS = 2_000;
const MAX_RETRY_MS = 15_000;

/**
 * The agent app's one WebSocket to /api/v1/realtime. It reconnects by itself (backoff with jitter) and
 * resumes from the watermark of the last connection, so every event arrives, and drops any it already
 * has by id, so none arrives twice. It re-announces the open conversation after a reconnect.
 */
export class RealtimeConnection {
  state: RealtimeState = "connecting";
  userId: string | null = null;
  presence: PresenceUser[] = [];
  readonly activity = new Map<string, ConversationActivity>();
  private socket: WebSocket | null = null;
  private watermark: number | null = null;
  private readonly seen = new Set<number>();
  private viewing: string | null = null;
  private lastTyping = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly handlers: RealtimeHandlers) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
  }

  /** Called on any change of state, presence or activity (React re-renders from it). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The conversation on screen (null: none); others see this agent viewing it. */
  view(conversationId: string | null): void {
    if (this.viewing === conversationId) return;
    this.viewing = conversationId;
    this.send({ type: "view", conversationId });
  }

  /** The agent typed in the open conversation; sent at most every two seconds. */
  typed(conversationId: string): void {
    const now = Date.now();
    if (now - this.lastTyping < TYPING_EVERY_MS) return;
    this.lastTyping = now;
    this.send({ type: "typing", conversationId });
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const after = this.watermark === null ? "" : `?after=${this.watermark}`;
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/realtime${after}`);
    this.socket = socket;
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as ServerMessage);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === 4401) this.handlers.onSignedOut();
      this.failures++;
      // One quick retry before showing "connection lost": a server restart or a proxy timeout.
      if (this.failures > 1 && this.state !== "down") {
        this.state = "down";
        this.changed();
      }
      const delay = Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(this.failures, 5)) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case "ready": {
        const isFirst = this.watermark === null;
        this.watermark = message.watermark;
        this.userId = message.userId;
        this.failures = 0;
        this.state = "open";
        if (this.viewing) this.send({ type: "view", conversationId: this.viewing });
        // A first connection starts from now: what was loaded before it may already be stale.
        if (isFirst) this.handlers.onResync();
        this.changed();
        return;
      }
      case "events": {
        const fresh = message.events.filter((event) => !this.seen.has(event.id));
        this.watermark = Math.max(this.watermark ?? 0, message.watermark);
        for (const event of fresh) if (event.id > this.watermark) this.seen.add(event.id);
        for (const id of this.seen) if (id <= this.watermark) this.seen.delete(id);
        if (fresh.length) this.handlers.onEvents(fresh);
        return;
      }
      case "resync":
        this.watermark = message.watermark;
        this.seen.clear();
        this.handlers.onResync();
        return;
      case "folders":
        this.handlers.onFolders(message.folders);
        return;
      case "presence":
        this.presence = message.online;
        this.changed();
        return;
      case "activity":
        this.activity.set(message.conversationId, { viewers: message.viewers, typing: message.typing });
        this.changed();
        return;
    }
  }
}
