import { z } from "zod";
import type { TeamWithMembersRow } from "../models/teams.js";
import type { TeamAbilities } from "../policies/team-policy.js";

/** A team as the API shows it. */
export const ZTeam = z.object({
  id: z.string(),
  name: z.string(),
  memberIds: z.array(z.string()),
  /** Members who take escalations. */
  leadIds: z.array(z.string()),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type TTeam = z.infer<typeof ZTeam>;

/** A team for the API, with its member and lead ids and what the actor may do with it. */
export function presentTeam(row: TeamWithMembersRow, abilities: TeamAbilities): TTeam {
  return {
    id: row.id,
    name: row.name,
    memberIds: row.member_ids,
    leadIds: row.lead_ids,
    createdAt: row.created_at.toISOString(),
    abilities: { update: abilities.update, delete: abilities.delete },
  };
}
