import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/conversations (being written). */
export function registerConversationsRoutes(_app: ApiApp, _ctx: AppContext): void {}
