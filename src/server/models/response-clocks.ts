import type { Queryable } from "../db/types.js";

export type ClockKind = "first_response" | "next_response" | "resolution";
export type ClockStatus = "running" | "paused" | "met" | "breached" | "cancelled";

export interface ResponseClockRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  kind: ClockKind;
  status: ClockStatus;
  policy_id: string | null;
  policy_name: string | null;
  target_seconds: number | null;
  warn_percent: number;
  started_at: Date;
  running_since: Date | null;
  used_seconds: number;
  warn_at: Date | null;
  due_at: Date | null;
  next_check_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  stopped_at: Date | null;
  calendar_seconds: number | null;
  business_seconds: number | null;
  replied_by: string | null;
}

const columns = `id, workspace_id, conversation_id, kind, status, policy_id, policy_name, target_seconds,
  warn_percent, started_at, running_since, used_seconds, warn_at, due_at, next_check_at, warned_at,
  breached_at, stopped_at, calendar_seconds, business_seconds, replied_by`;
const rColumns = columns.replace(/(\w+)/g, "r.$1");

export type NewClock = Pick<
  ResponseClockRow,
  | "id"
  | "workspace_id"
  | "conversation_id"
  | "kind"
  | "policy_id"
  | "policy_name"
  | "target_seconds"
  | "warn_percent"
  | "started_at"
  | "running_since"
  | "used_seconds"
  | "warn_at"
  | "due_at"
  | "next_check_at"
  | "warned_at"
  | "breached_at"
> & { status: "running" | "paused" };

/** Starts clocks (one statement for the two a new conversation starts). */
export async function insertClocks(tx: Queryable, clocks: NewClock[]): Promise<ResponseClockRow[]> {
  if (clocks.length === 0) return [];
  const insert = insertClocksSql(clocks, 1);
  return tx.query<ResponseClockRow>(`${insert.text} RETURNING ${columns}`, insert.params);
}

/**
 * The INSERT of `clocks` as SQL text with parameters numbered from `first`, and those parameters: for a
 * statement that inserts its row and its clocks together (a data-modifying WITH), one round trip.
 */
export function insertClocksSql(clocks: NewClock[], first: number): { text: string; params: unknown[] } {
  return {
    text: `INSERT INTO response_clocks (${NEW_CLOCK_COLUMNS.map(([key]) => key).join(", ")})
     SELECT * FROM unnest(${NEW_CLOCK_COLUMNS.map(([, type], i) => `$${first + i}::${type}[]`).join(", ")})`,
    params: NEW_CLOCK_COLUMNS.map(([key]) => clocks.map((clock) => clock[key])),
  };
}

/** The columns a new clock sets, with their types (for unnest). */
const NEW_CLOCK_COLUMNS: [keyof NewClock, string][] = [
  ["id", "uuid"],
  ["workspace_id", "uuid"],
  ["conversation_id", "uuid"],
  ["kind", "text"],
  ["status", "text"],
  ["policy_id", "uuid"],
  ["policy_name", "text"],
  ["target_seconds", "int"],
  ["warn_percent", "int"],
  ["started_at", "timestamptz"],
  ["running_since", "timestamptz"],
  ["used_seconds", "float8"],
  ["warn_at", "timestamptz"],
  ["due_at", "timestamptz"],
  ["next_check_at", "timestamptz"],
  ["warned_at", "timestamptz"],
  ["breached_at", "timestamptz"],
];

/**
 * The conversation's running and paused clocks. Not locked row by row: the caller holds the
 * conversation's lock, and the only other writer (the timer pass) takes a clock only together with its
 * conversation, skipping it while it is held.
 */
export async function findOpenClocks(tx: Queryable, conversationId: string): Promise<ResponseClockRow[]> {
  return tx.query<ResponseClockRow>(
    `SELECT ${columns} FROM response_clocks
      WHERE conversation_id = $1 AND status IN ('running', 'paused') ORDER BY started_at`,
    [conversationId],
  );
}

/** Whether the conversation ever had a clock of this kind (a first response is measured once). */
export async function hasClockOfKind(
  tx: Queryable,
  conversationId: string,
  kind: ClockKind,
): Promise<boolean> {
  const rows = await tx.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM response_clocks WHERE conversation_id = $1 AND kind = $2) AS found",
    [conversationId, kind],
  );
  return rows[0]!.found;
}

export type ClockPatch = Partial<
  Pick<
    ResponseClockRow,
    | "status"
    | "policy_id"
    | "policy_name"
    | "target_seconds"
    | "warn_percent"
    | "running_since"
    | "used_seconds"
    | "warn_at"
    | "due_at"
    | "next_check_at"
    | "warned_at"
    | "breached_at"
    | "stopped_at"
    | "calendar_seconds"
    | "business_seconds"
    | "replied_by"
  >
>;

const PATCHABLE = new Set<string>([
  "status",
  "policy_id",
  "policy_name",
  "target_seconds",
  "warn_percent",
  "running_since",
  "used_seconds",
  "warn_at",
  "due_at",
  "next_check_at",
  "warned_at",
  "breached_at",
  "stopped_at",
  "calendar_seconds",
  "business_seconds",
  "replied_by",
]);

/** Writes the given fields (names from a fixed list); when the clock stops, its reporting dimensions too. */
export async function updateClock(
  tx: Queryable,
  id: string,
  patch: ClockPatch,
  dimensions?: {
    inboxId: string;
    teamId: string | null;
    channel: string;
    priority: string;
    tagIds: string[];
  },
): Promise<ResponseClockRow> {
  const keys = Object.keys(patch).filter((key) => PATCHABLE.has(key));
  const sets = keys.map((key, i) => `${key} = $${i + 2}`);
  const params: unknown[] = [id, ...keys.map((key) => patch[key as keyof ClockPatch] ?? null)];
  if (dimensions) {
    const n = params.length;
    sets.push(
      `inbox_id = $${n + 1}`,
      `team_id = $${n + 2}`,
      `channel = $${n + 3}`,
      `priority = $${n + 4}`,
      `tag_ids = $${n + 5}`,
    );
    params.push(
      dimensions.inboxId,
      dimensions.teamId,
      dimensions.channel,
      dimensions.priority,
      dimensions.tagIds,
    );
  }
  const rows = await tx.query<ResponseClockRow>(
    `UPDATE response_clocks SET ${sets.join(", ")} WHERE id = $1 RETURNING ${columns}`,
    params,
  );
  return rows[0]!;
}

/**
 * Clocks whose warning or breach has come, each locked with its conversation. Rows another worker (or a
 * command holding the conversation) has locked are skipped: they are looked at on a later pass, and the
 * conversation-then-clock lock order of commands can never deadlock against this.
 */
export async function lockDueClocks(
  tx: Queryable,
  now: Date,
  limit: number,
): Promise<(ResponseClockRow & { inbox_id: string; assignee_id: string | null })[]> {
  return tx.query<ResponseClockRow & { inbox_id: string; assignee_id: string | null }>(
    `SELECT ${rColumns}, c.inbox_id, c.assignee_id FROM response_clocks r JOIN conversations c ON c.id = r.conversation_id
      WHERE r.next_check_at <= $1
      ORDER BY r.next_check_at LIMIT $2
      FOR UPDATE OF c, r SKIP LOCKED`,
    [now, limit],
  );
}

/** When the next clock needs looking at (a warning or a breach), or null when none does. */
export async function findNextClockCheck(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    "SELECT min(next_check_at) AS at FROM response_clocks WHERE next_check_at IS NOT NULL",
  );
  return rows[0]?.at ?? null;
}

/** A conversation's clocks, oldest first (its SLA history). */
export async function findConversationClocks(
  db: Queryable,
  conversationId: string,
): Promise<ResponseClockRow[]> {
  return db.query<ResponseClockRow>(
    `SELECT ${columns} FROM response_clocks WHERE conversation_id = $1 ORDER BY started_at, kind`,
    [conversationId],
  );
}

/**
 * Copies the clocks' state onto the conversation, for its list item and the "due soon" folder: the
 * earliest due time of the running clocks with a target, and 'breached' / 'warning' / 'ok' for the worst
 * of them (null when none runs with a target).
 */
export async function refreshConversationSla(tx: Queryable, conversationId: string): Promise<void> {
  await tx.query(
    `UPDATE conversations c SET sla_due_at = s.due, sla_state = s.state
       FROM (SELECT min(due_at) FILTER (WHERE status = 'running') AS due,
                    CASE WHEN bool_or(status = 'running' AND breached_at IS NOT NULL) THEN 'breached'
                         WHEN bool_or(status = 'running' AND warned_at IS NOT NULL) THEN 'warning'
                         WHEN bool_or(status = 'running' AND due_at IS NOT NULL) THEN 'ok' END AS state
               FROM response_clocks WHERE conversation_id = $1) s
      WHERE c.id = $1 AND (c.sla_due_at IS DISTINCT FROM s.due OR c.sla_state IS DISTINCT FROM s.state)`,
    [conversationId],
  );
}

/**
 * The median first response (business seconds) of the inbox's conversations answered in the last 7 days,
 * and how many there were: read from the reporting rows, so the widget and acknowledgements state what
 * the reports show.
 */
export async function findRecentFirstResponseMedian(
  db: Queryable,
  inboxId: string,
): Promise<{ median: number | null; samples: number }> {
  const rows = await db.query<{ median: number | string | null; samples: number | string }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY business_seconds) AS median, count(*) AS samples
       FROM response_clocks
      WHERE inbox_id = $1 AND kind = 'first_response' AND status IN ('met', 'breached')
        AND stopped_at > now() - interval '7 days'`,
    [inboxId],
  );
  const row = rows[0];
  return { median: row?.median == null ? null : Number(row.median), samples: Number(row?.samples ?? 0) };
}
