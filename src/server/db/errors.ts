/**
 * True when `error` is PostgreSQL's unique violation (23505) of the named index or constraint: how
 * commands turn a lost race (two creators of one name, email or address) into a 409 instead of a 500.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23505" && e.constraint === constraint;
}
