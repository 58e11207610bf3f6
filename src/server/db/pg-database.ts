import { createHash } from "node:crypto";
import pg from "pg";
import { type Database, type DatabaseMode, DatabaseUnavailableError, type Queryable } from "./types.js";

// bigint (count(*), sums) as JS numbers: Heed's counts stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ENOENT",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
]);

/** True for errors that mean "the database is not there" rather than "the query is wrong". */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    error.message,
  );
}

function wrap(error: unknown): unknown {
  if (isUnavailable(error)) {
    return new DatabaseUnavailableError(`database unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
}

// Parameterized statements are prepared once per connection and reused by name: parsing and planning
// are most of a short query's cost, above all in the embedded database (WebAssembly). The cap bounds
// what a long-running process can prepare if some caller built many distinct SQL texts.
const MAX_PREPARED = 1000;
const names = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED) {
    name = `heed_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

type Listener = { onNotify: (payload: string) => void; onReconnect?: () => void };

/**
 * LISTEN for the whole Database. PostgreSQL: one dedicated connection outside the pool, reconnected with
 * backoff (a pooled client may be released and closed at any time). Embedded: PGlite is one session, so
 * a notification comes back on whichever connection is running a statement at commit: every pooled
 * client is watched, and each new one (after a restart of the database thread) listens again.
 */
function createListeners(options: PgDatabaseOptions, pool: pg.Pool) {
  const channels = new Map<string, Set<Listener>>();
  const dispatch = (message: pg.Notification) => {
    for (const listener of channels.get(message.channel) ?? []) listener.onNotify(message.payload ?? "");
  };
  const quoted = (channel: string) => `"${channel.replaceAll('"', '""')}"`;
  let dedicated: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let retryMs = 500;

  const connectDedicated = (): Promise<void> => {
    connecting ??= (async () => {
      const client = new pg.Client({ ...options.config, types });
      client.on("notification", dispatch);
      client.on("error", () => {});
      client.on("end", () => {
        if (dedicated === client) dedicated = null;
        if (closed) return;
        setTimeout(() => {
          void connectDedicated()
            .then(() => {
              for (const set of channels.values()) for (const l of set) l.onReconnect?.();
            })
            .catch(() => {});
        }, retryMs).unref();
        retryMs = Math.min(retryMs * 2, 30_000);
      });
      try {
        await client.connect();
        for (const channel of channels.keys()) await client.query(`LISTEN ${quoted(channel)}`);
        retryMs = 500;
        dedicated = client;
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  return {
    /** Embedded: what each new pooled client runs and watches. */
    async onEmbeddedConnect(client: pg.ClientBase) {
      client.on("notification", dispatch);
      for (const channel of channels.keys()) await client.query(`LISTEN ${quoted(channel)}`);
    },
    async listen(channel: string, listener: Listener): Promise<() => void> {
      const isNew = !channels.has(channel);
      const set = channels.get(channel) ?? new Set<Listener>();
      set.add(listener);
      channels.set(channel, set);
      if (isNew) {
        if (options.mode === "embedded") await pool.query(`LISTEN ${quoted(channel)}`);
        else if (dedicated) await dedicated.query(`LISTEN ${quoted(channel)}`);
        else await connectDedicated().catch(() => {});
      }
      return () => {
        set.delete(listener);
      };
    },
    async close() {
      closed = true;
      await dedicated?.end().catch(() => {});
    },
  };
}

export interface PgDatabaseOptions {
  mode: DatabaseMode;
  config: pg.PoolConfig;
  onClose?: () => Promise<void>;
}

/**
 * A Database over a node-postgres pool. Used for both modes: PostgreSQL directly, and the embedded
 * PGlite through its socket server, so both run the very same driver, type parsing and SQL.
 */
export function createPgDatabase(options: PgDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionTimeoutMillis: 5000,
    // Statements asked for together inside one transaction (the lanes of an email ingest batch) go out
    // together instead of each waiting for the answer before it: the database runs them back to back.
    // Embedded, that took the wait between two statements (the answer crossing to the main thread and
    // the next statement crossing back, ~0.8 ms) off the database thread's critical path: ingest went
    // from ~95-157 to ~145-195 messages/s (docs/benchmarks.md). Answers still come in order, each its
    // own; a failing statement fails alone and those behind it in the transaction get 25P02.
    pipeline: true,
    ...options.config,
    types,
    // The embedded database is one session behind every connection: a new connection must not find the
    // statements an earlier one prepared (they would collide by name).
    onConnect:
      options.mode === "embedded"
        ? ((async (client: pg.ClientBase) => {
            await client.query("DEALLOCATE ALL");
            await listeners.onEmbeddedConnect(client);
          }) as (client: pg.ClientBase) => void)
        : undefined,
  });
  const listeners = createListeners(options, pool);
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});

  const run = async <R extends object>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: readonly unknown[],
  ) => {
    try {
      const values = params as unknown[] | undefined;
      const name = values?.length ? statementName(text) : undefined;
      const result = await client.query(name ? { name, text, values } : { text, values });
      return result.rows as R[];
    } catch (error) {
      throw wrap(error);
    }
  };

  return {
    mode: options.mode,
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw wrap(error);
      }
      const tx: Queryable = { query: (text, params) => run(client, text, params) };
      let broken = false;
      try {
        await tx.query("BEGIN");
        const result = await fn(tx);
        await tx.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true;
        }
        throw wrap(error);
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await run(pool, "SELECT 1");
    },
    listen: (channel, handlers) => listeners.listen(channel, handlers),
    async close() {
      await listeners.close();
      await pool.end();
      await options.onClose?.();
    },
  };
}
