import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { changePassword } from "../commands/change-password.js";
import { updateUser } from "../commands/update-user.js";
import { notFound } from "../lib/errors.js";
import { decodeNameCursor, encodeNameCursor } from "../lib/name-cursor.js";
import { findUser, findUsersPage, type UserRow } from "../models/users.js";
import { actorOf } from "../plugins/auth.js";
import { userAbilities } from "../policies/user-policy.js";
import { presentUser, ZUser } from "../presenters/user-presenter.js";
import { listOf, ZErrorResponses, ZLanguage, ZPageQuery, ZUuidParams } from "./schemas.js";
import { setSessionCookie } from "./session.js";

/** A user as the users endpoints show it: with what the actor may do with them. */
export const ZManagedUser = ZUser.extend({
  abilities: z.object({ update: z.boolean(), changeRole: z.boolean(), deactivate: z.boolean() }),
});

/** `?limit=&cursor=&isActive=` of GET /users. */
export const ZUsersQuery = z.strictObject({
  ...ZPageQuery,
  isActive: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

/** What PATCH /users/:id may change; email, workspace and ids are rejected with 400. */
export const ZUpdateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(["owner", "admin", "agent"]).optional(),
  language: ZLanguage.optional(),
  isActive: z.boolean().optional(),
});

/** PATCH /session/password: the current password proves it is really the user at the keyboard. */
export const ZChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(8, "must be at least 8 characters").max(1000),
});

const present = (actor: Actor, row: UserRow) => {
  const abilities = userAbilities(actor, row);
  return { ...presentUser(row), abilities };
};

/** /users: everyone reads the workspace's users; changes follow the user policy. */
export function registerUsersRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/users",
    {
      schema: {
        tags: ["users"],
        summary: "The workspace's users, active and inactive, by name (for assignment pickers)",
        querystring: ZUsersQuery,
        response: { 200: listOf(ZManagedUser), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor, isActive } = request.query;
      const rows = await findUsersPage(ctx.db, actor.workspaceId, {
        limit: limit + 1,
        after: decodeNameCursor(cursor),
        isActive,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map((row) => present(actor, row)),
        nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null,
      };
    },
  );

  app.get(
    "/users/:id",
    {
      schema: {
        tags: ["users"],
        summary: "One user of the workspace",
        params: ZUuidParams,
        response: { 200: ZManagedUser, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUser(ctx.db, actor.workspaceId, request.params.id);
      if (!user) throw notFound("User");
      return present(actor, user);
    },
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags: ["users"],
        summary: "Change a user's name, language, role or activation (deactivating signs them out)",
        params: ZUuidParams,
        body: ZUpdateUserBody,
        response: { 200: ZManagedUser, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await updateUser(ctx.db, actor, request.params.id, request.body);
      return present(actor, user);
    },
  );

  // The password belongs to the signed-in session's user, hence the path under /session.
  app.patch(
    "/session/password",
    {
      config: {
        rateLimit: {
          max: 10,
          timeWindow: "5 minutes",
          keyGenerator: (request) => request.actor?.userId ?? request.ip,
        },
      },
      schema: {
        tags: ["session"],
        summary: "Change your password; ends your other sessions and renews this one's cookie",
        body: ZChangePasswordBody,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken } = await changePassword(ctx.db, actorOf(request), {
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        userAgent: request.headers["user-agent"],
        ip: request.ip,
      });
      setSessionCookie(ctx, reply, sessionToken);
      return reply.status(204).send(null);
    },
  );
}
