/** Anything that runs parameterized SQL: the database itself or an open transaction. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

export type DatabaseMode = "embedded" | "postgres";

/** The one database handle the app uses, the same shape in both storage modes. */
export interface Database extends Queryable {
  readonly mode: DatabaseMode;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (after the notifying transaction commits, from any
   * process on the same database), and `onReconnect` after the listening connection was lost and is
   * back (notifications meanwhile are gone: the caller catches up). Returns the stop function. Absent on
   * wrappers that cannot listen; callers then poll.
   */
  listen?(
    channel: string,
    handlers: { onNotify: (payload: string) => void; onReconnect?: () => void },
  ): Promise<() => void>;
  /** Cheap round trip used by /healthz; throws DatabaseUnavailableError when it fails. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database cannot be reached right now; routes answer 503 and the next request tries again. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** The stored data cannot be used by this version (corrupt, foreign, locked or newer): refuse to start. */
export class DataFolderError extends Error {
  override name = "DataFolderError";
}
