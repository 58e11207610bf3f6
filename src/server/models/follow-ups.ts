import type { Queryable } from "../db/types.js";

export interface FollowUpRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  due_at: Date;
  note: string;
  created_by: string | null;
  created_at: Date;
  fired_at: Date | null;
  cancelled_at: Date | null;
}

/** A pending follow-up with the name of who set it, as the conversation shows it. */
export interface FollowUpViewRow extends FollowUpRow {
  created_by_name: string | null;
}

/** A due follow-up with what firing it needs from its conversation (locked with it). */
export interface DueFollowUpRow extends FollowUpRow {
  conversation_status: "open" | "pending" | "snoozed" | "resolved";
  conversation_assignee_id: string | null;
}

const columns = `f.id, f.workspace_id, f.conversation_id, f.due_at, f.note, f.created_by, f.created_at,
  f.fired_at, f.cancelled_at`;

/** Inserts a pending follow-up; the caller cancels the conversation's previous one first (one pending each). */
export async function insertFollowUp(
  tx: Queryable,
  f: {
    id: string;
    workspaceId: string;
    conversationId: string;
    dueAt: Date;
    note: string;
    createdBy: string;
  },
): Promise<FollowUpRow> {
  const rows = await tx.query<FollowUpRow>(
    `INSERT INTO follow_ups AS f (id, workspace_id, conversation_id, due_at, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${columns}`,
    [f.id, f.workspaceId, f.conversationId, f.dueAt, f.note, f.createdBy],
  );
  return rows[0]!;
}

/**
 * Cancels the conversation's pending follow-up, if any, and returns it. A follow-up a worker is firing
 * right now is locked: this waits for that transaction, and then finds it fired and leaves it.
 */
export async function cancelPendingFollowUp(
  tx: Queryable,
  conversationId: string,
): Promise<FollowUpRow | undefined> {
  const rows = await tx.query<FollowUpRow>(
    `UPDATE follow_ups f SET cancelled_at = now()
      WHERE f.conversation_id = $1 AND f.fired_at IS NULL AND f.cancelled_at IS NULL
      RETURNING ${columns}`,
    [conversationId],
  );
  return rows[0];
}

/** The pending follow-ups of these conversations, with their creator's name (one query for any number). */
export async function findPendingFollowUps(
  db: Queryable,
  conversationIds: string[],
): Promise<FollowUpViewRow[]> {
  return db.query<FollowUpViewRow>(
    `SELECT ${columns}, u.name AS created_by_name
       FROM follow_ups f LEFT JOIN users u ON u.id = f.created_by
      WHERE f.conversation_id = ANY($1::uuid[]) AND f.fired_at IS NULL AND f.cancelled_at IS NULL`,
    [conversationIds],
  );
}

/**
 * Pending follow-ups whose time has come, oldest first, each locked together with its conversation.
 * SKIP LOCKED passes over rows another transaction holds: another worker firing them, or an agent
 * changing that conversation or its follow-up right now (those are due again on the next pass). Never
 * waiting also means never waiting in the opposite lock order of an agent's change, so no deadlock.
 */
export async function lockDueFollowUps(tx: Queryable, now: Date, limit: number): Promise<DueFollowUpRow[]> {
  return tx.query<DueFollowUpRow>(
    `SELECT ${columns}, c.status AS conversation_status, c.assignee_id AS conversation_assignee_id
       FROM follow_ups f JOIN conversations c ON c.id = f.conversation_id
      WHERE f.fired_at IS NULL AND f.cancelled_at IS NULL AND f.due_at <= $1
      ORDER BY f.due_at LIMIT $2
        FOR UPDATE OF f, c SKIP LOCKED`,
    [now, limit],
  );
}

/** Marks locked follow-ups fired (now), so no later pass fires them again. */
export async function markFollowUpsFired(tx: Queryable, ids: string[]): Promise<void> {
  await tx.query("UPDATE follow_ups SET fired_at = now() WHERE id = ANY($1::uuid[])", [ids]);
}

/** When the next pending follow-up is due, or null when none is pending (reads the partial index). */
export async function findNextFollowUpDueAt(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "SELECT min(due_at) AS at FROM follow_ups WHERE fired_at IS NULL AND cancelled_at IS NULL",
  );
  return rows[0]?.at ?? null;
}
