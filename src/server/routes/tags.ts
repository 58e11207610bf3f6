import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/tags (being written). */
export function registerTagsRoutes(_app: ApiApp, _ctx: AppContext): void {}
