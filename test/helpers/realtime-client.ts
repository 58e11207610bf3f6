import WebSocket from "ws";

export interface SocketMessage {
  type: string;
  [key: string]: unknown;
}

/** A WebSocket client for tests: keeps every message and waits for the one a test expects. */
export interface TestSocket {
  messages: SocketMessage[];
  send(message: object): void;
  /** The first message (from `from` on) that matches; rejects after `timeoutMs`. */
  waitFor(
    match: (message: SocketMessage) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<SocketMessage>;
  close(): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens `url` with the headers given; rejects with the HTTP status when the handshake is refused. */
export function openTestSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const messages: SocketMessage[] = [];
    const waiters = new Set<() => void>();
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      socket.on("close", (code, reason) => done({ code, reason: reason.toString() })),
    );
    socket.on("message", (data) => {
      messages.push(JSON.parse(String(data)) as SocketMessage);
      for (const wake of waiters) wake();
    });
    socket.on("unexpected-response", (_request, response) => {
      reject(new Error(`handshake refused: ${response.statusCode}`));
    });
    socket.on("error", reject);
    socket.on("open", () =>
      resolve({
        messages,
        closed,
        send: (message) => socket.send(JSON.stringify(message)),
        waitFor(match, timeoutMs = 5_000, from = 0) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = messages.slice(from).find(match);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(
                  `no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(-1500)}`,
                ),
              );
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        async close() {
          if (socket.readyState === socket.CLOSED) return;
          socket.close();
          await closed;
        },
      }),
    );
  });
}

export interface FollowedEvent {
  id: number;
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
}

/**
 * An agent client that does what the web app does over flaky networks: on every close it reconnects
 * with `?after=<watermark>` and keeps each event once by id. `deliveries` counts every event received,
 * repeats included, so a test can prove there were none.
 */
export function followEvents(url: string, headers: Record<string, string>) {
  const events = new Map<number, FollowedEvent>();
  let deliveries = 0;
  let watermark: number | null = null;
  let stopped = false;
  let current: WebSocket | null = null;
  let reconnects = 0;
  const connect = () => {
    if (stopped) return;
    const socket = new WebSocket(`${url}${watermark === null ? "" : `?after=${watermark}`}`, { headers });
    current = socket;
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        watermark?: number;
        events?: FollowedEvent[];
      };
      if (message.type === "ready" && watermark === null) watermark = message.watermark!;
      if (message.type === "events") {
        for (const event of message.events!) {
          deliveries++;
          events.set(event.id, event);
        }
        watermark = Math.max(watermark ?? 0, message.watermark!);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      if (stopped) return;
      reconnects++;
      setTimeout(connect, 100);
    });
  };
  connect();
  return {
    events,
    get deliveries() {
      return deliveries;
    },
    get reconnects() {
      return reconnects;
    },
    get isReady() {
      return watermark !== null;
    },
    stop() {
      stopped = true;
      current?.close();
    },
  };
}

export interface ChatLine {
  id: string;
  clientId: string | null;
  from: "visitor" | "agent";
  body: string;
}

/**
 * A chat visitor that behaves like the widget on a flaky network: keeps its token, resends every
 * message until it is acknowledged (after each reconnect too) and keeps each message once by id.
 * `deliveries` counts every agent message received, repeats included.
 */
export function chatVisitor(socketUrl: string, origin = "https://shop.example") {
  const lines = new Map<string, ChatLine>();
  const outbox = new Map<string, string>();
  let token: string | undefined;
  let agentDeliveries = 0;
  /** Errors and refusals the server sent, for a failing test to show. */
  const refusals: string[] = [];
  let current: WebSocket | null = null;
  let welcomed = false;
  let stopped = false;
  let reconnects = 0;
  const transmit = (clientId: string, body: string) => {
    if (welcomed && current?.readyState === WebSocket.OPEN)
      current.send(JSON.stringify({ type: "message", clientId, body }));
  };
  const connect = () => {
    if (stopped) return;
    const socket = new WebSocket(socketUrl, { headers: { origin } });
    current = socket;
    welcomed = false;
    socket.on("open", () => socket.send(JSON.stringify({ type: "hello", token })));
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        token?: string;
        messages?: ChatLine[];
        message?: ChatLine;
        clientId?: string;
      };
      if (message.type === "error" || message.type === "nack") refusals.push(JSON.stringify(message));
      if (message.type === "welcome") {
        token = message.token;
        welcomed = true;
        for (const line of message.messages!) lines.set(line.id, line);
        for (const [clientId, body] of outbox) transmit(clientId, body);
      } else if (message.type === "nack") {
        // Rate-limited, like the widget: try again a little later.
        const body = outbox.get(message.clientId!);
        const retryAfterMs = (message as { retryAfterMs?: number }).retryAfterMs ?? 1_000;
        if (body !== undefined) setTimeout(() => transmit(message.clientId!, body), retryAfterMs);
      } else if (message.type === "ack") {
        outbox.delete(message.clientId!);
        lines.set(message.message!.id, message.message!);
      } else if (message.type === "message") {
        if (message.message!.from === "agent") agentDeliveries++;
        lines.set(message.message!.id, message.message!);
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      if (stopped) return;
      reconnects++;
      setTimeout(connect, 100);
    });
  };
  connect();
  return {
    lines,
    refusals,
    get isWelcomed() {
      return welcomed;
    },
    get pending() {
      return outbox.size;
    },
    get reconnects() {
      return reconnects;
    },
    get agentDeliveries() {
      return agentDeliveries;
    },
    say(clientId: string, body: string) {
      outbox.set(clientId, body);
      transmit(clientId, body);
    },
    stop() {
      stopped = true;
      current?.close();
    },
  };
}
