/**
 * SQL checks that a generated data set is what the app itself would have written: every derived column
 * agrees with the rows it is derived from, and the trigger-kept folder counts equal a fresh count. A
 * benchmark over inconsistent data would measure the wrong thing, so the runner stops when one fails.
 */
import type { Queryable } from "../src/server/db/types.js";

export interface DataCheck {
  name: string;
  /** Rows violating the rule; 0 means the check passed. */
  violations: number;
}

const checks: { name: string; sql: string }[] = [
  {
    name: "message_count = non-activity messages",
    sql: `SELECT count(*) FROM conversations c
           WHERE c.workspace_id = $1
             AND c.message_count <> (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.kind <> 'activity')`,
  },
  {
    name: "last_message_at = newest message",
    sql: `SELECT count(*) FROM conversations c
           WHERE c.workspace_id = $1
             AND c.last_message_at IS DISTINCT FROM
                 (SELECT max(created_at) FROM messages m WHERE m.conversation_id = c.id AND m.kind <> 'activity')`,
  },
  {
    name: "preview = start of the newest message",
    sql: `SELECT count(*) FROM conversations c
           WHERE c.workspace_id = $1
             AND left(c.preview, 159) <> left(btrim(regexp_replace(
                   (SELECT body FROM messages m WHERE m.conversation_id = c.id AND m.kind <> 'activity'
                     ORDER BY created_at DESC, id DESC LIMIT 1), '\\s+', ' ', 'g')), 159)`,
  },
  {
    name: "open conversations wait on the customer, pending ones do not",
    sql: `SELECT count(*) FROM conversations
           WHERE workspace_id = $1
             AND ((status = 'open' AND waiting_since IS NULL) OR (status = 'pending' AND waiting_since IS NOT NULL))`,
  },
  {
    name: "first_reply_at = first outgoing message",
    sql: `SELECT count(*) FROM conversations c
           WHERE c.workspace_id = $1
             AND c.first_reply_at IS DISTINCT FROM
                 (SELECT min(created_at) FROM messages m WHERE m.conversation_id = c.id AND m.kind = 'outgoing')`,
  },
  {
    name: "search_vector holds the subject",
    sql: `SELECT count(*) FROM conversations
           WHERE workspace_id = $1 AND NOT (search_vector @@ plainto_tsquery('heed_simple', subject))`,
  },
  {
    name: "customers.name_search holds the name",
    sql: `SELECT count(*) FROM customers
           WHERE workspace_id = $1 AND name_search <> to_tsvector('heed_simple', coalesce(name, ''))`,
  },
  {
    name: "identities.value_normalized follows the app's rule",
    sql: `SELECT count(*) FROM identities
           WHERE workspace_id = $1
             AND value_normalized <> CASE kind WHEN 'email' THEN lower(btrim(value))
                                               WHEN 'phone' THEN regexp_replace(value, '\\D', '', 'g')
                                               ELSE btrim(value) END`,
  },
  {
    name: "customers.email and phone = their oldest identity of that kind",
    sql: `SELECT count(*) FROM customers c
           WHERE c.workspace_id = $1
             AND (c.email IS DISTINCT FROM (SELECT i.value FROM identities i WHERE i.customer_id = c.id
                                              AND i.kind = 'email' ORDER BY i.created_at, i.id LIMIT 1)
               OR c.phone IS DISTINCT FROM (SELECT i.value FROM identities i WHERE i.customer_id = c.id
                                              AND i.kind = 'phone' ORDER BY i.created_at, i.id LIMIT 1))`,
  },
  {
    name: "conversations.tag_names = the names of its tags",
    sql: `SELECT count(*) FROM conversations c
           WHERE c.workspace_id = $1
             AND c.tag_names <> coalesce((SELECT array_agg(tg.name ORDER BY lower(tg.name))
                                            FROM conversation_tags ct JOIN tags tg ON tg.id = ct.tag_id
                                           WHERE ct.conversation_id = c.id), '{}')`,
  },
  {
    name: "snoozed conversations have a snooze time",
    sql: `SELECT count(*) FROM conversations
           WHERE workspace_id = $1 AND (status = 'snoozed') <> (snoozed_until IS NOT NULL)`,
  },
  {
    name: "folder_counts = a fresh count of conversations",
    sql: `SELECT count(*) FROM (
            SELECT inbox_id, status, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000') AS a,
                   coalesce(team_id, '00000000-0000-0000-0000-000000000000') AS t, count(*)::int AS n
              FROM conversations WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4) fresh
          FULL JOIN (SELECT inbox_id, status, assignee_key AS a, team_key AS t, count AS n
                       FROM folder_counts WHERE workspace_id = $1 AND count <> 0) kept
            USING (inbox_id, status, a, t)
          WHERE fresh.n IS DISTINCT FROM kept.n`,
  },
];

/** Runs every check on the workspace; returns each with its number of violating rows. */
export async function checkData(db: Queryable, workspaceId: string): Promise<DataCheck[]> {
  const results: DataCheck[] = [];
  for (const check of checks) {
    const [row] = await db.query<{ count: number }>(check.sql, [workspaceId]);
    results.push({ name: check.name, violations: row!.count });
  }
  return results;
}

/** Row counts of the generated tables, for the report. */
export async function countRows(db: Queryable, workspaceId: string): Promise<Record<string, number>> {
  const tables = [
    "customers",
    "identities",
    "conversations",
    "messages",
    "conversation_tags",
    "folder_counts",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1`,
      [workspaceId],
    );
    counts[table] = row!.n;
  }
  return counts;
}
