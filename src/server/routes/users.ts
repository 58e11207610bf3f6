import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/users (being written). */
export function registerUsersRoutes(_app: ApiApp, _ctx: AppContext): void {}
