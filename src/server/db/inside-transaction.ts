import type { Database, Queryable } from "./types.js";

/**
 * A Database whose every query and "transaction" runs in the open transaction `tx`, so commands that
 * open their own transaction can be composed into a larger one (restore, email ingest) atomically.
 */
export function insideTransaction(db: Database, tx: Queryable): Database {
  return { ...db, query: tx.query, transaction: (fn) => fn(tx), close: async () => {} };
}
