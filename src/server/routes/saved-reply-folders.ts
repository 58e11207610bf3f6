import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { ensureSavedReplies } from "../commands/ensure-saved-replies.js";
import {
  createSavedReplyFolder,
  deleteSavedReplyFolder,
  updateSavedReplyFolder,
} from "../commands/save-saved-reply-folder.js";
import { decodeNameCursor, encodeNameCursor } from "../lib/name-cursor.js";
import { findSavedReplyFolders } from "../models/saved-reply-folders.js";
import { actorOf } from "../plugins/auth.js";
import { canManageSavedReplyFolders } from "../policies/saved-reply-policy.js";
import { presentSavedReplyFolder, ZSavedReplyFolder } from "../presenters/saved-reply-presenter.js";
import { listOf, ZErrorResponses, ZPageQuery, ZUuidParams } from "./schemas.js";

/** POST and PATCH /saved-reply-folders. */
export const ZSavedReplyFolderBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** /saved-reply-folders: everyone lists them; owners and admins create, rename and delete them. */
export function registerSavedReplyFolderRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/saved-reply-folders",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "The workspace's saved-reply folders, by name",
        querystring: z.object(ZPageQuery),
        response: { 200: listOf(ZSavedReplyFolder), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor } = request.query;
      await ensureSavedReplies(ctx.db, actor.workspaceId);
      const rows = await findSavedReplyFolders(ctx.db, actor.workspaceId, {
        after: decodeNameCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const canManage = canManageSavedReplyFolders(actor);
      return {
        data: page.map((row) => presentSavedReplyFolder(row, canManage)),
        nextCursor:
          rows.length > limit && last ? encodeNameCursor({ name: last.sort_name, id: last.id }) : null,
      };
    },
  );

  app.post(
    "/saved-reply-folders",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Create a folder (owners and admins)",
        body: ZSavedReplyFolderBody,
        response: { 201: ZSavedReplyFolder, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await ensureSavedReplies(ctx.db, actor.workspaceId);
      const folder = await createSavedReplyFolder(ctx.db, actor, request.body.name);
      return reply.status(201).send(presentSavedReplyFolder(folder, true));
    },
  );

  app.patch(
    "/saved-reply-folders/:id",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Rename a folder (owners and admins)",
        params: ZUuidParams,
        body: ZSavedReplyFolderBody,
        response: { 200: ZSavedReplyFolder, ...ZErrorResponses },
      },
    },
    async (request) => {
      const folder = await updateSavedReplyFolder(
        ctx.db,
        actorOf(request),
        request.params.id,
        request.body.name,
      );
      return presentSavedReplyFolder(folder, true);
    },
  );

  app.delete(
    "/saved-reply-folders/:id",
    {
      schema: {
        tags: ["saved-replies"],
        summary: "Delete a folder (owners and admins); its replies stay, in no folder",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteSavedReplyFolder(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
