import type { Database } from "../db/types.js";
import { unauthorized } from "../lib/errors.js";
import { hashToken, newId, randomToken } from "../lib/ids.js";
import { verifyPassword } from "../lib/passwords.js";
import { recordEvent } from "../models/events.js";
import { insertSession } from "../models/sessions.js";
import { findUserByEmail, markLogin, type UserRow } from "../models/users.js";

export interface CreateSessionInput {
  email: string;
  password: string;
  userAgent?: string;
  ip?: string;
}

/**
 * Signs a user in: checks the password and stores a new session. Unknown email and wrong password
 * throw the same 401 after the same work, so the answer does not reveal who has an account.
 */
export async function createSession(
  db: Database,
  input: CreateSessionInput,
): Promise<{ user: UserRow; token: string }> {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.is_active ? user.password_hash : null, input.password);
  if (!user || !ok) throw unauthorized("Wrong email or password");
  const token = randomToken();
  await db.transaction(async (tx) => {
    await insertSession(tx, {
      id: newId(),
      workspaceId: user.workspace_id,
      userId: user.id,
      tokenHash: hashToken(token),
      userAgent: input.userAgent?.slice(0, 300),
      ip: input.ip,
    });
    await markLogin(tx, user.id);
    await recordEvent(tx, { workspaceId: user.workspace_id, type: "session.created", actorUserId: user.id });
  });
  return { user, token };
}
