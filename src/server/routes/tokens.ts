import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { forbidden, notFound } from "../lib/errors.js";
import { hashToken, newId, randomToken } from "../lib/ids.js";
import { findApiTokens, insertApiToken, revokeApiToken } from "../models/api-tokens.js";
import { recordEvent } from "../models/events.js";
import { actorOf } from "../plugins/auth.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export function registerTokenRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Create an API token for the signed-in user; the token is shown only in this answer",
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
        response: {
          201: z.object({ id: z.string(), token: z.string(), name: z.string() }),
          ...ZErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // A token can't mint tokens: a leaked token must not be able to make itself permanent.
      if (actor.via !== "session") throw forbidden("Create API tokens from a signed-in session");
      const token = `heed_${randomToken()}`;
      const row = await ctx.db.transaction(async (tx) => {
        const created = await insertApiToken(tx, {
          id: newId(),
          workspaceId: actor.workspaceId,
          userId: actor.userId,
          name: request.body.name,
          tokenHash: hashToken(token),
          tokenPrefix: token.slice(0, 9),
        });
        await recordEvent(tx, {
          workspaceId: actor.workspaceId,
          type: "api_token.created",
          actorUserId: actor.userId,
          payload: { tokenId: created.id, name: created.name },
        });
        return created;
      });
      return reply.status(201).send({ id: row.id, token, name: row.name });
    },
  );

  app.get(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Your live API tokens",
        response: { 200: listOf(ZApiToken), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await findApiTokens(ctx.db, actor.workspaceId, actor.userId);
      return {
        data: rows.map((row) => ({
          id: row.id,
          name: row.name,
          prefix: row.token_prefix,
          createdAt: row.created_at.toISOString(),
          lastUsedAt: row.last_used_at?.toISOString() ?? null,
        })),
        nextCursor: null,
      };
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        summary: "Revoke one of your API tokens",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const revoked = await ctx.db.transaction(async (tx) => {
        const ok = await revokeApiToken(tx, actor.workspaceId, actor.userId, request.params.id);
        if (ok) {
          await recordEvent(tx, {
            workspaceId: actor.workspaceId,
            type: "api_token.revoked",
            actorUserId: actor.userId,
            payload: { tokenId: request.params.id },
          });
        }
        return ok;
      });
      if (!revoked) throw notFound("API token");
      return reply.status(204).send(null);
    },
  );
}
