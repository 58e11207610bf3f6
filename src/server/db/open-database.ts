import type { TEnv } from "../env.js";
import { openEmbeddedDatabase } from "./embedded.js";
import { createPgDatabase } from "./pg-database.js";
import type { Database } from "./types.js";

export type Logger = (level: "info" | "warn" | "error", message: string) => void;

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded database in HEED_DATA_DIR. */
export async function openDatabase(
  env: Pick<TEnv, "DATABASE_URL" | "HEED_DATA_DIR">,
  log?: Logger,
): Promise<Database> {
  if (env.DATABASE_URL) {
    return createPgDatabase({ mode: "postgres", config: { connectionString: env.DATABASE_URL, max: 10 } });
  }
  return openEmbeddedDatabase({ dataDir: env.HEED_DATA_DIR, log });
}
