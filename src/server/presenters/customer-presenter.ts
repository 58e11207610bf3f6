import { z } from "zod";
import type { CustomerRow, CustomerSummaryRow } from "../models/customers.js";
import type { IdentityRow } from "../models/identities.js";

const ZLanguage = z.enum(["en", "ru", "hr", "sk"]);

/** A customer as shown beside a conversation. */
export const ZCustomerSummary = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type TCustomerSummary = z.infer<typeof ZCustomerSummary>;

/** One handle of the customer on a channel. */
export const ZIdentity = z.object({
  id: z.string(),
  kind: z.enum(["email", "phone", "visitor", "external"]),
  value: z.string(),
  createdAt: z.string(),
});

/** A customer in lists and search results. */
export const ZCustomer = ZCustomerSummary.extend({
  language: ZLanguage.nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});
export type TCustomer = z.infer<typeof ZCustomer>;

/** A customer row (with its first email and phone) as the API shows it. */
export function presentCustomer(row: CustomerSummaryRow): TCustomer {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
  };
}

/** A customer row plus identities, with the first email and phone picked out for display. */
export function customerSummaryFrom(row: CustomerRow, identities: IdentityRow[]): CustomerSummaryRow {
  return {
    ...row,
    email: identities.find((i) => i.kind === "email")?.value ?? null,
    phone: identities.find((i) => i.kind === "phone")?.value ?? null,
  };
}

/** An identity as the API shows it (the normalized form is internal). */
export function presentIdentity(row: IdentityRow): z.infer<typeof ZIdentity> {
  return { id: row.id, kind: row.kind, value: row.value, createdAt: row.created_at.toISOString() };
}
