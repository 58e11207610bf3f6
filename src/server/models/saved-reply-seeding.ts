import type { Queryable } from "../db/types.js";

/** Whether the workspace got its starter saved replies already (a cheap check before locking). */
export async function hasSavedRepliesSeeded(db: Queryable, workspaceId: string): Promise<boolean> {
  const rows = await db.query<{ seeded: boolean }>(
    "SELECT saved_replies_seeded_at IS NOT NULL AS seeded FROM workspaces WHERE id = $1",
    [workspaceId],
  );
  return rows[0]?.seeded ?? true;
}

/**
 * Locks the workspace row for seeding and reads its default language and whether it is seeded. FOR NO
 * KEY UPDATE: a second seeder waits here and then finds it seeded, while inserts that merely reference
 * the workspace (conversations, messages) are not held up.
 */
export async function lockWorkspaceForSeeding(
  tx: Queryable,
  workspaceId: string,
): Promise<{ default_language: string; seeded: boolean } | undefined> {
  const rows = await tx.query<{ default_language: string; seeded: boolean }>(
    `SELECT default_language, saved_replies_seeded_at IS NOT NULL AS seeded FROM workspaces
      WHERE id = $1 FOR NO KEY UPDATE`,
    [workspaceId],
  );
  return rows[0];
}

export async function markSavedRepliesSeeded(tx: Queryable, workspaceId: string): Promise<void> {
  await tx.query("UPDATE workspaces SET saved_replies_seeded_at = now() WHERE id = $1", [workspaceId]);
}
