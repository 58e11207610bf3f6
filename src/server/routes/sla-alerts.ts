import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import {
  getSlaAlerts,
  renewWebhookSecret,
  updateSlaAlerts,
  webhookUrlProblem,
} from "../commands/update-sla-alerts.js";
import { installKeys } from "../lib/install-secret.js";
import { actorOf } from "../plugins/auth.js";
import { presentSlaAlerts, ZSlaAlerts } from "../presenters/sla-alerts-presenter.js";
import { ZErrorResponses } from "./schemas.js";

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = value === "" ? null : webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** PUT /sla-alerts: the whole settings (a missing field takes its default); an empty URL removes it. */
export const ZSlaAlertsBody = z.strictObject({
  emailAssignee: z.boolean().default(false),
  emails: z.array(z.email().max(254)).max(10).default([]),
  webhookUrl: ZWebhookUrl.nullable().default(null),
  onWarning: z.boolean().default(true),
  onBreach: z.boolean().default(true),
});

/** /sla-alerts: who hears of SLA warnings and breaches by email and webhook (owners and admins). */
export function registerSlaAlertRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/sla-alerts",
    {
      schema: {
        tags: ["sla"],
        summary: "SLA alerts by email and webhook, and the newest webhook deliveries",
        response: { 200: ZSlaAlerts, ...ZErrorResponses },
      },
    },
    async (request) => {
      const { settings, deliveries } = await getSlaAlerts(ctx.db, actorOf(request));
      return presentSlaAlerts(settings, deliveries);
    },
  );
  app.put(
    "/sla-alerts",
    {
      schema: {
        tags: ["sla"],
        summary: "Set who is mailed and which address gets a webhook on SLA warnings and breaches",
        body: ZSlaAlertsBody,
        response: { 200: ZSlaAlerts, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      // The same address twice, in any case, is kept once (as first written).
      const emails = body.emails.filter(
        (email, i) => body.emails.findIndex((other) => other.toLowerCase() === email.toLowerCase()) === i,
      );
      await updateSlaAlerts(ctx.db, actor, { ...body, emails, webhookUrl: body.webhookUrl || null });
      const { settings, deliveries } = await getSlaAlerts(ctx.db, actor);
      return presentSlaAlerts(settings, deliveries);
    },
  );
  app.post(
    "/sla-alerts/webhook-secret",
    {
      schema: {
        tags: ["sla"],
        summary: "A new signing secret for SLA webhooks (shown this once; the old one stops working)",
        response: { 201: z.object({ secret: z.string() }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      const secret = await renewWebhookSecret(ctx.db, actorOf(request), keys);
      return reply.status(201).send({ secret });
    },
  );
}
