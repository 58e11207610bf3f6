import type { Queryable } from "../db/types.js";

/**
 * Stores content under its sha256 unless it is already there: one row per distinct content, however
 * many messages (or workspaces) carry it. The caller computed the hash from these exact bytes.
 */
export async function insertBlob(tx: Queryable, sha256: string, content: Buffer): Promise<void> {
  await tx.query(
    "INSERT INTO blobs (sha256, content, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
    [sha256, content, content.length],
  );
}

/** The stored bytes of one content; undefined when no such blob exists. */
export async function findBlobContent(db: Queryable, sha256: string): Promise<Buffer | undefined> {
  const rows = await db.query<{ content: Buffer }>("SELECT content FROM blobs WHERE sha256 = $1", [sha256]);
  return rows[0]?.content;
}
