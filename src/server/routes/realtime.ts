import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { actorOf, authenticate, requireSameOrigin } from "../plugins/auth.js";
import { serveAgentSocket } from "../realtime/agent-socket.js";

export const ZRealtimeQuery = z.object({
  /** The watermark of the client's last connection: it gets what it missed since. */
  after: z.coerce.number().int().min(0).optional(),
});

/**
 * GET /realtime (WebSocket): live events, counts and presence for the signed-in agent. The auth hook has
 * already refused a missing or ended session (401 before the upgrade); a browser's handshake must also
 * come from Heed's own origin, since the cookie would ride along from any site.
 */
export function registerRealtimeRoutes(app: ApiApp, ctx: AppContext): void {
  const hub = ctx.realtime!;
  app.get(
    "/realtime",
    {
      websocket: true,
      schema: { hide: true, querystring: ZRealtimeQuery },
      preValidation: async (request) => {
        if (actorOf(request).via === "session") requireSameOrigin(ctx, request);
      },
    },
    (socket, request) => {
      const actor = actorOf(request);
      void serveAgentSocket(ctx, hub, socket, actor, {
        after: request.query.after ?? null,
        stillSignedIn: async () => (await authenticate(ctx, request))?.userId === actor.userId,
        log: (message) => request.log.warn(message),
      }).catch((error) => {
        request.log.warn(`realtime: ${(error as Error).message}`);
        socket.close(1011, "Server error");
      });
    },
  );
}
