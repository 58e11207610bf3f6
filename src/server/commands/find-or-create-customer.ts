import { randomInt } from "node:crypto";
import type { Queryable } from "../db/types.js";
import { invalid } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { newId } from "../lib/ids.js";
import {
  CUSTOMER_NUMBER_ALPHABET,
  insertCustomer,
  touchCustomer,
  type CustomerRow,
} from "../models/customers.js";
import {
  findIdentities,
  insertIdentity,
  normalizeIdentity,
  type IdentityKind,
} from "../models/identities.js";
import { recordEvent } from "../models/events.js";

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
 * from one address create one customer. Throws 400 naming `customer.email` when no handle is usable.
 */
export async function findOrCreateCustomer(
  tx: Queryable,
  workspaceId: string,
  handles: CustomerHandles,
  seen: { at: Date; language: Language | null },
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
    .map(([kind, value]) => ({ kind, value, normalized: normalizeIdentity(kind, value) }))
    .filter((identity) => identity.normalized.length > 0);
  if (wanted.length === 0) throw invalid("customer.email", "give an email or a phone number");

  // Lock in a fixed order so two transactions with overlapping handles cannot deadlock.
  const lockKeys = wanted.map((w) => `${workspaceId}/${w.kind}/${w.normalized}`).sort();
  for (const key of lockKeys) await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);

  const known = await findIdentities(tx, workspaceId, wanted);
  const match = wanted
    .map((w) => known.find((k) => k.kind === w.kind && k.value_normalized === w.normalized))
    .find(Boolean);
  const name = handles.name?.trim() || null;

  let customer: CustomerRow | undefined;
  let isNew = false;
  // A known customer is read back by touchCustomer below (the identity is the workspace's, so is the
  // customer); only a new one is inserted first.
  if (!match) {
    // A number collision (one in ~10^9 per existing customer) just tries another number.
    for (let attempt = 0; !customer && attempt < 10; attempt++) {
      customer = await insertCustomer(tx, {
        id: newId(),
        workspaceId,
        number: randomCustomerNumber(),
        name,
        language: seen.language,
      });
    }
    if (!customer) throw new Error("could not find a free customer number");
    isNew = true;
    await recordEvent(tx, { workspaceId, type: "customer.created", payload: { customerId: customer.id } });
  }
  const customerId = match?.customer_id ?? customer!.id;
  for (const w of wanted) {
    if (known.some((k) => k.kind === w.kind && k.value_normalized === w.normalized)) continue;
    await insertIdentity(tx, {
      id: newId(),
      workspaceId,
      customerId,
      kind: w.kind,
      value: w.value,
    });
  }
  customer = await touchCustomer(tx, customerId, { at: seen.at, name, language: seen.language });
  return { customer, isNew };
}
