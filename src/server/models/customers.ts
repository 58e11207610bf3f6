import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import { isoMicros } from "../db/keyset.js";
import { insertEventsSql, type NewEvent } from "./events.js";
import type { IdentityKind } from "./identities.js";

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
 * How a customer who wrote in is touched: $2 when (last_seen_at only moves forward), $3 name and $4
 * language as the channel told them, filling what is missing and never overwriting what an agent set.
 */
const touchSet = `
       last_seen_at = greatest(last_seen_at, $2),
       name = coalesce(name, $3),
       name_search = CASE WHEN name IS NULL AND $3::text IS NOT NULL
                          THEN to_tsvector('heed_simple', $3) ELSE name_search END,
       language = coalesce(language, $4)`;

/**
 * The customer behind `handles` in one statement, so a new customer costs one round trip as a returning
 * one does. When the workspace knows one of `handles`, the customer of the first known one (in the order
 * given) is touched (touchSet), and `knownIndexes` says which handles are known (the caller
 * adds the others). When none is known, `newCustomer` is inserted as seen at `seen.at` (last_seen_at as
 * touchSet would leave it), with every handle as an identity (`id` is the identity's) and `events`
 * (customer.created): `isNew`. All parts see one snapshot, so exactly one of the two happens. `customer` is
 * undefined, with nothing written and the transaction still usable, when the number is taken in the
 * workspace (the caller retries with another; nothing was known, so nothing was touched) or when the known
 * customer vanished meanwhile (a retry sees that too).
 */
export async function touchOrInsertCustomer(
  tx: Queryable,
  workspaceId: string,
  handles: { id: string; kind: IdentityKind; value: string; normalized: string }[],
  seen: { at: Date; name: string | null; language: Language | null },
  newCustomer: { id: string; number: string },
  events: NewEvent[],
): Promise<{ customer: CustomerRow | undefined; knownIndexes: number[]; isNew: boolean }> {
  const logged = insertEventsSql(events, 11, "EXISTS (SELECT 1 FROM inserted)");
  const rows = await tx.query<CustomerRow & { known_indexes: number[] | null; is_new: boolean | null }>(
    `WITH known AS (
       SELECT h.n, i.customer_id
         FROM unnest($5::text[], $6::text[]) WITH ORDINALITY AS h (kind, normalized, n)
         JOIN identities i ON i.workspace_id = $1 AND i.kind = h.kind AND i.value_normalized = h.normalized
     ), touched AS (
       UPDATE customers c SET ${touchSet}
        WHERE c.id = (SELECT customer_id FROM known ORDER BY n LIMIT 1)
       RETURNING ${columns}
     ), inserted AS (
       INSERT INTO customers AS c (id, workspace_id, number, name, language, name_search, last_seen_at)
       SELECT $7::uuid, $1, $8::text, $3, $4, to_tsvector('heed_simple', coalesce($3, '')),
              greatest(now(), $2::timestamptz)
        WHERE NOT EXISTS (SELECT 1 FROM known)
       ON CONFLICT (workspace_id, number) DO NOTHING
       RETURNING ${columns}
     ), added AS (
       INSERT INTO identities (id, workspace_id, customer_id, kind, value, value_normalized)
       SELECT i.id, inserted.workspace_id, inserted.id, i.kind, i.value, i.normalized
         FROM inserted, unnest($9::uuid[], $5::text[], $10::text[], $6::text[]) WITH ORDINALITY
              AS i (id, kind, value, normalized, n)
        ORDER BY i.n
       ON CONFLICT (workspace_id, kind, value_normalized) DO NOTHING
     ), logged AS (${logged.text})
     SELECT found.*, (SELECT array_agg(n::int - 1 ORDER BY n) FROM known) AS known_indexes
       FROM (VALUES (1)) AS one (x)
       LEFT JOIN (SELECT *, false AS is_new FROM touched UNION ALL SELECT *, true FROM inserted) AS found
         ON true`,
    [
      workspaceId,
      seen.at,
      seen.name,
      seen.language,
      handles.map((h) => h.kind),
      handles.map((h) => h.normalized),
      newCustomer.id,
      newCustomer.number,
      handles.map((h) => h.id),
      handles.map((h) => h.value.trim()),
      ...logged.params,
    ],
  );
  const { known_indexes: knownIndexes, is_new: isNew, ...customer } = rows[0]!;
  return {
    customer: customer.id ? customer : undefined,
    knownIndexes: knownIndexes ?? [],
    isNew: isNew === true,
  };
}
