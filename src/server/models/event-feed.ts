import type { Queryable } from "../db/types.js";
import type { EventRow } from "./events.js";

/**
 * Events after `afterId` that a user may see, oldest first: conversation events only for conversations in
 * the given inboxes (null: every inbox), inbox events only for those inboxes, other users' sign-ins
 * and API tokens never, and notification events only to their recipient (`payload.userId`). Reads the
 * (workspace_id, id) or (conversation_id, id) index.
 */
export async function findVisibleEvents(
  db: Queryable,
  opts: {
    workspaceId: string;
    userId: string;
    inboxIds: string[] | null;
    afterId: number;
    conversationId?: string;
    limit: number;
  },
): Promise<EventRow[]> {
  return db.query<EventRow>(
    `SELECT e.id, e.workspace_id, e.type, e.conversation_id, e.actor_user_id, e.payload, e.created_at
       FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id
      WHERE e.workspace_id = $1 AND e.id > $2
        AND ($3::uuid IS NULL OR e.conversation_id = $3::uuid)
        AND (e.conversation_id IS NULL
             OR (c.id IS NOT NULL AND ($4::uuid[] IS NULL OR c.inbox_id = ANY($4::uuid[]))))
        AND (e.type NOT LIKE 'inbox.%' OR $4::uuid[] IS NULL OR (e.payload->>'inboxId')::uuid = ANY($4::uuid[]))
        AND (e.actor_user_id IS NOT DISTINCT FROM $5::uuid
             OR NOT (e.type LIKE 'session.%' OR e.type LIKE 'api\\_token.%'))
        AND (e.type NOT LIKE 'notification.%' OR e.payload->>'userId' IS NOT DISTINCT FROM $5::uuid::text)
      ORDER BY e.id
      LIMIT $6`,
    [opts.workspaceId, opts.afterId, opts.conversationId ?? null, opts.inboxIds, opts.userId, opts.limit],
  );
}

/** An event with what fan-out needs to decide who may see it without another query. */
export interface TailEventRow extends EventRow {
  /** The conversation's inbox; null when the event has no conversation or it was deleted. */
  conversation_inbox_id: string | null;
  conversation_exists: boolean;
  /** Chat: the widget visitor the conversation belongs to (a widget socket watches for its own). */
  conversation_visitor_id: string | null;
}

/**
 * Events of every workspace after `afterId`, oldest first, with their conversation's inbox: what the
 * realtime fan-out of one process reads after each wake-up (the primary key's order).
 */
export async function findEventsAfter(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<TailEventRow[]> {
  return db.query<TailEventRow>(
    `SELECT e.id, e.workspace_id, e.type, e.conversation_id, e.actor_user_id, e.payload, e.created_at,
            c.inbox_id AS conversation_inbox_id, (c.id IS NOT NULL) AS conversation_exists,
            c.visitor_id AS conversation_visitor_id
       FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id
      WHERE e.id > $1
      ORDER BY e.id
      LIMIT $2`,
    [afterId, limit],
  );
}

/** The newest event id of all workspaces (0 when there is none): where a process's fan-out starts. */
export async function findNewestEventId(db: Queryable): Promise<number> {
  const rows = await db.query<{ id: number | null }>("SELECT max(id) AS id FROM events");
  return Number(rows[0]?.id ?? 0);
}

/** The events with these ids (a fan-out looking again at ids it skipped: transactions still open then). */
export async function findEventsByIds(db: Queryable, ids: number[]): Promise<TailEventRow[]> {
  return db.query<TailEventRow>(
    `SELECT e.id, e.workspace_id, e.type, e.conversation_id, e.actor_user_id, e.payload, e.created_at,
            c.inbox_id AS conversation_inbox_id, (c.id IS NOT NULL) AS conversation_exists,
            c.visitor_id AS conversation_visitor_id
       FROM events e LEFT JOIN conversations c ON c.id = e.conversation_id
      WHERE e.id = ANY($1::bigint[])
      ORDER BY e.id`,
    [ids],
  );
}
