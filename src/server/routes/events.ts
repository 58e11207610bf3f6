import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/events (being written). */
export function registerEventsRoutes(_app: ApiApp, _ctx: AppContext): void {}
