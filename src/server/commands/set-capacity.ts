import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, notFound } from "../lib/errors.js";
import { replaceCapacity, type Capacity } from "../models/agent-capacities.js";
import { recordEvent } from "../models/events.js";
import { findUser } from "../models/users.js";
import { canManageAssignment } from "../policies/assignment-policy.js";

/**
 * Makes a user's capacity exactly `capacity`: the most open or pending conversations of each channel the
 * assignment rule gives them (a channel not named: no limit; 0: never automatically). Conversations they
 * have already are kept. Records `user.capacity_changed`. Throws 403 for agents, 404 for a user of
 * another workspace.
 */
export async function setCapacity(
  db: Database,
  actor: Actor,
  userId: string,
  capacity: Capacity,
): Promise<Capacity> {
  if (!canManageAssignment(actor)) throw forbidden("Only owners and admins change capacities");
  return db.transaction(async (tx) => {
    if (!(await findUser(tx, actor.workspaceId, userId))) throw notFound("User");
    await replaceCapacity(tx, actor.workspaceId, userId, capacity);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "user.capacity_changed",
      actorUserId: actor.userId,
      payload: { userId, capacity },
    });
    return capacity;
  });
}
