import { isUniqueViolation } from "../db/errors.js";
import type { Queryable } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { hashPassword } from "../lib/passwords.js";
import { recordEvent } from "../models/events.js";
import { findUserByEmail, insertUser, isHandleTaken, type Role, type UserRow } from "../models/users.js";

/** "Ana Kovač" → "ana.kovac": the @handle used for mentions; made unique with a number if needed. */
export async function deriveHandle(
  tx: Queryable,
  workspaceId: string,
  name: string,
  email: string,
): Promise<string> {
  const fromName = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ".")
    .replace(/^\.+|\.+$/g, "");
  const base = (fromName || email.split("@")[0] || "user").slice(0, 30);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await isHandleTaken(tx, workspaceId, candidate))) return candidate;
  }
}

export interface CreateUserInput {
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  password: string | null;
  language?: string;
  actorUserId?: string | null;
}

const emailTaken = () => conflict("A user with this email already exists");

/** True for PostgreSQL's unique violation on the users' email index. */
const isEmailTaken = (error: unknown): boolean => isUniqueViolation(error, "users_email_key");

/** Creates a user inside `tx`. Throws 409 when the email is already used (emails are unique per install). */
export async function createUser(tx: Queryable, input: CreateUserInput): Promise<UserRow> {
  if (await findUserByEmail(tx, input.email)) throw emailTaken();
  // Two users with one name created at once would derive the same @handle: one at a time per workspace.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('heed-user-handle:' || $1::text))", [
    input.workspaceId,
  ]);
  const user = await insertUser(tx, {
    id: newId(),
    workspaceId: input.workspaceId,
    email: input.email.trim(),
    name: input.name.trim(),
    handle: await deriveHandle(tx, input.workspaceId, input.name, input.email),
    role: input.role,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    language: input.language,
  }).catch((error: unknown) => {
    // Another transaction took the email after the check above: the same 409, not a 500.
    throw isEmailTaken(error) ? emailTaken() : error;
  });
  await recordEvent(tx, {
    workspaceId: input.workspaceId,
    type: "user.created",
    actorUserId: input.actorUserId ?? null,
    payload: { userId: user.id, role: user.role },
  });
  return user;
}
