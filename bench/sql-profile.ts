/**
 * Where a background role's database time goes, by statement: wraps a Database so that each distinct SQL
 * text gets a count and the milliseconds waited for it, and each transaction the time it waited for a
 * connection (the embedded database has one, shared by the SMTP receiver and the worker), ran its body
 * and committed. Used by the email ingest benchmark to show which steps dominate.
 */
import type { Database, Queryable } from "../src/server/db/types.js";

export interface StatementTime {
  /** The statement's first 120 characters, whitespace collapsed. */
  sql: string;
  count: number;
  ms: number;
}

export interface SqlProfileResult {
  statements: number;
  statementMs: number;
  transactions: number;
  /** From asking for a transaction until its BEGIN returned: the wait for the connection, mostly. */
  beginMs: number;
  bodyMs: number;
  commitMs: number;
  /** The statements with the most time, most first. */
  top: StatementTime[];
}

export interface SqlProfile {
  db: Database;
  result(top?: number): SqlProfileResult;
}

const shorten = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 120);

export function profileDatabase(inner: Database): SqlProfile {
  const byText = new Map<string, StatementTime>();
  const totals = { transactions: 0, beginMs: 0, bodyMs: 0, commitMs: 0 };
  const timed = (q: Queryable): Queryable["query"] =>
    async function query(text, params) {
      const started = performance.now();
      try {
        return await q.query(text, params);
      } finally {
        const key = shorten(text);
        const entry = byText.get(key) ?? { sql: key, count: 0, ms: 0 };
        entry.count++;
        entry.ms += performance.now() - started;
        byText.set(key, entry);
      }
    } as Queryable["query"];
  const db: Database = {
    ...inner,
    query: timed(inner),
    async transaction(fn) {
      const asked = performance.now();
      let begun = asked;
      let ended = asked;
      try {
        return await inner.transaction(async (tx) => {
          begun = performance.now();
          try {
            return await fn({ query: timed(tx) });
          } finally {
            ended = performance.now();
          }
        });
      } finally {
        totals.transactions++;
        totals.beginMs += begun - asked;
        totals.bodyMs += ended - begun;
        totals.commitMs += performance.now() - ended;
      }
    },
  };
  return {
    db,
    result(top = 12) {
      const all = [...byText.values()];
      const round = (n: number) => Math.round(n);
      return {
        statements: all.reduce((sum, s) => sum + s.count, 0),
        statementMs: round(all.reduce((sum, s) => sum + s.ms, 0)),
        transactions: totals.transactions,
        beginMs: round(totals.beginMs),
        bodyMs: round(totals.bodyMs),
        commitMs: round(totals.commitMs),
        top: all
          .sort((a, b) => b.ms - a.ms)
          .slice(0, top)
          .map((s) => ({ ...s, ms: round(s.ms) })),
      };
    },
  };
}
