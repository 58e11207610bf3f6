import type { Queryable } from "../db/types.js";
import type { Language } from "../lib/guess-language.js";
import type { CalendarRow } from "./calendars.js";

/** What the variables of a saved reply read about one conversation and the agent filling it in. */
export interface ReplyVariableFactsRow {
  conversation_number: number;
  conversation_subject: string | null;
  conversation_language: Language;
  order_number: string | null;
  customer_number: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  inbox_id: string;
  inbox_name: string;
  inbox_channel: string;
  inbox_address: string | null;
  agent_name: string | null;
  agent_email: string | null;
  workspace_default_language: string;
  /** The inbox's business calendar (null: it keeps no hours, always open). */
  calendar_time_zone: string | null;
  calendar_intervals: CalendarRow["intervals"] | null;
  calendar_holidays: CalendarRow["holidays"] | null;
}

/**
 * The conversation's customer, inbox, calendar and workspace language and the agent's name and email,
 * in one query; undefined when the conversation is not the workspace's. The customer's email and phone
 * are the first of each kind (copies kept by triggers, migration 0002).
 */
export async function findReplyVariableFacts(
  db: Queryable,
  workspaceId: string,
  conversationId: string,
  agentId: string,
): Promise<ReplyVariableFactsRow | undefined> {
  const rows = await db.query<ReplyVariableFactsRow>(
    `SELECT c.number AS conversation_number, c.subject AS conversation_subject,
            c.language AS conversation_language, c.order_number,
            cu.number AS customer_number, cu.name AS customer_name, cu.email AS customer_email,
            cu.phone AS customer_phone,
            i.id AS inbox_id, i.name AS inbox_name, i.channel AS inbox_channel, i.address AS inbox_address,
            u.name AS agent_name, u.email AS agent_email, w.default_language AS workspace_default_language,
            cal.time_zone AS calendar_time_zone, cal.intervals AS calendar_intervals,
            cal.holidays AS calendar_holidays
       FROM conversations c
       JOIN customers cu ON cu.id = c.customer_id
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN workspaces w ON w.id = c.workspace_id
       LEFT JOIN calendars cal ON cal.id = i.calendar_id
       LEFT JOIN users u ON u.id = $3 AND u.workspace_id = c.workspace_id
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, conversationId, agentId],
  );
  return rows[0];
}
