import { invalid } from "./errors.js";
import { isUuid } from "./ids.js";

/** Where a page of a name-ordered list ends: the last row's name and id. */
export interface NameCursor {
  name: string;
  id: string;
}

/** The opaque `nextCursor` for lists ordered by name then id (users, teams). */
export const encodeNameCursor = (row: NameCursor): string =>
  Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url");

/** Reads a `cursor` query value made by encodeNameCursor. Throws 400 naming `cursor` when it is not one. */
export function decodeNameCursor(cursor: string | undefined): NameCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      isUuid(value[1])
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through to the 400
  }
  throw invalid("cursor", "is not a cursor this list gave out");
}
