import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/teams (being written). */
export function registerTeamsRoutes(_app: ApiApp, _ctx: AppContext): void {}
