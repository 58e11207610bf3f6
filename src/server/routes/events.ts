import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { getConversation } from "../commands/get-conversation.js";
import { findVisibleEvents } from "../models/event-feed.js";
import { findLatestEventId } from "../models/events.js";
import { actorOf } from "../plugins/auth.js";
import { presentEvent, ZEvent } from "../presenters/event-presenter.js";
import { listOf, ZErrorResponses } from "./schemas.js";

/** GET /events: `after` is the last event id the client has. */
export const ZEventsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  conversationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});

/** /events: the catch-up feed for clients that were offline or reconnecting. */
export function registerEventsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/events/latest",
    {
      schema: {
        tags: ["events"],
        summary: "The newest event id of the workspace: a new client follows events after it",
        response: { 200: z.object({ id: z.number() }), ...ZErrorResponses },
      },
    },
    async (request) => ({ id: await findLatestEventId(ctx.db, actorOf(request).workspaceId) }),
  );

  app.get(
    "/events",
    {
      schema: {
        tags: ["events"],
        summary: "Events after an event id that you may see, oldest first: how a client catches up",
        querystring: ZEventsQuery,
        response: { 200: listOf(ZEvent), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { after, conversationId, limit } = request.query;
      if (conversationId) await getConversation(ctx.db, actor, conversationId);
      const scope = await findInboxScope(ctx.db, actor);
      const rows = await findVisibleEvents(ctx.db, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        inboxIds: scope.isAll ? null : scope.ids,
        afterId: after,
        conversationId,
        limit,
      });
      // The next cursor is the last id shown; a client polls with it until a page comes back empty.
      const last = rows[rows.length - 1];
      return {
        data: rows.map(presentEvent),
        nextCursor: rows.length === limit && last ? String(last.id) : null,
      };
    },
  );
}
