import { randomBytes } from "node:crypto";
import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden } from "../lib/errors.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { recordEvent } from "../models/events.js";
import {
  findSlaAlertSettings,
  saveWebhookSecret,
  upsertSlaAlertSettings,
  type SlaAlertSettingsChange,
  type SlaAlertSettingsRow,
} from "../models/sla-alert-settings.js";
import { findRecentWebhookDeliveries, type WebhookDeliveryRow } from "../models/webhook-deliveries.js";
import { workspaceAbilities } from "../policies/workspace-policy.js";

/** How many recent deliveries the settings show. */
export const RECENT_DELIVERIES = 20;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a webhook address cannot be used, or null when it can: https anywhere, plain http only to this
 * machine (localhost, 127.x, [::1]: a receiver on the same host, the request never crosses a network),
 * and no user name or password in it (they would travel in every request and show in the settings).
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a web address like https://shop.example/heed-webhook";
  }
  if (url.username || url.password) return "must not contain a user name or password";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.test(url.hostname)) return null;
  return "must start with https:// (http:// only to this machine: localhost, 127.0.0.1, [::1])";
}

function authorizeSlaAlerts(actor: Actor): void {
  if (!workspaceAbilities(actor).update) throw forbidden("Only owners and admins manage SLA alerts");
}

/** The defaults of a workspace that never saved any: nothing is sent. */
const defaults = (workspaceId: string): SlaAlertSettingsRow => ({
  workspace_id: workspaceId,
  email_assignee: false,
  emails: [],
  webhook_url: null,
  webhook_secret_sealed: null,
  on_warning: true,
  on_breach: true,
  updated_at: new Date(0),
});

/** The workspace's alert settings and its newest webhook deliveries (owners and admins; 403 otherwise). */
export async function getSlaAlerts(
  db: Database,
  actor: Actor,
): Promise<{ settings: SlaAlertSettingsRow; deliveries: WebhookDeliveryRow[] }> {
  authorizeSlaAlerts(actor);
  const settings = (await findSlaAlertSettings(db, actor.workspaceId)) ?? defaults(actor.workspaceId);
  const deliveries = await findRecentWebhookDeliveries(db, actor.workspaceId, RECENT_DELIVERIES);
  return { settings, deliveries };
}

/**
 * Replaces the alert settings (the signing secret stays), with a `sla_alerts.updated` event naming the
 * fields that changed — never their values: a webhook address can carry a token. Addresses and the URL
 * come checked from the route. Throws 403 for agents.
 */
export async function updateSlaAlerts(
  db: Database,
  actor: Actor,
  change: SlaAlertSettingsChange,
): Promise<SlaAlertSettingsRow> {
  authorizeSlaAlerts(actor);
  return db.transaction(async (tx) => {
    const before = (await findSlaAlertSettings(tx, actor.workspaceId)) ?? defaults(actor.workspaceId);
    const saved = await upsertSlaAlertSettings(tx, actor.workspaceId, change);
    const changed = [
      before.email_assignee !== saved.email_assignee && "emailAssignee",
      before.emails.join("\n") !== saved.emails.join("\n") && "emails",
      before.webhook_url !== saved.webhook_url && "webhookUrl",
      before.on_warning !== saved.on_warning && "onWarning",
      before.on_breach !== saved.on_breach && "onBreach",
    ].filter((field): field is string => typeof field === "string");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "sla_alerts.updated",
      actorUserId: actor.userId,
      payload: { changed },
    });
    return saved;
  });
}

/**
 * A new webhook signing secret (the old one stops working at once): returned this once, stored sealed
 * with the install's key. `sla_alerts.updated`. Throws 403 for agents.
 */
export async function renewWebhookSecret(db: Database, actor: Actor, keys: InstallKeys): Promise<string> {
  authorizeSlaAlerts(actor);
  const secret = `hwh_${randomBytes(32).toString("base64url")}`;
  await db.transaction(async (tx) => {
    await saveWebhookSecret(tx, actor.workspaceId, keys.seal(secret));
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "sla_alerts.updated",
      actorUserId: actor.userId,
      payload: { changed: ["webhookSecret"] },
    });
  });
  return secret;
}
