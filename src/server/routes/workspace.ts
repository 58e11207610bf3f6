import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/workspace (being written). */
export function registerWorkspaceRoutes(_app: ApiApp, _ctx: AppContext): void {}
