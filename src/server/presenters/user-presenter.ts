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
    createdAt: row.created_at.toISOString(),
  };
}
