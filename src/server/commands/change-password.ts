import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, invalid, notFound } from "../lib/errors.js";
import { hashToken, newId, randomToken } from "../lib/ids.js";
import { hashPassword, verifyPassword } from "../lib/passwords.js";
import { recordEvent } from "../models/events.js";
import { deleteUserSessions, insertSession } from "../models/sessions.js";
import { findUser, updatePasswordHash } from "../models/users.js";

/** The passwords, and where the renewed session comes from. */
export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  userAgent?: string;
  ip?: string;
}

/**
 * Changes the signed-in user's password. Every session of the user ends, including the current one,
 * which is replaced by a fresh session (its token is returned for the cookie): a session stolen before
 * the change is worthless after it. API tokens are separate credentials and stay. Throws 403 when not
 * called from a session (a leaked token must not be able to take over the account) and 400 naming
 * `currentPassword` when it is wrong.
 */
export async function changePassword(
  db: Database,
  actor: Actor,
  input: ChangePasswordInput,
): Promise<{ sessionToken: string }> {
  if (actor.via !== "session") throw forbidden("Change your password from a signed-in session");
  const user = await findUser(db, actor.workspaceId, actor.userId);
  if (!user) throw notFound("User");
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid("currentPassword", "is wrong");
  }
  // Hashing is slow on purpose; do it before the transaction so no connection waits on it.
  const passwordHash = await hashPassword(input.newPassword);
  const sessionToken = randomToken();
  await db.transaction(async (tx) => {
    await updatePasswordHash(tx, actor.workspaceId, actor.userId, passwordHash);
    await deleteUserSessions(tx, actor.userId);
    await insertSession(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      tokenHash: hashToken(sessionToken),
      userAgent: input.userAgent?.slice(0, 300),
      ip: input.ip,
    });
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "user.password_changed",
      actorUserId: actor.userId,
      payload: { userId: actor.userId },
    });
  });
  return { sessionToken };
}
