import type { Actor } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertSavedReplyVariants } from "../models/saved-reply-variants.js";
import {
  insertSavedReplies,
  refreshSavedReplySearch,
  type SavedReplyRow,
  type SavedReplyScope,
} from "../models/saved-replies.js";
import { authorizeCreateScopedItem } from "../policies/saved-reply-policy.js";
import {
  checkFolder,
  checkVariants,
  claimShortcut,
  cleanShortcut,
  SHORTCUT_INDEXES,
} from "./saved-reply-input.js";

export interface CreateSavedReplyInput {
  title: string;
  shortcut?: string | null;
  folderId?: string | null;
  scope: SavedReplyScope;
  variants: { lang: Language; body: string }[];
}

/**
 * Creates a saved reply: personal (the actor's own) or shared (owners and admins). Writes the reply,
 * its variants and `saved_reply.created` in one transaction. Throws 403 for an agent creating a shared
 * one, 400 naming the field for a language given twice, an unknown variable, a bad shortcut or another
 * workspace's folder, and 409 for a shortcut taken among what the reply's viewers see.
 */
export async function createSavedReply(
  db: Database,
  actor: Actor,
  input: CreateSavedReplyInput,
): Promise<SavedReplyRow> {
  authorizeCreateScopedItem(actor, input.scope);
  const variants = checkVariants(input.variants);
  const shortcut = cleanShortcut(input.shortcut) ?? null;
  const ownerId = input.scope === "personal" ? actor.userId : null;
  try {
    return await db.transaction(async (tx) => {
      if (input.folderId) await checkFolder(tx, actor.workspaceId, input.folderId);
      if (shortcut)
        await claimShortcut(tx, actor.workspaceId, shortcut, { scope: input.scope, ownerId, exceptId: null });
      const [reply] = await insertSavedReplies(tx, actor.workspaceId, [
        {
          id: newId(),
          scope: input.scope,
          ownerId,
          folderId: input.folderId ?? null,
          title: input.title,
          shortcut,
          starterKey: null,
          createdBy: actor.userId,
        },
      ]);
      await insertSavedReplyVariants(
        tx,
        variants.map((variant) => ({ saved_reply_id: reply!.id, ...variant })),
      );
      await refreshSavedReplySearch(tx, [reply!.id]);
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "saved_reply.created",
        actorUserId: actor.userId,
        payload: { savedReplyId: reply!.id, scope: reply!.scope },
      });
      return reply!;
    });
  } catch (error) {
    if (SHORTCUT_INDEXES.some((index) => isUniqueViolation(error, index)))
      throw conflict(`The shortcut /${shortcut} is taken`, [{ field: "shortcut", message: "is taken" }]);
    throw error;
  }
}
