import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { findFolderCounts } from "../models/folder-counts.js";
import { actorOf } from "../plugins/auth.js";
import { presentFolders, ZFolders } from "../presenters/folder-presenter.js";
import { ZErrorResponses } from "./schemas.js";

/** /folders: sidebar counts read from the trigger-kept counters, never by counting conversations. */
export function registerFoldersRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/folders",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "Conversation counts for the sidebar (mine, unassigned, by status, per inbox and team), from counters",
        response: { 200: ZFolders, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = await findInboxScope(ctx.db, actor);
      const rows = await findFolderCounts(
        ctx.db,
        actor.workspaceId,
        actor.userId,
        scope.isAll ? null : scope.ids,
      );
      return presentFolders(rows, scope.ids);
    },
  );
}
