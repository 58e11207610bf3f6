import type { Queryable } from "../db/types.js";
import { conversationColumns, type ConversationRow } from "./conversations.js";

/**
 * Conversations as the assignment rule reads them: a returning customer's last owner, new conversations
 * of agents who went away, the unassigned backlog. The rules themselves are in migration 0019 and
 * docs/assignment.md.
 */

/**
 * Who owned the customer's most recently active other conversation that had an owner and was active at
 * or after `since`; null when none did.
 */
export async function findLastOwner(
  db: Queryable,
  opts: { workspaceId: string; customerId: string; exceptConversationId: string; since: Date },
): Promise<string | null> {
  const rows = await db.query<{ assignee_id: string }>(
    `SELECT c.assignee_id FROM conversations c
      WHERE c.customer_id = $2 AND c.workspace_id = $1 AND c.id <> $3 AND c.assignee_id IS NOT NULL
        AND c.last_message_at >= $4
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT 1`,
    [opts.workspaceId, opts.customerId, opts.exceptConversationId, opts.since],
  );
  return rows[0]?.assignee_id ?? null;
}

// A conversation is "new" while nobody has replied; its agent is away or offline, for at least the
// inbox's reassign_away_minutes by `now`.
const awayDue = `FROM conversations c
       JOIN inbox_assignment s ON s.inbox_id = c.inbox_id AND s.reassign_away_minutes IS NOT NULL
       JOIN users u ON u.id = c.assignee_id
      WHERE c.status = 'open' AND c.first_reply_at IS NULL AND u.availability <> 'online'`;
const isDue = "u.availability_changed_at + s.reassign_away_minutes * interval '1 minute' <= $1";

/** The workspaces that have a new conversation due for away reassignment at `now`. */
export async function findWorkspacesWithAwayDue(db: Queryable, now: Date): Promise<string[]> {
  const rows = await db.query<{ workspace_id: string }>(
    `SELECT DISTINCT c.workspace_id ${awayDue} AND ${isDue}`,
    [now],
  );
  return rows.map((row) => row.workspace_id);
}

/** A conversation due for away reassignment, with its agent's name and the inbox's threshold. */
export interface AwayDueRow extends ConversationRow {
  away_name: string;
  reassign_away_minutes: number;
}

/**
 * The workspace's conversations due for away reassignment, oldest first, locked; rows another
 * transaction holds are skipped, so two workers never handle one conversation twice.
 */
export async function lockAwayDue(
  tx: Queryable,
  workspaceId: string,
  now: Date,
  limit: number,
): Promise<AwayDueRow[]> {
  return tx.query<AwayDueRow>(
    `SELECT ${conversationColumns}, u.name AS away_name, s.reassign_away_minutes
       ${awayDue} AND ${isDue} AND c.workspace_id = $2
      ORDER BY c.created_at, c.id LIMIT $3
      FOR UPDATE OF c SKIP LOCKED`,
    [now, workspaceId, limit],
  );
}

/** When the next away reassignment falls due (possibly already past), or null when none is waiting. */
export async function findNextAwayDue(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    `SELECT min(u.availability_changed_at + s.reassign_away_minutes * interval '1 minute') AS at ${awayDue}`,
  );
  return rows[0]?.at ?? null;
}

/**
 * Open, unassigned conversations of the given inboxes whose rule is automatic, oldest first, locked
 * (skipping rows someone else is changing right now).
 */
export async function lockBacklog(
  tx: Queryable,
  workspaceId: string,
  inboxIds: string[],
  limit: number,
): Promise<ConversationRow[]> {
  return tx.query<ConversationRow>(
    `SELECT ${conversationColumns} FROM conversations c
       JOIN inbox_assignment s ON s.inbox_id = c.inbox_id AND s.mode <> 'manual'
      WHERE c.workspace_id = $1 AND c.inbox_id = ANY($2::uuid[]) AND c.status = 'open' AND c.assignee_id IS NULL
      ORDER BY c.created_at, c.id LIMIT $3
      FOR UPDATE OF c SKIP LOCKED`,
    [workspaceId, inboxIds, limit],
  );
}
