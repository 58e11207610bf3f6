import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/customers (being written). */
export function registerCustomersRoutes(_app: ApiApp, _ctx: AppContext): void {}
