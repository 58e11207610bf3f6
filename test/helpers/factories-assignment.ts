import type { AppContext } from "../../src/server/context.js";
import { replaceCapacity, type Capacity } from "../../src/server/models/agent-capacities.js";
import {
  upsertInboxAssignment,
  type AssignmentSettings,
  type InboxAssignmentRow,
} from "../../src/server/models/inbox-assignment.js";
import type { Availability } from "../../src/server/models/users.js";

/** Gives an inbox an assignment rule (manual with no options unless overridden). */
export async function buildAssignmentRule(
  ctx: AppContext,
  workspaceId: string,
  inboxId: string,
  settings: Partial<AssignmentSettings> = {},
): Promise<InboxAssignmentRow> {
  return upsertInboxAssignment(ctx.db, workspaceId, inboxId, {
    mode: settings.mode ?? "manual",
    teamId: settings.teamId ?? null,
    stickyDays: settings.stickyDays ?? null,
    reassignAwayMinutes: settings.reassignAwayMinutes ?? null,
  });
}

/**
 * Sets a user's availability directly, as if they had changed it at `since` (now by default), without
 * the backlog pickup that coming online through the API does.
 */
export async function setAvailabilityOf(
  ctx: AppContext,
  userId: string,
  availability: Availability,
  since: Date = new Date(),
): Promise<void> {
  await ctx.db.query("UPDATE users SET availability = $2, availability_changed_at = $3 WHERE id = $1", [
    userId,
    availability,
    since,
  ]);
}

/** Sets a user's capacity per channel (channels not named: no limit). */
export async function setCapacityOf(
  ctx: AppContext,
  workspaceId: string,
  userId: string,
  capacity: Capacity,
): Promise<void> {
  await ctx.db.transaction((tx) => replaceCapacity(tx, workspaceId, userId, capacity));
}
