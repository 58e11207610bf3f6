import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/folders (being written). */
export function registerFoldersRoutes(_app: ApiApp, _ctx: AppContext): void {}
