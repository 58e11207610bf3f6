import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getFolders } from "../commands/get-folders.js";
import { actorOf } from "../plugins/auth.js";
import { ZFolders } from "../presenters/folder-presenter.js";
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
    async (request) => getFolders(ctx.db, actorOf(request)),
  );
}
