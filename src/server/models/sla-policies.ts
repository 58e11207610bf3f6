import type { Queryable } from "../db/types.js";

export interface SlaPolicyRow {
  id: string;
  workspace_id: string;
  name: string;
  position: number;
  is_enabled: boolean;
  priorities: string[];
  inbox_ids: string[];
  tag_ids: string[];
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  warn_percent: number;
  created_at: Date;
  updated_at: Date;
}

export interface SlaPolicyFields {
  name: string;
  isEnabled: boolean;
  priorities: string[];
  inboxIds: string[];
  tagIds: string[];
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  warnPercent: number;
}

const columns = `id, workspace_id, name, position, is_enabled, priorities, inbox_ids, tag_ids,
  first_response_seconds, next_response_seconds, resolution_seconds, warn_percent, created_at, updated_at`;

/** The workspace's policies in the order they are tried (first match wins). */
export async function findSlaPolicies(db: Queryable, workspaceId: string): Promise<SlaPolicyRow[]> {
  return db.query<SlaPolicyRow>(
    `SELECT ${columns} FROM sla_policies WHERE workspace_id = $1 ORDER BY position, created_at, id`,
    [workspaceId],
  );
}

export async function findSlaPolicy(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<SlaPolicyRow | undefined> {
  const rows = await db.query<SlaPolicyRow>(
    `SELECT ${columns} FROM sla_policies WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

const values = (f: SlaPolicyFields) => [
  f.name,
  f.isEnabled,
  f.priorities,
  f.inboxIds,
  f.tagIds,
  f.firstResponseSeconds,
  f.nextResponseSeconds,
  f.resolutionSeconds,
  f.warnPercent,
];

/** A new policy, tried after the existing ones. */
export async function insertSlaPolicy(
  tx: Queryable,
  workspaceId: string,
  id: string,
  fields: SlaPolicyFields,
): Promise<SlaPolicyRow> {
  const rows = await tx.query<SlaPolicyRow>(
    `INSERT INTO sla_policies (id, workspace_id, position, name, is_enabled, priorities, inbox_ids, tag_ids,
       first_response_seconds, next_response_seconds, resolution_seconds, warn_percent)
     VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM sla_policies WHERE workspace_id = $2),
       $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING ${columns}`,
    [id, workspaceId, ...values(fields)],
  );
  return rows[0]!;
}

export async function updateSlaPolicyRow(
  tx: Queryable,
  workspaceId: string,
  id: string,
  fields: SlaPolicyFields,
): Promise<SlaPolicyRow | undefined> {
  const rows = await tx.query<SlaPolicyRow>(
    `UPDATE sla_policies SET name = $3, is_enabled = $4, priorities = $5, inbox_ids = $6, tag_ids = $7,
       first_response_seconds = $8, next_response_seconds = $9, resolution_seconds = $10, warn_percent = $11,
       updated_at = now()
     WHERE workspace_id = $1 AND id = $2
     RETURNING ${columns}`,
    [workspaceId, id, ...values(fields)],
  );
  return rows[0];
}

export async function deleteSlaPolicyRow(tx: Queryable, workspaceId: string, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    "DELETE FROM sla_policies WHERE workspace_id = $1 AND id = $2 RETURNING id",
    [workspaceId, id],
  );
  return rows.length > 0;
}

/** Puts the policies in the given order (ids of the workspace; others keep their place after them). */
export async function reorderSlaPolicies(tx: Queryable, workspaceId: string, ids: string[]): Promise<void> {
  await tx.query(
    `UPDATE sla_policies p SET position = o.n, updated_at = now()
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o (id, n)
      WHERE p.workspace_id = $1 AND p.id = o.id`,
    [workspaceId, ids],
  );
}

/** Locks the workspace's policies while they are reordered or added (two admins at once keep one order). */
export async function lockSlaPolicies(tx: Queryable, workspaceId: string): Promise<void> {
  await tx.query("SELECT id FROM sla_policies WHERE workspace_id = $1 FOR UPDATE", [workspaceId]);
}
