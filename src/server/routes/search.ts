import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/search (being written). */
export function registerSearchRoutes(_app: ApiApp, _ctx: AppContext): void {}
