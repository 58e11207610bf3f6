import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { createSession } from "../commands/create-session.js";
import { notFound } from "../lib/errors.js";
import { actorOf, SESSION_COOKIE } from "../plugins/auth.js";
import { deleteSession, SESSION_DAYS } from "../models/sessions.js";
import { findUser } from "../models/users.js";
import { presentUser, ZUser } from "../presenters/user-presenter.js";
import { ZErrorResponses } from "./schemas.js";

export const ZCreateSessionBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever Heed is served over https. */
export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.env.publicUrl.startsWith("https://"),
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export function registerSessionRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    "/session",
    {
      config: {
        isPublic: true,
        rateLimit: {
          max: 10,
          timeWindow: "5 minutes",
          // Per address and account: slows password guessing without locking a whole office out.
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip}|${typeof email === "string" ? email.toLowerCase() : ""}`;
          },
        },
      },
      schema: {
        tags: ["session"],
        summary: "Sign in with email and password; sets the session cookie",
        body: ZCreateSessionBody,
        response: { 200: z.object({ user: ZUser }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const { user, token } = await createSession(ctx.db, {
        email: request.body.email,
        password: request.body.password,
        userAgent: request.headers["user-agent"],
        ip: request.ip,
      });
      setSessionCookie(ctx, reply, token);
      return { user: presentUser(user) };
    },
  );

  app.get(
    "/session",
    {
      schema: {
        tags: ["session"],
        summary: "The signed-in user",
        response: { 200: z.object({ user: ZUser }), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUser(ctx.db, actor.workspaceId, actor.userId);
      if (!user) throw notFound("User");
      return { user: presentUser(user) };
    },
  );

  app.delete(
    "/session",
    { schema: { tags: ["session"], summary: "Sign out", response: { 204: z.null(), ...ZErrorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.sessionId) await deleteSession(ctx.db, actor.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
}
