import { isoMicros } from "../db/keyset.js";
import type { Queryable } from "../db/types.js";

export interface NotificationRow {
  id: string;
  workspace_id: string;
  user_id: string;
  kind: string;
  conversation_id: string | null;
  actor_user_id: string | null;
  payload: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
}

/** A notification as its list shows it: with the conversation's number and subject and the actor's name. */
export interface NotificationListRow extends NotificationRow {
  conversation_number: number | null;
  conversation_subject: string | null;
  actor_name: string | null;
  cursor_at: string;
}

export interface NewNotification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: string;
  conversationId: string | null;
  actorUserId: string | null;
  payload: Record<string, unknown>;
}

const columns =
  "n.id, n.workspace_id, n.user_id, n.kind, n.conversation_id, n.actor_user_id, n.payload, n.read_at, n.created_at";

export async function insertNotification(tx: Queryable, n: NewNotification): Promise<NotificationRow> {
  const rows = await tx.query<NotificationRow>(
    `INSERT INTO notifications AS n (id, workspace_id, user_id, kind, conversation_id, actor_user_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${columns}`,
    [n.id, n.workspaceId, n.userId, n.kind, n.conversationId, n.actorUserId, n.payload],
  );
  return rows[0]!;
}

/**
 * Whether a notification's conversation is one the user still sees (`$3`: their inbox ids, null for
 * all): one about a conversation of an inbox they lost access to is left out, like its events.
 */
const visible = "(n.conversation_id IS NULL OR $3::uuid[] IS NULL OR c.inbox_id = ANY($3::uuid[]))";

/**
 * A page of one user's notifications, newest first (keyset on created_at, id), optionally only the
 * unread ones. Scoped to the recipient (nobody lists another's) and to the inboxes they see.
 */
export async function findNotifications(
  db: Queryable,
  userId: string,
  inboxIds: string[] | null,
  page: { isUnreadOnly: boolean; limit: number; after?: { at: string; id: string } },
): Promise<NotificationListRow[]> {
  const params: unknown[] = [userId, page.limit, inboxIds];
  const where = ["n.user_id = $1", visible];
  if (page.isUnreadOnly) where.push("n.read_at IS NULL");
  if (page.after) {
    params.push(page.after.at, page.after.id);
    where.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return db.query<NotificationListRow>(
    `SELECT ${columns}, c.number AS conversation_number, c.subject AS conversation_subject,
            a.name AS actor_name, ${isoMicros("n.created_at")} AS cursor_at
       FROM notifications n
       LEFT JOIN conversations c ON c.id = n.conversation_id
       LEFT JOIN users a ON a.id = n.actor_user_id
      WHERE ${where.join(" AND ")}
      ORDER BY n.created_at DESC, n.id DESC LIMIT $2`,
    params,
  );
}

/**
 * How many unread notifications a user has (of conversations they still see), counted up to `cap`:
 * reads the partial unread index and stops there, so a long-ignored pile costs no more than a full badge.
 */
export async function countUnreadNotifications(
  db: Queryable,
  userId: string,
  inboxIds: string[] | null,
  cap: number,
): Promise<number> {
  const rows = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM
       (SELECT 1 FROM notifications n LEFT JOIN conversations c ON c.id = n.conversation_id
         WHERE n.user_id = $1 AND n.read_at IS NULL AND ${visible} LIMIT $2) unread`,
    [userId, cap, inboxIds],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Marks a user's notifications read: the given ids, or all unread ones when `ids` is null. Ids of
 * someone else's notifications match nothing. Returns the ids that changed.
 */
export async function markNotificationsRead(
  tx: Queryable,
  userId: string,
  ids: string[] | null,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
      RETURNING id`,
    [userId, ids],
  );
  return rows.map((row) => row.id);
}
