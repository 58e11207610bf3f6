import fs from "node:fs";
import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { RateLimiter } from "../chat/rate-limiter.js";
import { HttpError, notFound } from "../lib/errors.js";
import { installKeys } from "../lib/install-secret.js";
import { findInboxChat } from "../models/inbox-chat.js";
import { findInboxByWidgetKey } from "../models/inboxes.js";
import { serveVisitorSocket } from "../realtime/visitor-socket.js";
import type { RealtimeHub } from "../realtime/hub.js";

export const ZWidgetSocketQuery = z.object({ key: z.string().min(1).max(100) });

/** The help center's reader id (its `heed_hv` cookie), sent when the chat runs on a help-center page. */
function helpViewerOf(cookies: Record<string, string | undefined>): string | undefined {
  const value = cookies.heed_hv;
  return value && /^[A-Za-z0-9_-]{8,64}$/.test(value) ? value : undefined;
}

/** An origin like https://shop.example (scheme, host, port), or null when the header is not one. */
function originOf(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(header).origin;
  } catch {
    return null;
  }
}

/**
 * The chat widget's side of the server: `GET /widget/v1/socket?key=<widgetKey>` (WebSocket). Everything
 * the widget does goes over it, so the widget needs no cross-origin HTTP. A key that is not a chat
 * inbox's answers 404; a page whose origin the inbox does not allow answers 403 (when the inbox lists
 * origins); one address may open 30 sockets a minute.
 */
export function registerWidgetRoutes(
  app: ApiApp,
  ctx: AppContext,
  hub: RealtimeHub,
  options: { widgetFile: string },
): void {
  // The embed script, read once (a rebuild needs a restart, like the web app).
  let script: Promise<Buffer | null> | null = null;
  app.get("/widget.js", { schema: { hide: true } }, async (_request, reply) => {
    script ??= fs.promises.readFile(options.widgetFile).catch(() => null);
    const body = await script;
    if (!body) {
      script = null;
      return reply
        .status(404)
        .type("text/plain; charset=utf-8")
        .send("The chat widget is not built: run `npm run build`.");
    }
    return reply
      .type("application/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .header("x-content-type-options", "nosniff")
      .header("cross-origin-resource-policy", "cross-origin")
      .send(body);
  });

  const connections = new RateLimiter(30, 60_000);
  // Per visitor: 30 messages a minute, 3 new conversations in 10 minutes. Per address (offices share one):
  // 120 messages a minute, 20 new conversations per chat in 10 minutes. Resent messages count too.
  const limits = {
    messages: new RateLimiter(30, 60_000),
    addressMessages: new RateLimiter(120, 60_000),
    conversations: new RateLimiter(20, 10 * 60_000),
    visitorConversations: new RateLimiter(3, 10 * 60_000),
    articles: new RateLimiter(60, 60_000),
  };
  app.get(
    "/widget/v1/socket",
    {
      websocket: true,
      schema: { hide: true, querystring: ZWidgetSocketQuery },
      preValidation: async (request) => {
        if (!connections.take(request.ip)) {
          throw new HttpError(
            429,
            "rate_limited",
            "Too many connections from this address; try again in a minute",
          );
        }
        const inbox = await findInboxByWidgetKey(ctx.db, request.query.key);
        if (!inbox || inbox.channel !== "chat") throw notFound("Chat");
        const chat = await findInboxChat(ctx.db, inbox.id);
        const origin = originOf(request.headers.origin);
        // Heed's own pages (the help center) may always open the chat; other sites as the inbox allows.
        const isOwnPage = origin !== null && new URL(origin).host === request.headers.host;
        if (
          chat.allowed_origins.length > 0 &&
          !isOwnPage &&
          (!origin || !chat.allowed_origins.includes(origin))
        ) {
          throw new HttpError(403, "origin_not_allowed", "This site may not embed this chat");
        }
        request.chat = { inbox, chat };
      },
    },
    (socket, request) => {
      const { inbox, chat } = request.chat!;
      serveVisitorSocket(ctx, hub, socket, {
        inbox,
        chat,
        keys: installKeys(ctx.db, ctx.env.HEED_SECRET),
        limits: { ...limits, ip: request.ip },
        helpViewerId: helpViewerOf(request.cookies),
        log: (message) => request.log.warn(message),
      });
    },
  );
}

declare module "fastify" {
  interface FastifyRequest {
    chat?: {
      inbox: import("../models/inboxes.js").InboxRow;
      chat: import("../models/inbox-chat.js").InboxChatRow;
    };
  }
}
