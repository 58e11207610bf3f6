import type { Database } from "./db/types.js";
import type { TEnv } from "./env.js";
import type { RealtimeHub } from "./realtime/hub.js";

/** What every route and job needs: the database and the validated configuration. */
export interface AppContext {
  db: Database;
  env: TEnv;
  /**
   * Asks this process's worker to run now (mail queued or received); absent when the worker runs in
   * another process, which then notices within its polling interval.
   */
  wakeWorker?: () => void;
  /** This process's realtime fan-out (sockets of agents and visitors); buildApp creates it. */
  realtime?: RealtimeHub;
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
