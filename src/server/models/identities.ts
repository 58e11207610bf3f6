import type { Queryable } from "../db/types.js";

export type IdentityKind = "email" | "phone" | "visitor" | "external";

export interface IdentityRow {
  id: string;
  workspace_id: string;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  value_normalized: string;
  created_at: Date;
}

/**
 * The form an identity is matched by: emails lower-cased, phone numbers as digits only (so "+385 91
 * 234-5678" and "385912345678" are one customer), other handles trimmed. Empty means "no identity".
 */
export function normalizeIdentity(kind: IdentityKind, value: string): string {
  const trimmed = value.trim();
  if (kind === "email") return trimmed.toLowerCase();
  if (kind === "phone") return trimmed.replace(/\D+/g, "");
  return trimmed;
}

const columns = "id, workspace_id, customer_id, kind, value, value_normalized, created_at";

/** A customer's identities, oldest first (the first email is the one shown). */
export async function findCustomerIdentities(db: Queryable, customerId: string): Promise<IdentityRow[]> {
  return db.query<IdentityRow>(
    `SELECT ${columns} FROM identities WHERE customer_id = $1 ORDER BY created_at, id`,
    [customerId],
  );
}

/**
 * Adds an identity to a customer unless another customer already has it (then nothing happens and
 * undefined is returned): identities are unique per workspace.
 */
export async function insertIdentity(
  tx: Queryable,
  identity: { id: string; workspaceId: string; customerId: string; kind: IdentityKind; value: string },
): Promise<IdentityRow | undefined> {
  const rows = await tx.query<IdentityRow>(
    `INSERT INTO identities (id, workspace_id, customer_id, kind, value, value_normalized)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, kind, value_normalized) DO NOTHING
     RETURNING ${columns}`,
    [
      identity.id,
      identity.workspaceId,
      identity.customerId,
      identity.kind,
      identity.value.trim(),
      normalizeIdentity(identity.kind, identity.value),
    ],
  );
  return rows[0];
}

/** Whether `email` is one of the email addresses of the customer of the conversation. */
export async function isConversationCustomerEmail(
  db: Queryable,
  conversationId: string,
  email: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM conversations c JOIN identities i ON i.customer_id = c.customer_id
      WHERE c.id = $1 AND i.kind = 'email' AND i.value_normalized = $2`,
    [conversationId, normalizeIdentity("email", email)],
  );
  return rows.length > 0;
}
