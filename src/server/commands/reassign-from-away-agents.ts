import type { Database, Queryable } from "../db/types.js";
import {
  findNextAwayDue,
  findWorkspacesWithAwayDue,
  lockAwayDue,
} from "../models/assignment-conversations.js";
import { lockInboxAssignment } from "../models/inbox-assignment.js";
import { findInbox } from "../models/inboxes.js";
import { awayReassignedActivity } from "./assignment-activities.js";
import { chooseByRule, giveConversation, lockWorkspaceAssignment } from "./assignment-rule.js";

const BATCH = 100;

/** One workspace's due conversations, in one transaction under its assignment lock. */
async function reassignInWorkspace(tx: Queryable, workspaceId: string, now: Date): Promise<number> {
  await lockWorkspaceAssignment(tx, workspaceId);
  // Read after the lock: a worker that went first has committed, and what it moved is no longer due.
  const due = await lockAwayDue(tx, workspaceId, now, BATCH);
  for (const conversation of due) {
    const rule = await lockInboxAssignment(tx, conversation.inbox_id);
    const inbox = await findInbox(tx, workspaceId, conversation.inbox_id);
    if (!rule || !inbox) continue;
    const previous = { id: conversation.assignee_id!, name: conversation.away_name };
    // Never back to the agent who is away, and not sticky: their customers' last owner is often them.
    const choice = await chooseByRule(tx, conversation, rule, inbox.access, {
      sticky: false,
      excludeUserId: previous.id,
    });
    const assignee = choice ? { id: choice.assignee.id, name: choice.assignee.name } : null;
    await giveConversation(
      tx,
      conversation,
      assignee?.id ?? null,
      awayReassignedActivity(previous, conversation.reassign_away_minutes, assignee, rule.mode),
    );
  }
  return due.length;
}

/**
 * For inboxes with `reassign_away_minutes`, takes the new conversations (open, no reply yet) of agents
 * who have been away or offline that long and gives them to someone else by the inbox's rule, or back
 * to Unassigned when nobody can take them (a manual inbox always does that); each with an activity line
 * saying why. Workers in several processes may call this at once: each workspace's pass runs under its
 * assignment lock and locks the conversations it handles (SKIP LOCKED), so a conversation is moved once.
 * Returns how many were moved (at most 100 per workspace per call; call again while it returns more
 * than 0, or at findNextAwayReassignment's time).
 */
export async function reassignFromAwayAgents(db: Database, now: Date = new Date()): Promise<number> {
  let moved = 0;
  for (const workspaceId of await findWorkspacesWithAwayDue(db, now)) {
    moved += await db.transaction((tx) => reassignInWorkspace(tx, workspaceId, now));
  }
  return moved;
}

/**
 * When the next away reassignment falls due (possibly in the past: run now), or null when no agent who
 * is away has a new conversation in an inbox that reassigns. The worker sleeps until then.
 */
export async function findNextAwayReassignment(db: Database): Promise<Date | null> {
  return findNextAwayDue(db);
}
