import { buildApp, type ApiApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { loadEnv } from "../../src/server/env.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

export interface TestApp {
  app: ApiApp;
  ctx: AppContext;
  database: TestDatabase;
  close(): Promise<void>;
}

export const TEST_ORIGIN = "http://localhost:3000";

/** The app in-process on a private database, for `app.inject` tests. One per test file (beforeAll). */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const ctx: AppContext = {
    db: database.db,
    env: loadEnv({
      NODE_ENV: "test",
      HEED_PUBLIC_URL: TEST_ORIGIN,
      HEED_DATA_DIR: database.location,
      ...env,
    }),
  };
  const app = await buildApp(ctx, { webRoot: "/nonexistent" });
  await app.ready();
  return {
    app,
    ctx,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
