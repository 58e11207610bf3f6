import type { Queryable } from "../db/types.js";

export interface SlaAlertSettingsRow {
  workspace_id: string;
  email_assignee: boolean;
  emails: string[];
  webhook_url: string | null;
  webhook_secret_sealed: string | null;
  on_warning: boolean;
  on_breach: boolean;
  updated_at: Date;
}

const columns = `workspace_id, email_assignee, emails, webhook_url, webhook_secret_sealed, on_warning, on_breach,
  updated_at`;

/** A workspace's SLA alert settings, or undefined when it never set any (then nothing is sent). */
export async function findSlaAlertSettings(
  db: Queryable,
  workspaceId: string,
): Promise<SlaAlertSettingsRow | undefined> {
  const rows = await db.query<SlaAlertSettingsRow>(
    `SELECT ${columns} FROM sla_alert_settings WHERE workspace_id = $1`,
    [workspaceId],
  );
  return rows[0];
}

export interface SlaAlertSettingsChange {
  emailAssignee: boolean;
  emails: string[];
  webhookUrl: string | null;
  onWarning: boolean;
  onBreach: boolean;
}

/** Replaces the settings (creating the row), keeping the signing secret. */
export async function upsertSlaAlertSettings(
  tx: Queryable,
  workspaceId: string,
  change: SlaAlertSettingsChange,
): Promise<SlaAlertSettingsRow> {
  const rows = await tx.query<SlaAlertSettingsRow>(
    `INSERT INTO sla_alert_settings (workspace_id, email_assignee, emails, webhook_url, on_warning, on_breach)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id) DO UPDATE SET email_assignee = $2, emails = $3, webhook_url = $4,
       on_warning = $5, on_breach = $6, updated_at = now()
     RETURNING ${columns}`,
    [workspaceId, change.emailAssignee, change.emails, change.webhookUrl, change.onWarning, change.onBreach],
  );
  return rows[0]!;
}

/** Stores a new sealed signing secret (creating the row with nothing switched on when there is none). */
export async function saveWebhookSecret(
  tx: Queryable,
  workspaceId: string,
  sealed: string,
): Promise<SlaAlertSettingsRow> {
  const rows = await tx.query<SlaAlertSettingsRow>(
    `INSERT INTO sla_alert_settings (workspace_id, webhook_secret_sealed) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET webhook_secret_sealed = $2, updated_at = now()
     RETURNING ${columns}`,
    [workspaceId, sealed],
  );
  return rows[0]!;
}

/** What an alert about one conversation needs: the settings, the conversation and who owns it. */
export interface SlaAlertContextRow {
  email_assignee: boolean;
  emails: string[];
  webhook_url: string | null;
  has_webhook_secret: boolean;
  on_warning: boolean;
  on_breach: boolean;
  workspace_name: string;
  default_language: string;
  /** The inbox calendar's time zone, else the workspace's: the zone its deadlines are counted in. */
  time_zone: string;
  conversation_id: string;
  number: number;
  subject: string | null;
  inbox_id: string;
  inbox_name: string;
  priority: string;
  customer_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  assignee_language: string | null;
  assignee_is_active: boolean | null;
}

/** The alert context of a conversation, or undefined when its workspace has no alert settings. */
export async function findSlaAlertContext(
  db: Queryable,
  workspaceId: string,
  conversationId: string,
): Promise<SlaAlertContextRow | undefined> {
  const rows = await db.query<SlaAlertContextRow>(
    `SELECT s.email_assignee, s.emails, s.webhook_url, s.webhook_secret_sealed IS NOT NULL AS has_webhook_secret,
            s.on_warning, s.on_breach, w.name AS workspace_name, w.default_language,
            coalesce(cal.time_zone, w.time_zone) AS time_zone,
            c.id AS conversation_id, c.number::int AS number, c.subject, c.inbox_id, i.name AS inbox_name,
            c.priority, cu.name AS customer_name, c.assignee_id, u.name AS assignee_name,
            u.email AS assignee_email, u.language AS assignee_language, u.is_active AS assignee_is_active
       FROM sla_alert_settings s
       JOIN conversations c ON c.workspace_id = s.workspace_id AND c.id = $2
       JOIN workspaces w ON w.id = s.workspace_id
       JOIN inboxes i ON i.id = c.inbox_id
       JOIN customers cu ON cu.id = c.customer_id
       LEFT JOIN calendars cal ON cal.id = i.calendar_id
       LEFT JOIN users u ON u.id = c.assignee_id
      WHERE s.workspace_id = $1`,
    [workspaceId, conversationId],
  );
  return rows[0];
}
