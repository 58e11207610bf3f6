import type { Database } from "./db/types.js";
import type { TEnv } from "./env.js";

/** What every route and job needs: the database and the validated configuration. */
export interface AppContext {
  db: Database;
  env: TEnv;
  /**
   * Asks this process's worker to run now (mail queued or received); absent when the worker runs in
   * another process, which then notices within its polling interval.
   */
  wakeWorker?: () => void;
}

/** Who is making a request: resolved once per request by the auth hook. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: "owner" | "admin" | "agent";
  name: string;
  via: "session" | "token";
  sessionId?: string;
}
