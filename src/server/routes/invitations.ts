import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";

/** Routes for /api/v1/invitations (being written). */
export function registerInvitationsRoutes(_app: ApiApp, _ctx: AppContext): void {}
