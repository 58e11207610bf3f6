import { z } from "zod";
import type { UserRow } from "../models/users.js";

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  handle: z.string(),
  role: z.enum(["owner", "admin", "agent"]),
  language: z.enum(["en", "ru", "hr", "sk"]),
  isActive: z.boolean(),
  /** Whether they take work now: only "online" users are assigned conversations automatically. */
  availability: z.enum(["online", "away", "offline"]),
  availabilityChangedAt: z.string(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export function presentUser(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    handle: row.handle,
    role: row.role,
    language: row.language,
    isActive: row.is_active,
    availability: row.availability,
    availabilityChangedAt: row.availability_changed_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}
