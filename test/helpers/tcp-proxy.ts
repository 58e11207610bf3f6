import net from "node:net";

/** A TCP proxy a test can cut, stall and restore, to make a server misbehave without touching it. */
export interface TcpProxy {
  /** The proxy's own port on 127.0.0.1. */
  port: number;
  /** Open connections being forwarded now. */
  readonly connections: number;
  /** Drops every open connection and refuses new ones (each is closed at once), like a dead server. */
  cut(): void;
  /**
   * Stops forwarding but keeps every connection open and accepts new ones, like a frozen server or a
   * network partition: nothing is answered, nothing is refused. Bytes are held and delivered on restore,
   * as TCP would retransmit them.
   */
  stall(): void;
  /** Forwards again (held bytes first) and accepts new connections normally. */
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  held: { to: net.Socket; chunk: Buffer }[];
}

/** Starts a proxy on a free port of 127.0.0.1 that forwards to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let state: "open" | "cut" | "stalled" = "open";

  const server = net.createServer((client) => {
    if (state === "cut") {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);
    const teardown = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    const forward = (to: net.Socket) => (chunk: Buffer) => {
      if (state === "stalled") pair.held.push({ to, chunk });
      else to.write(chunk);
    };
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    for (const socket of [client, upstream]) {
      socket.on("error", teardown);
      socket.on("close", teardown);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  const destroyAll = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    pairs.clear();
  };

  return {
    port,
    get connections() {
      return pairs.size;
    },
    cut() {
      state = "cut";
      destroyAll();
    },
    stall() {
      state = "stalled";
    },
    restore() {
      state = "open";
      for (const pair of pairs) {
        for (const { to, chunk } of pair.held) to.write(chunk);
        pair.held = [];
      }
    },
    close() {
      state = "cut";
      destroyAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
