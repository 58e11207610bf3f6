import type { Queryable } from "../db/types.js";

export interface NewEvent {
  workspaceId: string;
  type: string;
  conversationId?: string | null;
  actorUserId?: string | null;
  payload?: Record<string, unknown>;
}

export interface EventRow {
  id: number;
  workspace_id: string;
  type: string;
  conversation_id: string | null;
  actor_user_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** Every command calls this inside its transaction, so the event exists exactly when the change does. */
export async function recordEvent(tx: Queryable, event: NewEvent): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO events (workspace_id, type, conversation_id, actor_user_id, payload)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      event.workspaceId,
      event.type,
      event.conversationId ?? null,
      event.actorUserId ?? null,
      event.payload ?? {},
    ],
  );
  return rows[0]!.id;
}

/**
 * Several events of one command in one statement (a new conversation records two or three): one round
 * trip instead of one each. Ids come back in the order given.
 */
export async function recordEvents(tx: Queryable, events: NewEvent[]): Promise<number[]> {
  if (events.length === 1) return [await recordEvent(tx, events[0]!)];
  const insert = insertEventsSql(events, 1);
  const rows = await tx.query<{ id: number }>(`${insert.text} RETURNING id`, insert.params);
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/**
 * The INSERT of `events` (ids in the order given) as SQL text with parameters numbered from `first`, and
 * those parameters: for a statement that writes its rows and their events together (a data-modifying
 * WITH), one round trip instead of two. `onlyIf`, an SQL condition, writes them only when it holds (say,
 * when an earlier part of the statement inserted its row).
 */
export function insertEventsSql(
  events: NewEvent[],
  first: number,
  onlyIf?: string,
  /** The payload written, as an SQL expression of `e.payload` (say, adding what the statement takes). */
  payload = "e.payload",
): { text: string; params: unknown[] } {
  const [workspaceIds, types, conversationIds, actorIds, payloads] = [0, 1, 2, 3, 4].map(
    (i) => `$${first + i}`,
  );
  return {
    text: `INSERT INTO events (workspace_id, type, conversation_id, actor_user_id, payload)
     SELECT e.workspace_id, e.type, e.conversation_id, e.actor_user_id, ${payload}
       FROM unnest(${workspaceIds}::uuid[], ${types}::text[], ${conversationIds}::uuid[], ${actorIds}::uuid[],
                   ${payloads}::jsonb[]) WITH ORDINALITY
            AS e (workspace_id, type, conversation_id, actor_user_id, payload, n)
      ${onlyIf ? `WHERE ${onlyIf}` : ""}
      ORDER BY e.n`,
    params: [
      events.map((e) => e.workspaceId),
      events.map((e) => e.type),
      events.map((e) => e.conversationId ?? null),
      events.map((e) => e.actorUserId ?? null),
      events.map((e) => JSON.stringify(e.payload ?? {})),
    ],
  };
}

/** The workspace's newest event id (0 when it has none): where a new client starts following events. */
export async function findLatestEventId(db: Queryable, workspaceId: string): Promise<number> {
  const rows = await db.query<{ id: number | null }>(
    "SELECT max(id) AS id FROM events WHERE workspace_id = $1",
    [workspaceId],
  );
  return Number(rows[0]?.id ?? 0);
}

export async function findEvents(
  db: Queryable,
  workspaceId: string,
  opts: { afterId?: number; conversationId?: string; limit: number },
): Promise<EventRow[]> {
  return db.query<EventRow>(
    `SELECT id, workspace_id, type, conversation_id, actor_user_id, payload, created_at
       FROM events
      WHERE workspace_id = $1 AND id > $2 AND ($3::uuid IS NULL OR conversation_id = $3)
      ORDER BY id LIMIT $4`,
    [workspaceId, opts.afterId ?? 0, opts.conversationId ?? null, opts.limit],
  );
}

/** A conversation's events whose type starts with `prefix` (e.g. "sla."), oldest first. */
export async function findConversationEventsOfType(
  db: Queryable,
  conversationId: string,
  prefix: string,
  limit = 500,
): Promise<EventRow[]> {
  return db.query<EventRow>(
    `SELECT id, workspace_id, type, conversation_id, actor_user_id, payload, created_at
       FROM events WHERE conversation_id = $1 AND starts_with(type, $2)
      ORDER BY id LIMIT $3`,
    [conversationId, prefix, limit],
  );
}
