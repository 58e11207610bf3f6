import type { Queryable } from "../db/types.js";
import type { CalendarRow } from "./calendars.js";
import type { AssignmentMode } from "./inbox-assignment.js";
import type { SlaPolicyRow } from "./sla-policies.js";

/** What a conversation's clocks and assignment follow, read together. */
export interface ConversationSettingRow {
  /** The inbox's business hours, or null (always open). */
  calendar: Pick<CalendarRow, "time_zone" | "intervals" | "holidays"> | null;
  /** The workspace's SLA policies in the order they are tried. */
  policies: SlaPolicyRow[];
  /** The conversation's tag ids (empty when asked not to look). */
  tag_ids: string[];
  /** The inbox's assignment mode and sticky days, or null (manual, not sticky). */
  assignment: { mode: AssignmentMode; sticky_days: number | null } | null;
}

/**
 * The inbox's calendar, the workspace's SLA policies, the conversation's tags and the inbox's assignment
 * mode in one statement: a new conversation needs all of them, and ingest creates thousands (each
 * statement is a round trip to the database, and to the embedded one's single thread).
 */
export async function findConversationSetting(
  db: Queryable,
  c: { workspaceId: string; inboxId: string; conversationId: string | null },
): Promise<ConversationSettingRow> {
  const rows = await db.query<ConversationSettingRow>(
    `SELECT
       (SELECT json_build_object('time_zone', k.time_zone, 'intervals', k.intervals, 'holidays', k.holidays)
          FROM calendars k JOIN inboxes i ON i.calendar_id = k.id WHERE i.id = $2) AS calendar,
       (SELECT coalesce(json_agg(p ORDER BY p.position, p.created_at, p.id), '[]'::json)
          FROM sla_policies p WHERE p.workspace_id = $1) AS policies,
       (SELECT coalesce(array_agg(ct.tag_id), '{}') FROM conversation_tags ct WHERE ct.conversation_id = $3)
          AS tag_ids,
       (SELECT json_build_object('mode', a.mode, 'sticky_days', a.sticky_days)
          FROM inbox_assignment a WHERE a.workspace_id = $1 AND a.inbox_id = $2) AS assignment`,
    [c.workspaceId, c.inboxId, c.conversationId],
  );
  return rows[0]!;
}
