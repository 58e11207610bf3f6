import type { Database, Queryable } from "../db/types.js";
import {
  conversationViewColumns,
  conversationViewJoins,
  type ConversationStatus,
  type ConversationViewRow,
  type Priority,
} from "./conversations.js";
import { type Channel, visibleInboxesSql } from "./inboxes.js";
import { isoMicros } from "../db/keyset.js";
import type { Language } from "../lib/guess-language.js";
import type { Sentiment } from "../lib/read-customer-message.js";

/** Filters of the conversation list; every value is a bound parameter, never SQL. */
export interface ConversationListFilter {
  workspaceId: string;
  /**
   * Which inboxes the list covers: all of them (owners and admins); an agent's, chosen inside the same
   * query (`visibleInboxesSql`, saving a round trip per page); or the given inbox ids.
   */
  visibleTo: { all: true } | { userId: string } | { inboxIds: string[] };
  status?: ConversationStatus;
  /** `{ id: null }` lists unassigned conversations. */
  assignee?: { id: string | null };
  inboxId?: string;
  teamId?: string;
  /** A tag name, case-insensitive. */
  tag?: string;
  priority?: Priority;
  channel?: Channel;
  customerId?: string;
  /** "due_soon": a running SLA clock has passed its warning point or its target. */
  sla?: "due_soon";
  /** The mood of the customer's latest message. */
  sentiment?: Sentiment;
  language?: Language;
  /** Full-text query, plus customers whose name, identity or number matched it. */
  text?: { query: string; customerIds: string[] };
}

export type ConversationSort = "newest" | "waiting" | "due";

export interface ConversationListPage {
  sort: ConversationSort;
  limit: number;
  /** Keyset position: the sort key (ISO text, or 'infinity') and id of the last row already shown. */
  after?: { at: string; id: string };
}

/** A list row: the conversation, the names shown with it, and its position for the next cursor. */
export type ConversationListRow = ConversationViewRow & { cursor_at: string };

/** The ascending sort keys: "waiting" (oldest wait first) and "due" (soonest SLA deadline first); rows
 * without one come last. */
const ASCENDING_KEYS: Partial<Record<ConversationSort, string>> = {
  waiting: "coalesce(c.waiting_since, 'infinity'::timestamptz)",
  due: "coalesce(c.sla_due_at, 'infinity'::timestamptz)",
};

/**
 * A text search first walks this many of the newest rows that pass the other filters: a common word
 * fills a page there. Only when it does not (the word is rare lately) does the GIN index answer.
 */
const RECENT_WALK = 1000;

interface Sql {
  /** Every condition: filters, text match, keyset position. */
  where: string;
  /** The same without the text match. */
  whereWithoutText: string;
  /** The text match alone, or null. */
  text: string | null;
  order: string;
  key: string;
  params: unknown[];
  bind(value: unknown): string;
}

/** WHERE (filters and keyset position) and ORDER BY of a page, with its bound parameters. */
function pageSql(filter: ConversationListFilter, page: ConversationListPage): Sql {
  const params: unknown[] = [filter.workspaceId];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["c.workspace_id = $1"];
  const visible = filter.visibleTo;
  if ("userId" in visible) where.push(`c.inbox_id IN (${visibleInboxesSql("$1", bind(visible.userId))})`);
  if ("inboxIds" in visible) where.push(`c.inbox_id = ANY(${bind(visible.inboxIds)}::uuid[])`);
  if (filter.status) where.push(`c.status = ${bind(filter.status)}`);
  if (filter.assignee) {
    where.push(
      filter.assignee.id ? `c.assignee_id = ${bind(filter.assignee.id)}::uuid` : "c.assignee_id IS NULL",
    );
  }
  if (filter.inboxId) where.push(`c.inbox_id = ${bind(filter.inboxId)}::uuid`);
  if (filter.teamId) where.push(`c.team_id = ${bind(filter.teamId)}::uuid`);
  if (filter.priority) where.push(`c.priority = ${bind(filter.priority)}`);
  if (filter.channel) where.push(`c.channel = ${bind(filter.channel)}`);
  if (filter.customerId) where.push(`c.customer_id = ${bind(filter.customerId)}::uuid`);
  if (filter.sla === "due_soon") where.push("c.sla_state IN ('warning', 'breached')");
  if (filter.sentiment) where.push(`c.sentiment = ${bind(filter.sentiment)}`);
  if (filter.language) where.push(`c.language = ${bind(filter.language)}`);
  if (filter.tag) {
    where.push(`c.id IN (SELECT ct.conversation_id FROM conversation_tags ct JOIN tags tg ON tg.id = ct.tag_id
                          WHERE tg.workspace_id = $1 AND lower(tg.name) = lower(${bind(filter.tag)}))`);
  }
  let text: string | null = null;
  if (filter.text) {
    const match = `c.search_vector @@ heed_query(${bind(filter.text.query)})`;
    text = filter.text.customerIds.length
      ? `(${match} OR c.customer_id = ANY(${bind(filter.text.customerIds)}::uuid[]))`
      : match;
  }
  const ascendingKey = ASCENDING_KEYS[page.sort];
  const key = ascendingKey ?? "c.last_message_at";
  if (page.after) {
    const position = `(${bind(page.after.at)}::timestamptz, ${bind(page.after.id)}::uuid)`;
    where.push(`(${key}, c.id) ${ascendingKey ? ">" : "<"} ${position}`);
  }
  const order = ascendingKey ? `${ascendingKey}, c.id` : "c.last_message_at DESC, c.id DESC";
  const whereWithoutText = where.join(" AND ");
  const all = text ? `${whereWithoutText} AND ${text}` : whereWithoutText;
  return { where: all, whereWithoutText, text, order, key, params, bind };
}

const cursorColumn = (key: string) => `CASE WHEN ${key} = 'infinity' THEN 'infinity'
  ELSE ${isoMicros(key)} END AS cursor_at`;

/** The page's rows with the names shown beside them, in one indexed query. */
async function selectPage(db: Queryable, sql: Sql, limit: number): Promise<ConversationListRow[]> {
  return db.query<ConversationListRow>(
    `SELECT ${conversationViewColumns}, ${cursorColumn(sql.key)}
       FROM conversations c ${conversationViewJoins}
      WHERE ${sql.where}
      ORDER BY ${sql.order}
      LIMIT ${sql.bind(limit)}`,
    sql.params,
  );
}

/**
 * A text search's page ids, with the access path chosen from what the data shows rather than the
 * planner's guess (which, for a rare word, walks the whole time-ordered index testing every row):
 * first the RECENT_WALK newest candidate rows are tested; if they hold a full page, that is the answer.
 * Otherwise the word is rare lately, and the GIN index finds every match, which are sorted (the planner
 * switches that force this are transaction-local).
 */
async function textSearchIds(db: Database, sql: Sql, limit: number): Promise<string[]> {
  const order = sql.order.replace(sql.key, "s.sort_key").replace("c.id", "s.id");
  const recent = await db.query<{ id: string }>(
    `SELECT s.id FROM (
       SELECT c.id, ${sql.key} AS sort_key, ${sql.text} AS is_match
         FROM conversations c WHERE ${sql.whereWithoutText} ORDER BY ${sql.order} LIMIT ${RECENT_WALK}
     ) s
     WHERE s.is_match ORDER BY ${order} LIMIT ${limit}`,
    sql.params,
  );
  if (recent.length === limit) return recent.map((row) => row.id);
  return db.transaction(async (tx) => {
    await tx.query(
      "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)",
    );
    const rows = await tx.query<{ id: string }>(
      `SELECT c.id FROM conversations c WHERE ${sql.where} ORDER BY ${sql.order} LIMIT ${limit}`,
      sql.params,
    );
    return rows.map((row) => row.id);
  });
}

/**
 * One page of the conversation list: newest activity first (keyset on (last_message_at, id)), longest
 * waiting first or soonest due first (keyset on (that key, id)). Reads `limit` rows; ask for one more than you show to know
 * whether there is a next page. Without text it is one indexed query; a text search takes two or three.
 */
export async function findConversationList(
  db: Database,
  filter: ConversationListFilter,
  page: ConversationListPage,
): Promise<ConversationListRow[]> {
  const sql = pageSql(filter, page);
  if (!filter.text) return selectPage(db, sql, page.limit);
  const ids = await textSearchIds(db, sql, page.limit);
  if (ids.length === 0) return [];
  const byIds = pageSql(
    { workspaceId: filter.workspaceId, visibleTo: { all: true } },
    { sort: page.sort, limit: page.limit },
  );
  byIds.where += ` AND c.id = ANY(${byIds.bind(ids)}::uuid[])`;
  return selectPage(db, byIds, page.limit);
}
