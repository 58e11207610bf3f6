import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { deleteUserSessions } from "../models/sessions.js";
import { findUser, lockActiveOwners, updateUser as updateUserRow, type UserRow } from "../models/users.js";
import { authorizeUserChange, type UserChange } from "../policies/user-policy.js";

/**
 * Changes a user's name, language, role or activation. Deactivating ends the user's sessions at once;
 * their API tokens stop working because authentication requires an active user (they work again if the
 * user is reactivated). Throws 404 for a user of another workspace, 403 per the user policy, 409 when
 * the last active owner would go.
 */
export async function updateUser(
  db: Database,
  actor: Actor,
  userId: string,
  change: UserChange,
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    // The owners' lock first: role and activation decisions below read a state nobody else is changing.
    const activeOwnerIds = await lockActiveOwners(tx, actor.workspaceId);
    const target = await findUser(tx, actor.workspaceId, userId);
    if (!target) throw notFound("User");
    // Decide on the actor's role as it is now, not as it was when the request was authenticated.
    const current = await findUser(tx, actor.workspaceId, actor.userId);
    if (!current?.is_active) throw forbidden();
    authorizeUserChange({ userId: current.id, role: current.role }, target, change, activeOwnerIds);

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (change.name !== undefined && change.name !== target.name)
      changes.name = { from: target.name, to: change.name };
    if (change.language !== undefined && change.language !== target.language)
      changes.language = { from: target.language, to: change.language };
    if (change.role !== undefined && change.role !== target.role)
      changes.role = { from: target.role, to: change.role };
    if (change.isActive !== undefined && change.isActive !== target.is_active)
      changes.isActive = { from: target.is_active, to: change.isActive };
    if (Object.keys(changes).length === 0) return target;

    const updated = await updateUserRow(tx, actor.workspaceId, userId, {
      name: changes.name ? change.name : undefined,
      language: changes.language ? change.language : undefined,
      role: changes.role ? change.role : undefined,
      isActive: changes.isActive ? change.isActive : undefined,
    });
    if (!updated) throw notFound("User");
    if (change.isActive === false && changes.isActive) await deleteUserSessions(tx, userId);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "user.updated",
      actorUserId: actor.userId,
      payload: { userId, changes },
    });
    return updated;
  });
}
