/**
 * Which database the suite runs against: the embedded one by default, PostgreSQL when
 * HEED_TEST_DATABASE_URL names a server (CI runs both). HEED_CI=1 turns every "component missing" skip
 * into a failure.
 */
export const testDatabaseUrl = process.env.HEED_TEST_DATABASE_URL || undefined;
export const testMode: "embedded" | "postgres" = testDatabaseUrl ? "postgres" : "embedded";
export const isCi = process.env.HEED_CI === "1";

/** Replace the database name in a PostgreSQL URL. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
