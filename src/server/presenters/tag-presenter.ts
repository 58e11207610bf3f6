import { z } from "zod";
import type { TagRow } from "../models/tags.js";

/** A tag, with its optional reason group. */
export const ZTag = z.object({
  id: z.string(),
  name: z.string(),
  reasonGroup: z.string().nullable(),
  createdAt: z.string(),
});
export type TTag = z.infer<typeof ZTag>;

/** A tag row as the API shows it. */
export function presentTag(row: TagRow): TTag {
  return {
    id: row.id,
    name: row.name,
    reasonGroup: row.reason_group,
    createdAt: row.created_at.toISOString(),
  };
}
