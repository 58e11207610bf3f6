import { invalid } from "../lib/errors.js";
import { isUuid } from "../lib/ids.js";

/** A keyset position: the sort value (ISO timestamp text with microseconds, or 'infinity') and the id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** An opaque `nextCursor` for a keyset position. */
export const encodeCursor = (position: KeysetPosition): string =>
  Buffer.from(JSON.stringify([position.at, position.id])).toString("base64url");

/** Reads a `cursor` query value back; throws 400 naming `cursor` when it was not made by encodeCursor. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      const isTime = typeof at === "string" && (at === "infinity" || /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(at));
      if (isTime && typeof id === "string" && isUuid(id)) return { at, id };
    }
  } catch {
    // fall through to the 400
  }
  throw invalid("cursor", "is not a cursor from this list");
}
