import type { Database } from "../db/types.js";

/** Escapes LIKE's wildcards so a user's `%` or `_` matches itself. */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The customer number a query could be the start of: upper-cased, separators dropped, and the letters
 * Crockford base32 reads as digits (O → 0, I and L → 1). Null when it cannot be a number.
 */
export function numberPrefix(q: string): string | null {
  const value = q
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]{1,6}$/.test(value) ? value : null;
}

/** The phone digits a query could be the start of ("+385 91" → "38591"); null unless it looks like a phone. */
export function phonePrefix(q: string): string | null {
  if (!/^[\d\s+()./-]+$/.test(q)) return null;
  const digits = q.replace(/\D+/g, "");
  return digits.length >= 3 ? digits : null;
}

/** Each way of matching contributes at most this many customers before they are sorted by recency. */
const BRANCH_CAP = 500;

/**
 * Customers of the workspace matching `q`, most recently seen first: every word of q starts a word of the
 * name, or q starts an email/phone/other handle, or q starts the customer number. Each branch reads its
 * own index (name: GIN on name_search; handles and number: text_pattern_ops prefix ranges). The planner
 * would scan the whole table for a name prefix it cannot estimate, so index paths are forced (settings
 * local to this read-only transaction).
 */
export async function findMatchingCustomerIds(
  db: Database,
  workspaceId: string,
  q: string,
  limit: number,
): Promise<string[]> {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const number = numberPrefix(text);
  const phone = phonePrefix(text);
  return db.transaction(async (tx) => {
    await tx.query(
      "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)",
    );
    const rows = await tx.query<{ id: string }>(
      `SELECT c.id FROM customers c
        WHERE c.id IN (
          (SELECT id FROM customers WHERE workspace_id = $1 AND name_search @@ heed_prefix_query($2) LIMIT $6)
          UNION ALL
          (SELECT customer_id FROM identities
            WHERE workspace_id = $1 AND value_normalized LIKE $3 || '%' ESCAPE '\\' LIMIT $6)
          UNION ALL
          (SELECT customer_id FROM identities
            WHERE workspace_id = $1 AND $4::text IS NOT NULL AND kind = 'phone' AND value_normalized LIKE $4 || '%'
            LIMIT $6)
          UNION ALL
          (SELECT id FROM customers WHERE workspace_id = $1 AND $5::text IS NOT NULL AND number LIKE $5 || '%' LIMIT $6))
        ORDER BY c.last_seen_at DESC, c.id DESC
        LIMIT $7`,
      [workspaceId, text, escapeLike(text.toLowerCase()), phone, number, BRANCH_CAP, limit],
    );
    return rows.map((row) => row.id);
  });
}
