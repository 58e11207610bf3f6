import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertMessage, type MessageRow } from "../models/messages.js";

export interface Activity {
  /** Structured, so every client can render it in its own language: `{ action: "assigned", ... }`. */
  meta: { action: string } & Record<string, unknown>;
  /** The English sentence shown when a client does not know the action. */
  body: string;
  event: { type: string; payload: Record<string, unknown> };
}

/**
 * Writes one change to a conversation as people and machines see it: an `activity` message in the
 * timeline ("Ana assigned this to Marko") and an event, inside the caller's transaction. `actor` null
 * means Heed itself (a snooze ending); `at` backdates the timeline entry (imports, demo data).
 */
export async function recordActivity(
  tx: Queryable,
  conversation: { id: string; workspace_id: string },
  actor: Pick<Actor, "userId" | "name"> | null,
  activity: Activity,
  at?: Date,
): Promise<MessageRow> {
  const message = await insertMessage(tx, {
    id: newId(),
    workspaceId: conversation.workspace_id,
    conversationId: conversation.id,
    kind: "activity",
    body: activity.body,
    authorUserId: actor?.userId ?? null,
    meta: { ...activity.meta, actor: actor ? { id: actor.userId, name: actor.name } : null },
    at,
  });
  await recordEvent(tx, {
    workspaceId: conversation.workspace_id,
    type: activity.event.type,
    conversationId: conversation.id,
    actorUserId: actor?.userId ?? null,
    payload: { ...activity.event.payload, messageId: message.id },
  });
  return message;
}
