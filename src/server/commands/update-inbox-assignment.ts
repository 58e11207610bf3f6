import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, invalid, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import {
  upsertInboxAssignment,
  type AssignmentSettings,
  type InboxAssignmentRow,
} from "../models/inbox-assignment.js";
import { findInbox } from "../models/inboxes.js";
import { findTeam } from "../models/teams.js";
import { canManageAssignment } from "../policies/assignment-policy.js";

/**
 * Replaces an inbox's assignment rule (mode, team, sticky days, away reassignment) and records
 * `inbox.assignment_updated` (seen by those who see the inbox). It applies to conversations created
 * from now on; the round-robin cursor is kept. Throws 403 for agents, 404 for another workspace's inbox,
 * 400 naming `teamId` for a team that is not the workspace's.
 */
export async function updateInboxAssignment(
  db: Database,
  actor: Actor,
  inboxId: string,
  settings: AssignmentSettings,
): Promise<InboxAssignmentRow> {
  if (!canManageAssignment(actor)) throw forbidden("Only owners and admins change assignment rules");
  return db.transaction(async (tx) => {
    if (!(await findInbox(tx, actor.workspaceId, inboxId))) throw notFound("Inbox");
    if (settings.teamId && !(await findTeam(tx, actor.workspaceId, settings.teamId))) {
      throw invalid("teamId", "is not a team of this workspace");
    }
    // 0 days is "off" too; stored as null so there is one way to say it.
    const stored = { ...settings, stickyDays: settings.stickyDays || null };
    const row = await upsertInboxAssignment(tx, actor.workspaceId, inboxId, stored);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.assignment_updated",
      actorUserId: actor.userId,
      payload: { inboxId, ...stored },
    });
    return row;
  });
}
