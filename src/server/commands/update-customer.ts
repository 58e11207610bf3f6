import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { updateCustomer as updateCustomerRow, type CustomerRow } from "../models/customers.js";
import { recordEvent } from "../models/events.js";

/**
 * Corrects a customer's name or preferred language (null clears it) and records `customer.updated`.
 * Throws 404 for a customer that is not the workspace's.
 */
export async function updateCustomer(
  db: Database,
  actor: Actor,
  id: string,
  patch: { name?: string | null; language?: Language | null },
): Promise<CustomerRow> {
  const name = patch.name === undefined ? undefined : patch.name?.trim() || null;
  return db.transaction(async (tx) => {
    const customer = await updateCustomerRow(tx, actor.workspaceId, id, { name, language: patch.language });
    if (!customer) throw notFound("Customer");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "customer.updated",
      actorUserId: actor.userId,
      payload: { customerId: id, fields: Object.keys(patch) },
    });
    return customer;
  });
}
