import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { updateWorkspace } from "../commands/update-workspace.js";
import { notFound } from "../lib/errors.js";
import { findWorkspace } from "../models/workspaces.js";
import { actorOf } from "../plugins/auth.js";
import { workspaceAbilities } from "../policies/workspace-policy.js";
import { presentWorkspace, ZWorkspace } from "../presenters/workspace-presenter.js";
import { ZErrorResponses, ZLanguage } from "./schemas.js";

/**
 * The IANA time zone named by `value`, spelled as Intl spells it when only the case differs
 * ("europe/zagreb" → "Europe/Zagreb"; an alias such as "Asia/Kolkata" is kept), or undefined.
 */
export function ianaTimeZone(value: string): string | undefined {
  // Region names only: offsets such as "+01:00" mean different things to Intl and to PostgreSQL.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return undefined;
  }
}

/** PATCH /workspace: its id and dates are not writable. */
export const ZUpdateWorkspaceBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z
    .string()
    .max(100)
    .refine((value) => ianaTimeZone(value) !== undefined, "must be an IANA time zone such as Europe/Zagreb")
    .transform((value) => ianaTimeZone(value)!)
    .optional(),
  defaultLanguage: ZLanguage.optional(),
  /** The workspace's own jargon the reply coach flags (product code names, internal terms); the whole list. */
  coachJargon: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
});

/** /workspace: the signed-in user's workspace; owners and admins change its settings. */
export function registerWorkspaceRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/workspace",
    {
      schema: {
        tags: ["workspace"],
        summary: "Your workspace's settings",
        response: { 200: ZWorkspace, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const workspace = await findWorkspace(ctx.db, actor.workspaceId);
      if (!workspace) throw notFound("Workspace");
      return presentWorkspace(workspace, workspaceAbilities(actor));
    },
  );

  app.patch(
    "/workspace",
    {
      schema: {
        tags: ["workspace"],
        summary:
          "Change the workspace's name, time zone, default language or coach jargon (owners and admins)",
        body: ZUpdateWorkspaceBody,
        response: { 200: ZWorkspace, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const workspace = await updateWorkspace(ctx.db, actor, request.body);
      return presentWorkspace(workspace, workspaceAbilities(actor));
    },
  );
}
