import { z } from "zod";
import type { WorkspaceRow } from "../models/workspaces.js";
import type { WorkspaceAbilities } from "../policies/workspace-policy.js";

/** The workspace's settings as the API shows them. */
export const ZWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  defaultLanguage: z.enum(["en", "ru", "hr", "sk"]),
  /** Terms the reply coach flags as jargon besides its built-in lists. */
  coachJargon: z.array(z.string()),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), inviteRoles: z.array(z.enum(["admin", "agent"])) }),
});
export type TWorkspace = z.infer<typeof ZWorkspace>;

/** The workspace's settings for the API, with whether the actor may change them. */
export function presentWorkspace(row: WorkspaceRow, abilities: WorkspaceAbilities): TWorkspace {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language as TWorkspace["defaultLanguage"],
    coachJargon: [...row.coach_jargon],
    createdAt: row.created_at.toISOString(),
    abilities: { update: abilities.update, inviteRoles: [...abilities.inviteRoles] },
  };
}
