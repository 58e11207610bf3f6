import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/inboxes (being written). */
export function registerInboxesRoutes(_app: ApiApp, _ctx: AppContext): void {}
