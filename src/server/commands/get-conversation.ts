import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { findConversationWithAccess, type ConversationAccessRow } from "../models/conversations.js";
import { canSeeConversation } from "../policies/conversation-policy.js";

/**
 * Loads a conversation the actor may see. Throws 404 alike for a missing id, another workspace's
 * conversation and one in an inbox the actor does not see, so ids reveal nothing.
 */
export async function getConversation(
  db: Queryable,
  actor: Actor,
  id: string,
): Promise<ConversationAccessRow> {
  const row = await findConversationWithAccess(db, actor.workspaceId, id, actor.userId);
  if (!row || !canSeeConversation(actor, row)) throw notFound("Conversation");
  return row;
}
