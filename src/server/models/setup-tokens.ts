import type { Queryable } from "../db/types.js";

export async function insertSetupToken(db: Queryable, t: { id: string; tokenHash: string; hours: number }) {
  await db.query(
    `INSERT INTO setup_tokens (id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [t.id, t.tokenHash, t.hours],
  );
}

/** Marks the token used; true only for the first use of a live token (single use, under concurrency too). */
export async function consumeSetupToken(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE setup_tokens SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
    [tokenHash],
  );
  return rows.length > 0;
}

/**
 * Serializes first-start work until the transaction ends: the first owner is created by whoever takes
 * this lock first, and anyone after it sees that user. Plain reads of the table are not blocked.
 */
export async function lockSetup(tx: Queryable): Promise<void> {
  await tx.query("LOCK TABLE setup_tokens IN EXCLUSIVE MODE");
}
