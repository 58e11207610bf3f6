import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import { isoMicros } from "../db/keyset.js";

export interface CustomerRow {
  id: string;
  workspace_id: string;
  number: string;
  name: string | null;
  language: Language | null;
  created_at: Date;
  updated_at: Date;
  last_seen_at: Date;
}

/** A customer as shown beside a conversation: with the first email and phone, for display. */
export interface CustomerSummaryRow extends CustomerRow {
  email: string | null;
  phone: string | null;
}

const columns =
  "c.id, c.workspace_id, c.number, c.name, c.language, c.created_at, c.updated_at, c.last_seen_at";
/** email and phone: the first identity of each kind, kept by a trigger (migration 0002). */
const summaryColumns = `${columns}, c.email, c.phone`;

/** Crockford base32: no I, L, O or U, so a number read out on the phone is not misheard. */
export const CUSTOMER_NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * Inserts a customer with the given number. Returns undefined when the number is already taken in the
 * workspace (without aborting the transaction), so the caller can retry with another one.
 */
export async function insertCustomer(
  tx: Queryable,
  c: { id: string; workspaceId: string; number: string; name: string | null; language: Language | null },
): Promise<CustomerRow | undefined> {
  const rows = await tx.query<CustomerRow>(
    `INSERT INTO customers AS c (id, workspace_id, number, name, language, name_search)
     VALUES ($1, $2, $3, $4, $5, to_tsvector('heed_simple', coalesce($4, '')))
     ON CONFLICT (workspace_id, number) DO NOTHING
     RETURNING ${columns}`,
    [c.id, c.workspaceId, c.number, c.name, c.language],
  );
  return rows[0];
}

/** One customer of the workspace, or undefined (also for another workspace's customer). */
export async function findCustomer(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  const rows = await db.query<CustomerRow>(
    `SELECT ${columns} FROM customers c WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/**
 * Customers of the workspace, most recently seen first, keyset-paginated on (last_seen_at, id).
 * `matchingIds` narrows the list to the result of a customer search.
 */
export async function findCustomers(
  db: Queryable,
  workspaceId: string,
  opts: { limit: number; after?: { at: string; id: string }; matchingIds?: string[] },
): Promise<(CustomerSummaryRow & { cursor_at: string })[]> {
  return db.query<CustomerSummaryRow & { cursor_at: string }>(
    `SELECT ${summaryColumns},
            ${isoMicros("c.last_seen_at")} AS cursor_at
       FROM customers c
      WHERE c.workspace_id = $1
        AND ($2::timestamptz IS NULL OR (c.last_seen_at, c.id) < ($2::timestamptz, $3::uuid))
        AND ($5::uuid[] IS NULL OR c.id = ANY($5::uuid[]))
      ORDER BY c.last_seen_at DESC, c.id DESC
      LIMIT $4`,
    [workspaceId, opts.after?.at ?? null, opts.after?.id ?? null, opts.limit, opts.matchingIds ?? null],
  );
}

/** Changes name and/or language (keeping the name search in step); undefined when not the workspace's. */
export async function updateCustomer(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: { name?: string | null; language?: Language | null },
): Promise<CustomerRow | undefined> {
  const rows = await tx.query<CustomerRow>(
    `UPDATE customers c SET
       name = CASE WHEN $3 THEN $4 ELSE name END,
       name_search = CASE WHEN $3 THEN to_tsvector('heed_simple', coalesce($4, '')) ELSE name_search END,
       language = CASE WHEN $5 THEN $6 ELSE language END,
       updated_at = now()
     WHERE c.workspace_id = $1 AND c.id = $2
     RETURNING ${columns}`,
    [
      workspaceId,
      id,
      patch.name !== undefined,
      patch.name ?? null,
      patch.language !== undefined,
      patch.language ?? null,
    ],
  );
  return rows[0];
}

/**
 * Notes that the customer wrote in: bumps last_seen_at and fills a missing name or language from what the
 * channel told us (never overwriting what an agent set).
 */
export async function touchCustomer(
  tx: Queryable,
  id: string,
  seen: { at: Date; name: string | null; language: Language | null },
): Promise<CustomerRow> {
  const rows = await tx.query<CustomerRow>(
    `UPDATE customers c SET
       last_seen_at = greatest(last_seen_at, $2),
       name = coalesce(name, $3),
       name_search = CASE WHEN name IS NULL AND $3::text IS NOT NULL
                          THEN to_tsvector('heed_simple', $3) ELSE name_search END,
       language = coalesce(language, $4)
     WHERE c.id = $1
     RETURNING ${columns}`,
    [id, seen.at, seen.name, seen.language],
  );
  return rows[0]!;
}
