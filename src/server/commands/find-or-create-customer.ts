import { randomInt } from "node:crypto";
import type { DatabaseMode, Queryable } from "../db/types.js";
import { invalid } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { newId } from "../lib/ids.js";
import { CUSTOMER_NUMBER_ALPHABET, touchOrInsertCustomer, type CustomerRow } from "../models/customers.js";
import { insertIdentity, normalizeIdentity, type IdentityKind } from "../models/identities.js";

export interface CustomerHandles {
  email?: string | null;
  phone?: string | null;
  visitorId?: string | null;
  externalId?: string | null;
  name?: string | null;
}

/** A random 6-character customer number (about a billion possibilities per workspace). */
export const randomCustomerNumber = (): string =>
  Array.from({ length: 6 }, () => CUSTOMER_NUMBER_ALPHABET[randomInt(32)]).join("");

/**
 * The one customer behind these channel handles, created when none is known: a customer who wrote by
 * email and later calls from a known phone stays one record. The first handle that is known wins; the
 * others are added to that customer unless they belong to someone else (records are never merged here).
 * Runs inside the caller's transaction; per-handle advisory locks make two concurrent first messages
 * from one address create one customer. Those locks are taken unless `mode` says the database is the
 * embedded one: PGlite is a single session whose transactions run one after another (and no other
 * process can open its folder), so no transaction can create the customer between our look-up and our
 * insert, and the locks would only cost a round trip each. Throws 400 naming `customer.email` when no
 * handle is usable.
 */
export async function findOrCreateCustomer(
  tx: Queryable,
  workspaceId: string,
  handles: CustomerHandles,
  seen: { at: Date; language: Language | null },
  options: { mode?: DatabaseMode } = {},
): Promise<{ customer: CustomerRow; isNew: boolean }> {
  const wanted = (
    [
      ["email", handles.email],
      ["phone", handles.phone],
      ["visitor", handles.visitorId],
      ["external", handles.externalId],
    ] as [IdentityKind, string | null | undefined][]
  )
    .filter((entry): entry is [IdentityKind, string] => Boolean(entry[1]?.trim()))
    .map(([kind, value]) => ({ id: newId(), kind, value, normalized: normalizeIdentity(kind, value) }))
    .filter((identity) => identity.normalized.length > 0);
  if (wanted.length === 0) throw invalid("customer.email", "give an email or a phone number");

  if (options.mode !== "embedded") {
    // Lock in a fixed order so two transactions with overlapping handles cannot deadlock.
    const lockKeys = wanted.map((w) => `${workspaceId}/${w.kind}/${w.normalized}`).sort();
    for (const key of lockKeys)
      await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
  }

  const name = handles.name?.trim() || null;
  const touch = { at: seen.at, name, language: seen.language };
  // One statement touches the customer of the first known handle or, when none is known, creates the
  // customer with their identities and `customer.created`. A number collision (one in ~10^9 per existing
  // customer) writes nothing and just tries another number; nothing was known, so nothing was touched.
  for (let attempt = 0; attempt < 10; attempt++) {
    const id = newId();
    const found = await touchOrInsertCustomer(
      tx,
      workspaceId,
      wanted,
      touch,
      { id, number: randomCustomerNumber() },
      [{ workspaceId, type: "customer.created", payload: { customerId: id } }],
    );
    if (!found.customer) continue;
    if (found.isNew) return { customer: found.customer, isNew: true };
    // A known customer (the identity is the workspace's, so is the customer): their handles not yet known
    // are added, unless someone else's.
    const missing = wanted.filter((_, i) => !found.knownIndexes.includes(i));
    for (const w of missing) {
      await insertIdentity(tx, {
        id: w.id,
        workspaceId,
        customerId: found.customer.id,
        kind: w.kind,
        value: w.value,
      });
    }
    return { customer: found.customer, isNew: false };
  }
  throw new Error("could not find a free customer number");
}
