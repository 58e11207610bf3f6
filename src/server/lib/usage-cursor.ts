import { invalid } from "./errors.js";
import { isUuid } from "./ids.js";

/** Where a page of a "best match, then most used" list ends (saved replies, macros). */
export interface UsageCursor {
  /** How well the row matched the search (0 without one). */
  rank: number;
  usageCount: number;
  id: string;
}

/** The opaque `nextCursor` for lists ordered by rank and use count (both descending), then id. */
export const encodeUsageCursor = (row: UsageCursor): string =>
  Buffer.from(JSON.stringify([row.rank, row.usageCount, row.id])).toString("base64url");

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 2 ** 31;

/** Reads a `cursor` made by encodeUsageCursor. Throws 400 naming `cursor` when it is not one. */
export function decodeUsageCursor(cursor: string | undefined): UsageCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 3) {
      const [rank, usageCount, id] = value as unknown[];
      if (isCount(rank) && isCount(usageCount) && typeof id === "string" && isUuid(id))
        return { rank, usageCount, id };
    }
  } catch {
    // fall through to the 400
  }
  throw invalid("cursor", "is not a cursor this list gave out");
}
