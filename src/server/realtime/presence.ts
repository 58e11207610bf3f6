/**
 * Who is online, who is looking at which conversation and who is typing there: state that lives only as
 * long as the sockets do, so it is kept in memory, never in the database. Each process knows its own
 * connections and learns the others' from `heed_presence` notifications (PostgreSQL mode: every change,
 * a heartbeat, and all connections again every minute or when a new process appears; a process silent
 * for `expireMs` is forgotten, as after a crash).
 */

export interface PresenceUser {
  id: string;
  name: string;
}

export interface PresenceState {
  workspaceId: string;
  userId: string;
  name: string;
  /** The conversation open on that screen, if any. */
  viewing: string | null;
  /** The conversation being typed in, until `typingUntil`. */
  typing: string | null;
  typingUntil: number;
  /** A chat visitor (typing shows to agents; never listed as online). */
  isVisitor?: boolean;
}

/** What one process tells the others about one of its connections (short keys: NOTIFY payloads are small). */
export interface PresenceMessage {
  p: string;
  c: string;
  w: string;
  u?: string;
  n?: string;
  v?: string | null;
  t?: string | null;
  /** Milliseconds of typing left. */
  tl?: number;
  /** The connection closed. */
  x?: true;
  /** A chat visitor. */
  cv?: true;
  /**
   * The sender's sequence number: notifications sent over different pooled connections can arrive out
   * of order, and an older state must not overwrite a newer one.
   */
  s?: number;
}

export interface PresenceChange {
  workspaceId: string;
  /** Conversations whose viewers or typists may have changed. */
  conversationIds: string[];
  /** Whether any agent of the workspace is connected after the change (the widget's away mode). */
  agentsOnline: boolean;
}

const TYPING_MS = 6_000;

export class Presence {
  private readonly local = new Map<string, PresenceState>();
  private readonly remote = new Map<
    string,
    { seenAt: number; connections: Map<string, PresenceState>; sequences: Map<string, number> }
  >();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly options: {
      processId: string;
      onChange(change: PresenceChange): void;
      /** Tells the other processes (absent: this is the only one). */
      publish?(message: PresenceMessage): void;
      expireMs?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** A connection opened or changed what it views or types in. */
  set(connectionId: string, next: Omit<PresenceState, "typingUntil"> & { typingUntil?: number }): void {
    const before = this.local.get(connectionId);
    const state: PresenceState = { ...next, typingUntil: next.typing ? (next.typingUntil ?? 0) : 0 };
    // Nothing changed (a visitor's message ends typing that had already ended): nobody needs telling.
    if (
      before &&
      !state.typing &&
      !before.typing &&
      before.viewing === state.viewing &&
      before.name === state.name &&
      before.workspaceId === state.workspaceId
    ) {
      return;
    }
    this.local.set(connectionId, state);
    clearTimeout(this.typingTimers.get(connectionId));
    if (state.typing) {
      const timer = setTimeout(
        () => this.set(connectionId, { ...state, typing: null }),
        Math.max(0, state.typingUntil - this.now()),
      );
      timer.unref();
      this.typingTimers.set(connectionId, timer);
    }
    this.publish(connectionId, state);
    this.changed(state.workspaceId, [before?.viewing, before?.typing, state.viewing, state.typing]);
  }

  /** The agent typed in `conversationId` just now. */
  typed(connectionId: string, conversationId: string): void {
    const state = this.local.get(connectionId);
    if (!state) return;
    const wasTyping = state.typing === conversationId;
    const typingUntil = this.now() + TYPING_MS;
    if (wasTyping) {
      // Only the deadline moves: nobody needs telling, except other processes now and then.
      const renewed = { ...state, typingUntil };
      this.set(connectionId, renewed);
      return;
    }
    this.set(connectionId, { ...state, typing: conversationId, typingUntil });
  }

  remove(connectionId: string): void {
    const state = this.local.get(connectionId);
    if (!state) return;
    this.local.delete(connectionId);
    clearTimeout(this.typingTimers.get(connectionId));
    this.typingTimers.delete(connectionId);
    this.options.publish?.({
      p: this.options.processId,
      s: ++this.sequence,
      c: connectionId,
      w: state.workspaceId,
      x: true,
    });
    this.changed(state.workspaceId, [state.viewing, state.typing]);
  }

  /** A message from another process. */
  receive(message: PresenceMessage): void {
    if (message.p === this.options.processId) return;
    const isNewProcess = !this.remote.has(message.p);
    const process = this.remote.get(message.p) ?? { seenAt: 0, connections: new Map(), sequences: new Map() };
    process.seenAt = this.now();
    this.remote.set(message.p, process);
    // A process started after this one: it learns this one's connections now, not in a minute.
    if (isNewProcess) this.announceAll();
    const before = process.connections.get(message.c);
    // Older than what this connection last said (it came over a slower connection): ignored.
    if (message.s !== undefined && message.c) {
      if ((process.sequences.get(message.c) ?? 0) > message.s) return;
      process.sequences.set(message.c, message.s);
    }
    if (message.x) {
      process.connections.delete(message.c);
      if (before) this.changed(before.workspaceId, [before.viewing, before.typing]);
      return;
    }
    if (!message.u) return; // a heartbeat
    const state: PresenceState = {
      workspaceId: message.w,
      userId: message.u,
      name: message.n ?? "",
      viewing: message.v ?? null,
      typing: message.t ?? null,
      typingUntil: message.t ? this.now() + (message.tl ?? TYPING_MS) : 0,
      ...(message.cv ? { isVisitor: true } : {}),
    };
    process.connections.set(message.c, state);
    this.changed(state.workspaceId, [before?.viewing, before?.typing, state.viewing, state.typing]);
  }

  /** Re-announces this process's connections and forgets processes that went silent. */
  heartbeat(): void {
    // "Still here" is one message; every connection is announced again only every fourth beat (and at
    // once to a process never heard before), which keeps NOTIFY traffic low with thousands of sockets.
    this.beats++;
    if (this.beats % 4 === 0) this.announceAll();
    else this.options.publish?.({ p: this.options.processId, c: "", w: "" });
    const cutoff = this.now() - (this.options.expireMs ?? 45_000);
    for (const [processId, process] of this.remote) {
      if (process.seenAt > cutoff) continue;
      this.remote.delete(processId);
      for (const state of process.connections.values())
        this.changed(state.workspaceId, [state.viewing, state.typing]);
    }
  }

  private beats = 0;

  private announceAll(): void {
    for (const [id, state] of this.local) this.publish(id, state);
    if (this.local.size === 0) this.options.publish?.({ p: this.options.processId, c: "", w: "" });
  }

  /** The workspace's agents with a connection, each once, by name (chat visitors are not counted). */
  online(workspaceId: string): PresenceUser[] {
    const users = new Map<string, string>();
    for (const state of this.states()) {
      if (state.workspaceId === workspaceId && !state.isVisitor) users.set(state.userId, state.name);
    }
    return [...users].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Whether any agent of the workspace has a connection (cheaper than `online` when only that matters). */
  hasAgents(workspaceId: string): boolean {
    for (const state of this.states()) if (state.workspaceId === workspaceId && !state.isVisitor) return true;
    return false;
  }

  /** Who has the conversation open, and who is typing in it. */
  activity(workspaceId: string, conversationId: string): { viewers: PresenceUser[]; typing: PresenceUser[] } {
    const viewers = new Map<string, string>();
    const typing = new Map<string, string>();
    const now = this.now();
    for (const state of this.states()) {
      if (state.workspaceId !== workspaceId) continue;
      if (state.viewing === conversationId) viewers.set(state.userId, state.name);
      if (state.typing === conversationId && state.typingUntil > now) typing.set(state.userId, state.name);
    }
    const list = (map: Map<string, string>) =>
      [...map].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    return { viewers: list(viewers), typing: list(typing) };
  }

  private *states(): Iterable<PresenceState> {
    yield* this.local.values();
    for (const process of this.remote.values()) yield* process.connections.values();
  }

  private sequence = 0;

  private publish(connectionId: string, state: PresenceState): void {
    this.options.publish?.({
      p: this.options.processId,
      s: ++this.sequence,
      c: connectionId,
      w: state.workspaceId,
      u: state.userId,
      n: state.name,
      v: state.viewing,
      t: state.typing,
      tl: state.typing ? Math.max(0, state.typingUntil - this.now()) : undefined,
      ...(state.isVisitor ? { cv: true as const } : {}),
    });
  }

  private changed(workspaceId: string, conversationIds: (string | null | undefined)[]): void {
    const ids = [...new Set(conversationIds.filter((id): id is string => Boolean(id)))];
    this.options.onChange({ workspaceId, conversationIds: ids, agentsOnline: this.hasAgents(workspaceId) });
  }
}
