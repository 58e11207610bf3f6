import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { findUser, updateAvailability, type Availability, type UserRow } from "../models/users.js";
import { canSetAvailability } from "../policies/assignment-policy.js";
import { assignBacklogTo } from "./assign-backlog.js";
import { lockWorkspaceAssignment } from "./assignment-rule.js";

/**
 * Sets whether a user takes work: `user.availability_changed` (seen by the whole workspace, so lists of
 * agents update live). Coming online picks up the waiting backlog of automatic inboxes
 * (assign-backlog.ts) in the same transaction. Setting the value it already has changes nothing.
 * Throws 404 for a user of another workspace, 403 when the actor may not change this user.
 */
export async function setAvailability(
  db: Database,
  actor: Actor,
  userId: string,
  availability: Availability,
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    // Before the user's row: assignment takes this lock and then stamps users' rows (lock order).
    await lockWorkspaceAssignment(tx, actor.workspaceId);
    const target = await findUser(tx, actor.workspaceId, userId);
    if (!target) throw notFound("User");
    const current = await findUser(tx, actor.workspaceId, actor.userId);
    if (!current?.is_active) throw forbidden();
    if (!canSetAvailability({ userId: current.id, role: current.role }, target)) {
      throw forbidden("You may only change your own availability");
    }
    if (target.availability === availability) return target;
    const updated = await updateAvailability(tx, actor.workspaceId, userId, availability);
    if (!updated) throw notFound("User");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "user.availability_changed",
      actorUserId: actor.userId,
      payload: { userId, from: target.availability, to: availability },
    });
    if (availability === "online" && updated.is_active) await assignBacklogTo(tx, updated);
    return updated;
  });
}
