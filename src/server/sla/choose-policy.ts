import type { Priority } from "../models/conversations.js";

/** What an SLA policy's conditions look at. */
export interface PolicyConditions {
  is_enabled: boolean;
  priorities: string[];
  inbox_ids: string[];
  tag_ids: string[];
}

export interface ConversationFacts {
  priority: Priority;
  inboxId: string;
  tagIds: string[];
}

/**
 * The policy that applies to a conversation: the first enabled one, in the given order, whose
 * conditions all hold. An empty condition matches anything; a tag condition holds when the conversation
 * has any of the tags. Undefined when none applies (the conversation's clocks then have no target).
 */
export function choosePolicy<T extends PolicyConditions>(
  policies: T[],
  facts: ConversationFacts,
): T | undefined {
  return policies.find(
    (policy) =>
      policy.is_enabled &&
      (policy.priorities.length === 0 || policy.priorities.includes(facts.priority)) &&
      (policy.inbox_ids.length === 0 || policy.inbox_ids.includes(facts.inboxId)) &&
      (policy.tag_ids.length === 0 || policy.tag_ids.some((id) => facts.tagIds.includes(id))),
  );
}
