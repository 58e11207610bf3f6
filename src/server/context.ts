import type { Database } from "./db/types.js";
import type { TEnv } from "./env.js";

/** What every route and job needs: the database and the validated configuration. */
export interface AppContext {
  db: Database;
  env: TEnv;
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
