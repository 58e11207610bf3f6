import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { invalid, notFound } from "../lib/errors.js";
import { findAssignmentCandidates, type AssignmentCandidateRow } from "../models/assignment-candidates.js";
import { lockConversation, updateConversationFields, type ConversationRow } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { findInboxAssignment } from "../models/inbox-assignment.js";
import { findInbox, type InboxAccess } from "../models/inboxes.js";
import { findUser } from "../models/users.js";
import { canTakeEscalation, pickEscalationLead } from "../policies/assignment-policy.js";
import { escalatedActivity } from "./assignment-activities.js";
import { notifyUser } from "./notify-user.js";
import { recordActivity } from "./record-activity.js";

export interface EscalateInput {
  /** Why, in the agent's words: shown in the timeline and the lead's notification. */
  reason: string;
  /** A chosen team lead, owner or admin; by default a lead of the conversation's team. */
  leadId?: string;
}

/** The chosen lead when they may take it, else a lead of the team (never the actor); 400 otherwise. */
function chooseLead(
  candidates: AssignmentCandidateRow[],
  actorId: string,
  inboxAccess: InboxAccess,
  teamId: string | null,
  leadId: string | undefined,
): AssignmentCandidateRow {
  if (leadId) {
    if (leadId === actorId) throw invalid("leadId", "is you: escalate to someone else");
    const chosen = candidates.find((c) => c.id === leadId);
    if (!chosen || !canTakeEscalation(chosen, inboxAccess)) {
      throw invalid("leadId", "is not an active team lead, owner or admin who can see this inbox");
    }
    return chosen;
  }
  if (!teamId) throw invalid("leadId", "is required: the conversation has no team to escalate within");
  const lead = pickEscalationLead(
    candidates.filter(
      (c) => c.lead_team_ids.includes(teamId) && c.id !== actorId && canTakeEscalation(c, inboxAccess),
    ),
  );
  if (!lead) throw invalid("leadId", "is required: the team has no lead who can take this conversation");
  return lead;
}

/**
 * Hands a conversation to a lead with a reason: the lead becomes its assignee, the timeline shows
 * "Ana escalated this to Lea: <reason>" (`conversation.escalated`, plus `conversation.assigned` when the
 * assignee changed), and the lead is notified — all in one transaction. Without `leadId` the lead is one
 * of the team's (the conversation's team, else the team of its inbox's assignment rule): online first,
 * then the least loaded; the actor is never picked. The status is left as it is. Callers check that the
 * actor sees the conversation. Throws 404 for another workspace's conversation, 400 naming `leadId` when
 * there is no lead to take it or the chosen one may not.
 */
export async function escalateConversation(
  db: Database,
  actor: Actor,
  conversationId: string,
  input: EscalateInput,
): Promise<ConversationRow> {
  return db.transaction(async (tx) => {
    const before = await lockConversation(tx, actor.workspaceId, conversationId);
    if (!before) throw notFound("Conversation");
    const inbox = await findInbox(tx, actor.workspaceId, before.inbox_id);
    if (!inbox) throw notFound("Conversation");
    const rule = await findInboxAssignment(tx, actor.workspaceId, before.inbox_id);
    const teamId = before.team_id ?? rule?.team_id ?? null;
    const candidates = await findAssignmentCandidates(tx, {
      workspaceId: actor.workspaceId,
      inboxId: inbox.id,
      channel: before.channel,
    });

    const lead = chooseLead(candidates, actor.userId, inbox.access, teamId, input.leadId);
    const to = { id: lead.id, name: lead.name };
    const was = before.assignee_id ? await findUser(tx, actor.workspaceId, before.assignee_id) : undefined;
    const previous = was ? { id: was.id, name: was.name } : null;
    const changed = before.assignee_id !== to.id;
    const after = changed ? await updateConversationFields(tx, before.id, { assigneeId: to.id }) : before;
    const reason = input.reason.trim();
    const message = await recordActivity(
      tx,
      after,
      actor,
      escalatedActivity(actor.name, to, previous, reason, teamId),
    );
    if (changed) {
      // Listeners that follow assignments (lists, "Mine" counts) need not know about escalations.
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "conversation.assigned",
        conversationId: before.id,
        actorUserId: actor.userId,
        payload: {
          assigneeId: to.id,
          previousAssigneeId: previous?.id ?? null,
          reason: "escalation",
          messageId: message.id,
        },
      });
    }
    await notifyUser(tx, {
      workspaceId: actor.workspaceId,
      userId: to.id,
      kind: "escalated",
      conversationId: before.id,
      actorUserId: actor.userId,
      payload: { reason },
    });
    return after;
  });
}
