import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { forbidden } from "../lib/errors.js";
import { findInboundEmails } from "../models/inbound-emails.js";
import { actorOf } from "../plugins/auth.js";
import { canManageInboxes } from "../policies/inbox-policy.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import { presentInboundEmail, ZInboundEmail } from "../presenters/inbound-email-presenter.js";
import { listOf, ZErrorResponses, ZPageQuery } from "./schemas.js";

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
}
