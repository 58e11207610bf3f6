import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { createSession } from "../commands/create-session.js";
import { completeSetup } from "../commands/complete-setup.js";
import { countUsers } from "../models/users.js";
import { presentUser, ZUser } from "../presenters/user-presenter.js";
import { ZErrorResponses, ZLanguage } from "./schemas.js";
import { setSessionCookie } from "./session.js";

export const ZSetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  workspaceName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(8).max(1000),
  language: ZLanguage.optional(),
});

export function registerSetupRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/setup",
    {
      config: { isPublic: true },
      schema: {
        tags: ["setup"],
        summary: "Whether the install still needs its first owner",
        response: { 200: z.object({ needsSetup: z.boolean() }) },
      },
    },
    async () => ({ needsSetup: (await countUsers(ctx.db)) === 0 }),
  );

  app.post(
    "/setup",
    {
      config: { isPublic: true, rateLimit: { max: 10, timeWindow: "5 minutes" } },
      schema: {
        tags: ["setup"],
        summary: "Create the first workspace and its owner with the one-time setup link's token",
        body: ZSetupBody,
        response: { 201: z.object({ user: ZUser }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await completeSetup(ctx.db, body);
      const { user, token } = await createSession(ctx.db, {
        email: body.email,
        password: body.password,
        ip: request.ip,
      });
      setSessionCookie(ctx, reply, token);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );
}
