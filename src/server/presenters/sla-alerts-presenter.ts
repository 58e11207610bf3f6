import { z } from "zod";
import type { SlaAlertSettingsRow } from "../models/sla-alert-settings.js";
import type { WebhookDeliveryRow } from "../models/webhook-deliveries.js";

export const ZWebhookDelivery = z.object({
  id: z.string(),
  /** `sla.warning` or `sla.breached`. */
  eventType: z.string(),
  status: z.enum(["queued", "sending", "sent", "failed"]),
  attempts: z.number(),
  /** Why the last attempt failed (kept while it waits for the next one). */
  lastError: z.string().nullable(),
  /** When a queued delivery is tried next. */
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const ZSlaAlerts = z.object({
  emailAssignee: z.boolean(),
  emails: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  /** Whether a signing secret exists; the secret itself is shown once, when made. */
  hasWebhookSecret: z.boolean(),
  onWarning: z.boolean(),
  onBreach: z.boolean(),
  /** The newest webhook deliveries, newest first. */
  deliveries: z.array(ZWebhookDelivery),
});

export type TSlaAlerts = z.infer<typeof ZSlaAlerts>;

export const presentWebhookDelivery = (row: WebhookDeliveryRow): z.infer<typeof ZWebhookDelivery> => ({
  id: row.id,
  eventType: row.event_type,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  nextAttemptAt: row.next_attempt_at.toISOString(),
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
});

/** The settings as the API shows them: never the secret, only whether there is one. */
export const presentSlaAlerts = (
  settings: SlaAlertSettingsRow,
  deliveries: WebhookDeliveryRow[],
): TSlaAlerts => ({
  emailAssignee: settings.email_assignee,
  emails: settings.emails,
  webhookUrl: settings.webhook_url,
  hasWebhookSecret: settings.webhook_secret_sealed !== null,
  onWarning: settings.on_warning,
  onBreach: settings.on_breach,
  deliveries: deliveries.map(presentWebhookDelivery),
});
