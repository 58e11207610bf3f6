import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { createTag } from "../commands/create-tag.js";
import { updateTag } from "../commands/update-tag.js";
import { findTags } from "../models/tags.js";
import { actorOf } from "../plugins/auth.js";
import { presentTag, ZTag } from "../presenters/tag-presenter.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

/** POST /tags. */
export const ZCreateTagBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  reasonGroup: z.string().trim().max(100).nullable().optional(),
});

/** PATCH /tags/:id (owners and admins). */
export const ZUpdateTagBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  reasonGroup: z.string().trim().max(100).nullable().optional(),
});

/** /tags: the workspace's tags; created here or on first use when tagging a conversation. */
export function registerTagsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/tags",
    {
      schema: {
        tags: ["tags"],
        summary: "Every tag of the workspace, by name",
        response: { 200: listOf(ZTag), ...ZErrorResponses },
      },
    },
    async (request) => {
      const rows = await findTags(ctx.db, actorOf(request).workspaceId);
      return { data: rows.map(presentTag), nextCursor: null };
    },
  );

  app.post(
    "/tags",
    {
      schema: {
        tags: ["tags"],
        summary: "Create a tag, optionally in a reason group (tags are also created on first use)",
        body: ZCreateTagBody,
        response: { 201: ZTag, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const tag = await createTag(ctx.db, actorOf(request), request.body);
      return reply.status(201).send(presentTag(tag));
    },
  );

  app.patch(
    "/tags/:id",
    {
      schema: {
        tags: ["tags"],
        summary: "Rename a tag or change its reason group (owners and admins)",
        params: ZUuidParams,
        body: ZUpdateTagBody,
        response: { 200: ZTag, ...ZErrorResponses },
      },
    },
    async (request) => presentTag(await updateTag(ctx.db, actorOf(request), request.params.id, request.body)),
  );
}
