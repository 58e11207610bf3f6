import type { Queryable } from "../db/types.js";
import { findAssignmentCandidates, type AssignmentCandidateRow } from "../models/assignment-candidates.js";
import { lockBacklog } from "../models/assignment-conversations.js";
import { findAutomaticAssignments, moveRoundRobinCursor } from "../models/inbox-assignment.js";
import { findInboxes, type Channel } from "../models/inboxes.js";
import type { UserRow } from "../models/users.js";
import { isEligibleAssignee } from "../policies/assignment-policy.js";
import { autoAssignedActivity } from "./assignment-activities.js";
import { giveConversation } from "./assignment-rule.js";

/**
 * How many waiting conversations of one channel an agent without a capacity on it picks up when they
 * come online: a backlog is shared by the next agents coming online, not dumped on the first.
 */
export const PICKUP_WITHOUT_CAPACITY = 10;
const SCAN_LIMIT = 500;

/**
 * An agent just came online: give them the open, unassigned conversations of inboxes with an automatic
 * rule that they may take, oldest first, until their capacity on each channel is reached (at most
 * PICKUP_WITHOUT_CAPACITY per channel where they have none). Round-robin inboxes move their cursor to
 * them, as for any turn. The caller holds the workspace's assignment lock. Returns how many they got.
 */
export async function assignBacklogTo(tx: Queryable, user: UserRow): Promise<number> {
  const rules = await findAutomaticAssignments(tx, user.workspace_id);
  if (rules.length === 0) return 0;
  const inboxes = new Map((await findInboxes(tx, user.workspace_id)).map((inbox) => [inbox.id, inbox]));
  const asCandidate = new Map<string, AssignmentCandidateRow>();
  for (const rule of rules) {
    const inbox = inboxes.get(rule.inbox_id);
    if (!inbox) continue;
    const [row] = await findAssignmentCandidates(tx, {
      workspaceId: user.workspace_id,
      inboxId: inbox.id,
      channel: inbox.channel,
      userId: user.id,
    });
    // Any team: the team check is per conversation below, since a conversation's own team wins.
    if (row && isEligibleAssignee(row, { inboxAccess: inbox.access, teamId: null })) {
      asCandidate.set(inbox.id, row);
    }
  }
  if (asCandidate.size === 0) return 0;

  const backlog = await lockBacklog(tx, user.workspace_id, [...asCandidate.keys()], SCAN_LIMIT);
  const taken = new Map<Channel, number>();
  let count = 0;
  for (const conversation of backlog) {
    const candidate = asCandidate.get(conversation.inbox_id)!;
    const rule = rules.find((r) => r.inbox_id === conversation.inbox_id)!;
    const inbox = inboxes.get(conversation.inbox_id)!;
    const already = taken.get(conversation.channel) ?? 0;
    if (candidate.capacity === null && already >= PICKUP_WITHOUT_CAPACITY) continue;
    const now = { ...candidate, channel_load: candidate.channel_load + already };
    const target = { inboxAccess: inbox.access, teamId: conversation.team_id ?? rule.team_id };
    if (!isEligibleAssignee(now, target)) continue;
    await giveConversation(
      tx,
      conversation,
      user.id,
      autoAssignedActivity({ id: user.id, name: user.name }, "agent_online"),
    );
    if (rule.mode === "round_robin") await moveRoundRobinCursor(tx, rule.inbox_id, user.id);
    taken.set(conversation.channel, already + 1);
    count += 1;
  }
  return count;
}
