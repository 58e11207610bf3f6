import type { Queryable } from "../db/types.js";

/** How new conversations of an inbox find their agent (docs/assignment.md). */
export type AssignmentMode = "manual" | "round_robin" | "balanced";

/** An inbox's assignment rule (migration 0019); an inbox without a row is manual with no options. */
export interface InboxAssignmentRow {
  inbox_id: string;
  workspace_id: string;
  mode: AssignmentMode;
  team_id: string | null;
  sticky_days: number | null;
  reassign_away_minutes: number | null;
  /** The round-robin cursor: who got the last turn. */
  last_assignee_id: string | null;
  updated_at: Date;
}

/** The part of a rule people set; null (and 0 sticky days) turns an option off. */
export interface AssignmentSettings {
  mode: AssignmentMode;
  teamId: string | null;
  stickyDays: number | null;
  reassignAwayMinutes: number | null;
}

const columns =
  "inbox_id, workspace_id, mode, team_id, sticky_days, reassign_away_minutes, last_assignee_id, updated_at";

/** The rule of an inbox of the workspace, or undefined when it has none (manual). */
export async function findInboxAssignment(
  db: Queryable,
  workspaceId: string,
  inboxId: string,
): Promise<InboxAssignmentRow | undefined> {
  const rows = await db.query<InboxAssignmentRow>(
    `SELECT ${columns} FROM inbox_assignment WHERE workspace_id = $1 AND inbox_id = $2`,
    [workspaceId, inboxId],
  );
  return rows[0];
}

/**
 * The rule of an inbox, locked until the transaction ends: the round-robin cursor is read and moved by
 * one transaction at a time, whichever process it runs in.
 */
export async function lockInboxAssignment(
  tx: Queryable,
  inboxId: string,
): Promise<InboxAssignmentRow | undefined> {
  const rows = await tx.query<InboxAssignmentRow>(
    `SELECT ${columns} FROM inbox_assignment WHERE inbox_id = $1 FOR UPDATE`,
    [inboxId],
  );
  return rows[0];
}

/** Every rule of the workspace with an automatic mode (round robin or balanced). */
export async function findAutomaticAssignments(
  db: Queryable,
  workspaceId: string,
): Promise<InboxAssignmentRow[]> {
  return db.query<InboxAssignmentRow>(
    `SELECT ${columns} FROM inbox_assignment WHERE workspace_id = $1 AND mode <> 'manual' ORDER BY inbox_id`,
    [workspaceId],
  );
}

/** Creates or replaces an inbox's rule; the round-robin cursor is kept. */
export async function upsertInboxAssignment(
  tx: Queryable,
  workspaceId: string,
  inboxId: string,
  settings: AssignmentSettings,
): Promise<InboxAssignmentRow> {
  const rows = await tx.query<InboxAssignmentRow>(
    `INSERT INTO inbox_assignment (inbox_id, workspace_id, mode, team_id, sticky_days, reassign_away_minutes)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (inbox_id) DO UPDATE SET mode = EXCLUDED.mode, team_id = EXCLUDED.team_id,
       sticky_days = EXCLUDED.sticky_days, reassign_away_minutes = EXCLUDED.reassign_away_minutes,
       updated_at = now()
     RETURNING ${columns}`,
    [inboxId, workspaceId, settings.mode, settings.teamId, settings.stickyDays, settings.reassignAwayMinutes],
  );
  return rows[0]!;
}

/** Moves the round-robin cursor to the agent who just got a turn. */
export async function moveRoundRobinCursor(tx: Queryable, inboxId: string, userId: string): Promise<void> {
  await tx.query("UPDATE inbox_assignment SET last_assignee_id = $2 WHERE inbox_id = $1", [inboxId, userId]);
}
