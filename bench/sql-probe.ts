/**
 * Counts the SQL statements a request runs and the time spent waiting for them, by wrapping the app's
 * Database: tells whether a slow request is slow in the database or in the app, and catches N+1 queries.
 */
import type { Database, Queryable } from "../src/server/db/types.js";

export interface SqlProbe {
  db: Database;
  /** Statements and milliseconds since the last call; resets the counters. */
  take(): { queries: number; ms: number };
}

export function probeDatabase(inner: Database): SqlProbe {
  let queries = 0;
  let ms = 0;
  const timed = (q: Queryable): Queryable["query"] =>
    async function query(text, params) {
      const started = performance.now();
      try {
        return await q.query(text, params);
      } finally {
        queries++;
        ms += performance.now() - started;
      }
    } as Queryable["query"];
  const db: Database = {
    ...inner,
    query: timed(inner),
    transaction: (fn) => inner.transaction((tx) => fn({ query: timed(tx) })),
  };
  return {
    db,
    take() {
      const result = { queries, ms };
      queries = 0;
      ms = 0;
      return result;
    },
  };
}
