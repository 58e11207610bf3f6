import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { readNotifications } from "../commands/read-notifications.js";
import { invalid } from "../lib/errors.js";
import { countUnreadNotifications, findNotifications } from "../models/notifications.js";
import { actorOf } from "../plugins/auth.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import { presentNotification, ZNotification } from "../presenters/notification-presenter.js";
import { listOf, ZErrorResponses, ZPageQuery } from "./schemas.js";

/** The unread count stops here: a bell shows "99+" beyond, and counting further costs for nothing. */
export const UNREAD_COUNT_CAP = 100;

/** GET /notifications: `unread=true` for the unread ones only. */
export const ZNotificationsQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  ...ZPageQuery,
});

/** POST /notifications/read: the ids to mark read, or `all: true`; exactly one of the two. */
export const ZReadNotificationsBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(100).optional(),
  all: z.literal(true).optional(),
});

/** /notifications: the signed-in user's own notifications; nobody sees another's. */
export function registerNotificationRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "Your notifications, newest first (unread=true: only unread ones)",
        querystring: ZNotificationsQuery,
        response: { 200: listOf(ZNotification), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { unread, limit, cursor } = request.query;
      const scope = await findInboxScope(ctx.db, actor);
      const rows = await findNotifications(ctx.db, actor.userId, scope.isAll ? null : scope.ids, {
        isUnreadOnly: unread === "true",
        limit: limit + 1,
        after: cursor ? decodeCursor(cursor) : undefined,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        data: page.map(presentNotification),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
      };
    },
  );

  app.get(
    "/notifications/unread-count",
    {
      schema: {
        tags: ["notifications"],
        summary: `How many of your notifications are unread (counted up to ${UNREAD_COUNT_CAP})`,
        response: { 200: z.object({ count: z.number(), isCapped: z.boolean() }), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = await findInboxScope(ctx.db, actor);
      const count = await countUnreadNotifications(
        ctx.db,
        actor.userId,
        scope.isAll ? null : scope.ids,
        UNREAD_COUNT_CAP,
      );
      return { count, isCapped: count >= UNREAD_COUNT_CAP };
    },
  );

  app.post(
    "/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark your notifications read: the given ids, or all of them",
        body: ZReadNotificationsBody,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const { ids, all } = request.body;
      if (ids && all) throw invalid("all", "cannot be combined with ids");
      if (!ids && !all) throw invalid("ids", "are required unless all is true");
      await readNotifications(ctx.db, actorOf(request), all ? null : ids!);
      return reply.status(204).send(null);
    },
  );
}
