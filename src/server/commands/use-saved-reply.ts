import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { findSavedReplyVariants, type SavedReplyVariantRow } from "../models/saved-reply-variants.js";
import { countSavedReplyUse, findSavedReply, type SavedReplyRow } from "../models/saved-replies.js";
import { authorizeSeeScopedItem } from "../policies/saved-reply-policy.js";
import { fillReply, type FilledReply } from "../saved-replies/fill-reply.js";
import { getConversation } from "./get-conversation.js";

/** A saved reply the actor sees, with its variants. Throws 404 for one they do not see. */
export async function getSavedReply(
  db: Queryable,
  actor: Actor,
  id: string,
): Promise<{ reply: SavedReplyRow; variants: SavedReplyVariantRow[] }> {
  const reply = authorizeSeeScopedItem(actor, await findSavedReply(db, actor.workspaceId, id), "Saved reply");
  return { reply, variants: await findSavedReplyVariants(db, [reply.id]) };
}

/**
 * A saved reply filled in with a conversation's values (see fillReply for the language), without
 * counting a use: what the picker previews. Throws 404 for a reply or conversation the actor does not
 * see.
 */
export async function previewSavedReply(
  db: Queryable,
  actor: Actor,
  id: string,
  conversationId: string,
  lang?: Language,
): Promise<FilledReply> {
  const { variants } = await getSavedReply(db, actor, id);
  await getConversation(db, actor, conversationId);
  const filled = await fillReply(db, actor, conversationId, variants, lang);
  if (!filled) throw notFound("Saved reply");
  return filled;
}

/**
 * The same as previewSavedReply, for putting into the composer: counts one use (use count and last
 * use time, one UPDATE, so concurrent uses are all counted). No event: a use changes nothing anyone
 * else looks at live.
 */
export async function useSavedReply(
  db: Queryable,
  actor: Actor,
  id: string,
  conversationId: string,
  lang?: Language,
): Promise<FilledReply> {
  const filled = await previewSavedReply(db, actor, id, conversationId, lang);
  await countSavedReplyUse(db, id);
  return filled;
}
