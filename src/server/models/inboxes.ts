import type { Queryable } from "../db/types.js";

export type Channel = "email" | "chat" | "phone" | "api";
export type InboxAccess = "all" | "members";

export interface InboxRow {
  id: string;
  workspace_id: string;
  name: string;
  channel: Channel;
  address: string | null;
  widget_key: string | null;
  access: InboxAccess;
  /** Email inboxes: answer a new conversation with an acknowledgement. */
  auto_acknowledge: boolean;
  /** The business-hours calendar it follows; null: always open. */
  calendar_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What the inbox policy needs to decide whether a user sees an inbox. */
export interface InboxAccessRow {
  id: string;
  access: InboxAccess;
  is_member: boolean;
}

const columns =
  "id, workspace_id, name, channel, address, widget_key, access, auto_acknowledge, calendar_id, created_at, updated_at";

/** Every inbox of the workspace, by name. */
export async function findInboxes(db: Queryable, workspaceId: string): Promise<InboxRow[]> {
  return db.query<InboxRow>(
    `SELECT ${columns} FROM inboxes WHERE workspace_id = $1 ORDER BY lower(name), id`,
    [workspaceId],
  );
}

/** One inbox of the workspace, or undefined (also for another workspace's inbox). */
export async function findInbox(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<InboxRow | undefined> {
  const rows = await db.query<InboxRow>(
    `SELECT ${columns} FROM inboxes WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/** The inbox receiving mail at `address` (case-insensitive), in any workspace: addresses route mail. */
export async function findInboxByAddress(db: Queryable, address: string): Promise<InboxRow | undefined> {
  const rows = await db.query<InboxRow>(`SELECT ${columns} FROM inboxes WHERE lower(address) = lower($1)`, [
    address,
  ]);
  return rows[0];
}

/** The chat inbox a widget identifies itself with, in any workspace. */
export async function findInboxByWidgetKey(db: Queryable, widgetKey: string): Promise<InboxRow | undefined> {
  const rows = await db.query<InboxRow>(`SELECT ${columns} FROM inboxes WHERE widget_key = $1`, [widgetKey]);
  return rows[0];
}

/** Access facts of every inbox of the workspace for one user: its access mode and the user's membership. */
export async function findInboxAccess(
  db: Queryable,
  workspaceId: string,
  userId: string,
): Promise<InboxAccessRow[]> {
  return db.query<InboxAccessRow>(
    `SELECT i.id, i.access, (m.user_id IS NOT NULL) AS is_member
       FROM inboxes i LEFT JOIN inbox_members m ON m.inbox_id = i.id AND m.user_id = $2
      WHERE i.workspace_id = $1`,
    [workspaceId, userId],
  );
}

/**
 * SQL selecting the ids of the inboxes an agent sees, given the placeholders of the workspace and user
 * ids: open-to-all inboxes and those they are a member of. It states `canSeeInbox` (policies/inbox-policy)
 * for agents in SQL, for queries that scope in one statement; inbox-policy.test.ts checks that the two
 * agree. Owners and admins see every inbox and need no such filter.
 */
export const visibleInboxesSql = (workspace: string, user: string): string =>
  `SELECT i.id FROM inboxes i WHERE i.workspace_id = ${workspace} AND (i.access = 'all' OR EXISTS
     (SELECT 1 FROM inbox_members m WHERE m.inbox_id = i.id AND m.user_id = ${user}::uuid))`;

export interface NewInbox {
  id: string;
  workspaceId: string;
  name: string;
  channel: Channel;
  address: string | null;
  widgetKey: string | null;
  access: InboxAccess;
  autoAcknowledge?: boolean;
}

/** Inserts an inbox; a taken address surfaces as the unique violation of `inboxes_address_key`. */
export async function insertInbox(tx: Queryable, inbox: NewInbox): Promise<InboxRow> {
  const rows = await tx.query<InboxRow>(
    `INSERT INTO inboxes (id, workspace_id, name, channel, address, widget_key, access, auto_acknowledge)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
    [
      inbox.id,
      inbox.workspaceId,
      inbox.name,
      inbox.channel,
      inbox.address,
      inbox.widgetKey,
      inbox.access,
      inbox.autoAcknowledge ?? false,
    ],
  );
  return rows[0]!;
}

/** Changes name, access and/or acknowledgements; undefined when the inbox is not the workspace's. */
export async function updateInbox(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: { name?: string; access?: InboxAccess; autoAcknowledge?: boolean },
): Promise<InboxRow | undefined> {
  const rows = await tx.query<InboxRow>(
    `UPDATE inboxes SET name = coalesce($3, name), access = coalesce($4, access),
            auto_acknowledge = coalesce($5, auto_acknowledge), updated_at = now()
      WHERE workspace_id = $1 AND id = $2 RETURNING ${columns}`,
    [workspaceId, id, patch.name ?? null, patch.access ?? null, patch.autoAcknowledge ?? null],
  );
  return rows[0];
}

/** Member user ids of the given inboxes, as rows (inbox_id, user_id). */
export async function findInboxMembers(
  db: Queryable,
  inboxIds: string[],
): Promise<{ inbox_id: string; user_id: string }[]> {
  if (inboxIds.length === 0) return [];
  return db.query<{ inbox_id: string; user_id: string }>(
    "SELECT inbox_id, user_id FROM inbox_members WHERE inbox_id = ANY($1::uuid[]) ORDER BY inbox_id, user_id",
    [inboxIds],
  );
}

/** True when the user is a member of the inbox. */
export async function isInboxMember(db: Queryable, inboxId: string, userId: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM inbox_members WHERE inbox_id = $1 AND user_id = $2", [
    inboxId,
    userId,
  ]);
  return rows.length > 0;
}

/** Makes `userIds` the inbox's exact member list. */
export async function replaceInboxMembers(
  tx: Queryable,
  workspaceId: string,
  inboxId: string,
  userIds: string[],
): Promise<void> {
  await tx.query("DELETE FROM inbox_members WHERE inbox_id = $1 AND NOT (user_id = ANY($2::uuid[]))", [
    inboxId,
    userIds,
  ]);
  await tx.query(
    `INSERT INTO inbox_members (workspace_id, inbox_id, user_id)
     SELECT $1, $2, u FROM unnest($3::uuid[]) AS u ON CONFLICT DO NOTHING`,
    [workspaceId, inboxId, userIds],
  );
}
