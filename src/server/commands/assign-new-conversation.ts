import type { Queryable } from "../db/types.js";
import type { ConversationRow } from "../models/conversations.js";
import { findInboxAssignment, lockInboxAssignment, type AssignmentMode } from "../models/inbox-assignment.js";
import { findInbox } from "../models/inboxes.js";
import { autoAssignedActivity } from "./assignment-activities.js";
import { chooseByRule, giveConversation, lockWorkspaceAssignment } from "./assignment-rule.js";

/**
 * Gives a conversation that was just created to an agent by its inbox's rule (docs/assignment.md):
 * a returning customer's last owner when the inbox is sticky, else round robin or balanced. Runs inside
 * createConversation's transaction, so the conversation never exists unassigned where it should not.
 * Manual inboxes (the default) are left alone without taking any lock. Returns the conversation as it
 * is now.
 */
export async function assignNewConversation(
  tx: Queryable,
  conversation: ConversationRow,
  known?: { mode: AssignmentMode; sticky_days: number | null } | null,
): Promise<ConversationRow> {
  if (conversation.assignee_id) return conversation;
  // The caller may have read the inbox's mode already (createConversation does, with the SLA setting).
  const peek =
    known === undefined
      ? await findInboxAssignment(tx, conversation.workspace_id, conversation.inbox_id)
      : known;
  if (!peek || (peek.mode === "manual" && !peek.sticky_days)) return conversation;

  await lockWorkspaceAssignment(tx, conversation.workspace_id);
  const rule = await lockInboxAssignment(tx, conversation.inbox_id);
  const inbox = await findInbox(tx, conversation.workspace_id, conversation.inbox_id);
  if (!rule || !inbox) return conversation;
  const choice = await chooseByRule(tx, conversation, rule, inbox.access, { sticky: true });
  if (!choice) return conversation;
  const assignee = { id: choice.assignee.id, name: choice.assignee.name };
  return giveConversation(
    tx,
    conversation,
    assignee.id,
    autoAssignedActivity(assignee, choice.reason),
    conversation.created_at,
  );
}
