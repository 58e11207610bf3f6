import { z } from "zod";
import type { InvitationLookupRow, InvitationRow } from "../models/invitations.js";

/** A pending invitation as owners and admins see it. */
export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "agent"]),
  invitedBy: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  abilities: z.object({ revoke: z.boolean() }),
});
export type TInvitation = z.infer<typeof ZInvitation>;

/** A pending invitation for the admins' list; never its token or token hash. */
export function presentInvitation(row: InvitationRow, abilities: { revoke: boolean }): TInvitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    invitedBy: row.invited_by,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    abilities: { revoke: abilities.revoke },
  };
}

/** What the public lookup of an invitation link answers. */
export const ZInvitationLookup = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "agent"]),
  workspaceName: z.string(),
  expiresAt: z.string(),
});
export type TInvitationLookup = z.infer<typeof ZInvitationLookup>;

/** What the public acceptance page may show about an invitation: only what its holder was told. */
export function presentInvitationLookup(row: InvitationLookupRow): TInvitationLookup {
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    workspaceName: row.workspace_name,
    expiresAt: row.expires_at.toISOString(),
  };
}
