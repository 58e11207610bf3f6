import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/messages (being written). */
export function registerMessagesRoutes(_app: ApiApp, _ctx: AppContext): void {}
