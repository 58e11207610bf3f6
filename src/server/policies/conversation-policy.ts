import type { Actor } from "../context.js";
import type { ConversationAccessRow, ConversationStatus } from "../models/conversations.js";
import { canSeeInbox } from "./inbox-policy.js";

/** What a user may do with one conversation; sent with it so the UI never re-derives permissions. */
export interface ConversationAbilities {
  canReply: boolean;
  canAddNote: boolean;
  canAssign: boolean;
  canSetTeam: boolean;
  canSetStatus: boolean;
  canSetPriority: boolean;
  canTag: boolean;
  canSnooze: boolean;
  canFollowUp: boolean;
}

export type ConversationAction =
  "reply" | "note" | "assign" | "setTeam" | "setStatus" | "setPriority" | "tag" | "snooze" | "followUp";

/** Whether the user sees the conversation at all: exactly when they see its inbox. */
export function canSeeConversation(
  actor: Pick<Actor, "role">,
  conversation: Pick<ConversationAccessRow, "inbox_access" | "is_inbox_member">,
): boolean {
  return canSeeInbox(actor, { access: conversation.inbox_access, is_member: conversation.is_inbox_member });
}

/**
 * The abilities of a user who sees the conversation. Everyone who sees a conversation works it (replies,
 * notes, assigns, tags, snoozes, sets follow-ups, changes status). Kept as a function so finer rules
 * (e.g. read-only inboxes) change one place.
 */
export function conversationAbilities(
  actor: Pick<Actor, "role">,
  conversation: Pick<ConversationAccessRow, "inbox_access" | "is_inbox_member"> & {
    status: ConversationStatus;
  },
): ConversationAbilities {
  const sees = canSeeConversation(actor, conversation);
  return {
    canReply: sees,
    canAddNote: sees,
    canAssign: sees,
    canSetTeam: sees,
    canSetStatus: sees,
    canSetPriority: sees,
    canTag: sees,
    canSnooze: sees,
    canFollowUp: sees,
  };
}

const abilityOf: Record<ConversationAction, keyof ConversationAbilities> = {
  reply: "canReply",
  note: "canAddNote",
  assign: "canAssign",
  setTeam: "canSetTeam",
  setStatus: "canSetStatus",
  setPriority: "canSetPriority",
  tag: "canTag",
  snooze: "canSnooze",
  followUp: "canFollowUp",
};

/** True when the user may take `action` on the conversation. */
export function canActOnConversation(
  actor: Pick<Actor, "role">,
  action: ConversationAction,
  conversation: Pick<ConversationAccessRow, "inbox_access" | "is_inbox_member"> & {
    status: ConversationStatus;
  },
): boolean {
  return conversationAbilities(actor, conversation)[abilityOf[action]];
}
