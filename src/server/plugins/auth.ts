import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor, AppContext } from "../context.js";
import { HttpError, unauthorized } from "../lib/errors.js";
import { hashToken } from "../lib/ids.js";
import { findTokenActor, touchApiToken } from "../models/api-tokens.js";
import { findSessionActor, touchSession } from "../models/sessions.js";

export const SESSION_COOKIE = "heed_session";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a signed-in actor (login, setup, accepting an invitation). */
    isPublic?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The actor of an authenticated route; routes call this instead of trusting `request.actor` to be set. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

/**
 * A cookie is sent by the browser on any request, so a state change carried by a cookie must come from
 * our own pages: its Origin (or Referer) must be this server. Bearer tokens are not ambient and skip this.
 */
export function checkSameOrigin(ctx: AppContext, request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  requireSameOrigin(ctx, request);
}

/**
 * The request's Origin (or Referer) must be this server, whatever the method: a WebSocket handshake is a
 * GET that browsers send with the cookie from any site, so it is checked too.
 */
export function requireSameOrigin(ctx: AppContext, request: FastifyRequest): void {
  const source = request.headers.origin ?? request.headers.referer;
  const allowed = new Set([new URL(ctx.env.publicUrl).origin]);
  const host = request.headers.host;
  if (host) allowed.add(`${request.protocol}://${host}`);
  let origin: string | undefined;
  try {
    origin = source ? new URL(source).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (!origin || !allowed.has(origin)) {
    throw new HttpError(403, "cross_origin", "Cross-site request refused: send it from Heed's own pages");
  }
}

/** The actor behind the request's token or session cookie, if they still hold (also re-checked by sockets). */
export async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized("Malformed Authorization header: use 'Bearer <token>'");
    const row = await findTokenActor(ctx.db, hashToken(match[1]));
    if (!row) throw unauthorized("Invalid or revoked API token");
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000)
      await touchApiToken(ctx.db, row.token_id);
    return {
      userId: row.user_id,
      workspaceId: row.workspace_id,
      role: row.role,
      name: row.name,
      via: "token",
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const row = await findSessionActor(ctx.db, hashToken(cookie));
  if (!row) return undefined;
  if (Date.now() - row.last_seen_at.getTime() > 60_000) await touchSession(ctx.db, row.session_id);
  return {
    userId: row.user_id,
    workspaceId: row.workspace_id,
    role: row.role,
    name: row.name,
    via: "session",
    sessionId: row.session_id,
  };
}

/** One hook for the whole agent API: resolves the actor, refuses anonymous and cross-site requests. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
    const isPublic = request.routeOptions.config?.isPublic === true;
    if (isPublic) {
      // Login and setup are state changes too: refuse them from other sites (login CSRF).
      if (request.headers.origin) checkSameOrigin(ctx, request);
      return;
    }
    const actor = await authenticate(ctx, request);
    if (!actor) throw unauthorized();
    if (actor.via === "session") checkSameOrigin(ctx, request);
    request.actor = actor;
  });
}
