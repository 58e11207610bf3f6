import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { forbidden, notFound } from "../lib/errors.js";
import { reprocessInboundEmail } from "../commands/reprocess-inbound-email.js";
import { findInboundEmailRaw, findInboundEmails } from "../models/inbound-emails.js";
import { actorOf } from "../plugins/auth.js";
import { canManageInboxes } from "../policies/inbox-policy.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import { presentInboundEmail, ZInboundEmail } from "../presenters/inbound-email-presenter.js";
import { listOf, ZErrorResponses, ZPageQuery, ZUuidParams } from "./schemas.js";

/** GET /inbound-emails: `status=quarantined` is the quarantine. */
export const ZInboundEmailsQuery = z.strictObject({
  status: z.enum(["received", "processed", "quarantined", "ignored"]).optional(),
  ...ZPageQuery,
});

/** /inbound-emails: the mail Heed received, for owners and admins (the quarantine above all). */
export function registerInboundEmailsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/inbound-emails",
    {
      schema: {
        tags: ["email"],
        summary:
          "Received email, newest first; status=quarantined lists mail that could not be used, and why",
        querystring: ZInboundEmailsQuery,
        response: { 200: listOf(ZInboundEmail), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canManageInboxes(actor)) throw forbidden("Only owners and admins review received email");
      const { status, limit, cursor } = request.query;
      const rows = await findInboundEmails(ctx.db, actor.workspaceId, {
        status,
        limit: limit + 1,
        after: cursor ? decodeCursor(cursor) : undefined,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map(presentInboundEmail),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
      };
    },
  );

  app.get(
    "/inbound-emails/:id/raw",
    {
      schema: {
        tags: ["email"],
        summary: "The exact bytes Heed received, as a .eml download (owners and admins)",
        params: ZUuidParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canManageInboxes(actor)) throw forbidden("Only owners and admins review received email");
      const found = await findInboundEmailRaw(ctx.db, actor.workspaceId, request.params.id);
      if (!found) throw notFound("Received email");
      // A download, never rendered: mail can carry HTML and scripts.
      return reply
        .header("content-type", "message/rfc822")
        .header("content-disposition", `attachment; filename="${request.params.id}.eml"`)
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "sandbox; default-src 'none'")
        .header("cache-control", "private, no-store")
        .send(found.raw);
    },
  );

  app.post(
    "/inbound-emails/:id/reprocess",
    {
      schema: {
        tags: ["email"],
        summary: "Send a quarantined or ignored message through ingest again (owners and admins)",
        params: ZUuidParams,
        response: { 202: z.object({ status: z.literal("received") }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!canManageInboxes(actor)) throw forbidden("Only owners and admins review received email");
      await reprocessInboundEmail(ctx.db, actor, request.params.id);
      ctx.wakeWorker?.();
      return reply.status(202).send({ status: "received" as const });
    },
  );
}
