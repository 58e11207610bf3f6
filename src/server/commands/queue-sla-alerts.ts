import type { Queryable } from "../db/types.js";
import { outgoingMessageId } from "../email/compose-mail.js";
import { composeSlaAlertMail, type SlaAlertType } from "../email/sla-alert-mail.js";
import { newId } from "../lib/ids.js";
import { countRecentSlaAlertMails, insertOutgoingEmail } from "../models/outgoing-emails.js";
import type { ResponseClockRow } from "../models/response-clocks.js";
import { findSlaAlertContext, type SlaAlertContextRow } from "../models/sla-alert-settings.js";
import { insertWebhookDelivery } from "../models/webhook-deliveries.js";

/** At most this many alert mails per recipient address in an hour (a burst of breaches is not a flood). */
export const SLA_ALERT_MAILS_PER_HOUR = 30;

/** Where alert mail comes from and where its links point (HEED_MAIL_FROM, HEED_PUBLIC_URL). */
export interface SlaAlertLinks {
  publicUrl: string;
  mailFrom: string;
}

export interface QueueSlaAlertsInput extends SlaAlertLinks {
  clock: Pick<
    ResponseClockRow,
    "workspace_id" | "conversation_id" | "kind" | "policy_name" | "target_seconds" | "due_at"
  >;
  type: SlaAlertType;
  /** When the step happened: now for a warning, the due time for a breach. */
  at: Date;
}

/** The link to a conversation in the agent app, as notifications open it. */
export const conversationUrl = (publicUrl: string, conversationId: string) =>
  `${publicUrl.replace(/\/+$/, "")}/inbox/open/${conversationId}`;

/** The JSON a webhook receives for an SLA step; its `id` is also the X-Heed-Delivery header. */
export function slaWebhookBody(id: string, input: QueueSlaAlertsInput, context: SlaAlertContextRow): string {
  return JSON.stringify({
    id,
    type: input.type,
    createdAt: input.at.toISOString(),
    workspaceId: input.clock.workspace_id,
    conversation: {
      id: context.conversation_id,
      number: context.number,
      subject: context.subject,
      inboxId: context.inbox_id,
      priority: context.priority,
      assigneeId: context.assignee_id,
      url: conversationUrl(input.publicUrl, context.conversation_id),
    },
    clock: {
      kind: input.clock.kind,
      policyName: input.clock.policy_name,
      targetSeconds: input.clock.target_seconds,
      dueAt: input.clock.due_at?.toISOString() ?? null,
    },
  });
}

/** Who gets mail: the owner (in their language) when asked for and active, then the extra addresses. */
function recipientsOf(context: SlaAlertContextRow) {
  const list: { address: string; name: string; language: string; reason: "assignee" | "extra" }[] = [];
  if (context.email_assignee && context.assignee_email && context.assignee_is_active) {
    list.push({
      address: context.assignee_email,
      name: context.assignee_name ?? "",
      language: context.assignee_language ?? context.default_language,
      reason: "assignee",
    });
  }
  for (const address of context.emails) {
    list.push({ address, name: "", language: context.default_language, reason: "extra" });
  }
  // One mail per address; the owner's comes first, so an owner also on the list gets it in their language.
  const seen = new Set<string>();
  return list.filter((recipient) => {
    const key = recipient.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Queues the workspace's SLA alerts for one warning or breach, inside the transaction that records the
 * step (so an alert exists exactly when the step does): one outbox mail per recipient (purpose
 * `sla_alert`, composed now, sent by the email outbox) and one webhook delivery when a webhook address
 * and its signing secret are set (posted by `deliverWebhooks`). Nothing when the workspace has no alert
 * settings or this kind of step is switched off. A recipient already sent SLA_ALERT_MAILS_PER_HOUR alert
 * mails in the last hour gets no more that hour. Returns what was queued.
 */
export async function queueSlaAlerts(
  tx: Queryable,
  input: QueueSlaAlertsInput,
): Promise<{ emails: number; webhooks: number }> {
  const queued = { emails: 0, webhooks: 0 };
  const context = await findSlaAlertContext(tx, input.clock.workspace_id, input.clock.conversation_id);
  if (!context) return queued;
  if (input.type === "sla.warning" ? !context.on_warning : !context.on_breach) return queued;
  const url = conversationUrl(input.publicUrl, context.conversation_id);
  for (const recipient of recipientsOf(context)) {
    if ((await countRecentSlaAlertMails(tx, recipient.address)) >= SLA_ALERT_MAILS_PER_HOUR) continue;
    const id = newId();
    const emailMessageId = outgoingMessageId(`sla-alert.${id}`, input.mailFrom);
    const raw = await composeSlaAlertMail({
      type: input.type,
      language: recipient.language,
      timeZone: context.time_zone,
      at: input.at,
      clock: {
        kind: input.clock.kind,
        policyName: input.clock.policy_name,
        targetSeconds: input.clock.target_seconds,
        dueAt: input.clock.due_at,
      },
      conversation: {
        number: context.number,
        subject: context.subject,
        url,
        inboxName: context.inbox_name,
        customerName: context.customer_name,
        priority: context.priority,
        assigneeName: context.assignee_name,
      },
      workspaceName: context.workspace_name,
      from: input.mailFrom,
      to: { name: recipient.name, address: recipient.address },
      reason: recipient.reason,
      messageId: emailMessageId,
    });
    await insertOutgoingEmail(tx, {
      id,
      workspaceId: input.clock.workspace_id,
      inboxId: null,
      conversationId: context.conversation_id,
      purpose: "sla_alert",
      envelopeTo: recipient.address,
      envelopeFrom: input.mailFrom,
      emailMessageId,
      raw,
    });
    queued.emails++;
  }
  // Never unsigned: without a secret there is nothing a receiver could check, so nothing is sent.
  if (context.webhook_url && context.has_webhook_secret) {
    const id = newId();
    await insertWebhookDelivery(tx, {
      id,
      workspaceId: input.clock.workspace_id,
      url: context.webhook_url,
      eventType: input.type,
      body: slaWebhookBody(id, input, context),
    });
    queued.webhooks++;
  }
  return queued;
}
