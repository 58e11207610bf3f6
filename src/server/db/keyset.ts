/**
 * A timestamp column as the ISO text (UTC, microseconds) a keyset cursor carries. JavaScript dates keep
 * only milliseconds, so a cursor built from a Date could skip or repeat rows written in the same
 * millisecond; the database's own text keeps the position exact.
 */
export const isoMicros = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
