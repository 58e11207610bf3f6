import type { Actor } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import type { Language } from "../lib/guess-language.js";
import { recordEvent } from "../models/events.js";
import { replaceSavedReplyVariants } from "../models/saved-reply-variants.js";
import {
  deleteSavedReplyRow,
  findSavedReply,
  refreshSavedReplySearch,
  updateSavedReplyRow,
  type SavedReplyPatch,
  type SavedReplyRow,
  type SavedReplyScope,
} from "../models/saved-replies.js";
import { authorizeChangeScopedItem, authorizeSeeScopedItem } from "../policies/saved-reply-policy.js";
import {
  checkFolder,
  checkVariants,
  claimShortcut,
  cleanShortcut,
  SHORTCUT_INDEXES,
} from "./saved-reply-input.js";

export interface UpdateSavedReplyInput {
  title?: string;
  shortcut?: string | null;
  folderId?: string | null;
  scope?: SavedReplyScope;
  /** The complete set of languages and bodies. */
  variants?: { lang: Language; body: string }[];
}

/**
 * Changes a saved reply: title, shortcut, folder, bodies (the complete set), or scope (making it shared
 * needs owner or admin; a shared one made personal becomes the actor's). Writes `saved_reply.updated` in
 * the same transaction. Throws 404 for a reply the actor does not see, 403 when they may not edit it,
 * 400 naming the field and 409 for a taken shortcut, as createSavedReply.
 */
export async function updateSavedReply(
  db: Database,
  actor: Actor,
  id: string,
  input: UpdateSavedReplyInput,
): Promise<SavedReplyRow> {
  const variants = input.variants ? checkVariants(input.variants) : undefined;
  const shortcut = cleanShortcut(input.shortcut);
  try {
    return await db.transaction(async (tx) => {
      const before = authorizeSeeScopedItem(
        actor,
        await findSavedReply(tx, actor.workspaceId, id, true),
        "Saved reply",
      );
      authorizeChangeScopedItem(actor, before, "edit", input.scope);
      const patch: SavedReplyPatch = { title: input.title, shortcut, folderId: input.folderId };
      if (input.scope && input.scope !== before.scope) {
        patch.scope = input.scope;
        patch.ownerId = input.scope === "personal" ? actor.userId : null;
      }
      if (input.folderId) await checkFolder(tx, actor.workspaceId, input.folderId);
      const scope = patch.scope ?? before.scope;
      const ownerId = patch.ownerId === undefined ? before.owner_id : patch.ownerId;
      const finalShortcut = shortcut === undefined ? before.shortcut : shortcut;
      if (finalShortcut && (shortcut !== undefined || patch.scope))
        await claimShortcut(tx, actor.workspaceId, finalShortcut, { scope, ownerId, exceptId: id });
      const after = await updateSavedReplyRow(tx, id, patch);
      if (variants) await replaceSavedReplyVariants(tx, id, variants);
      await refreshSavedReplySearch(tx, [id]);
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "saved_reply.updated",
        actorUserId: actor.userId,
        payload: { savedReplyId: id, scope: after.scope, previousScope: before.scope },
      });
      return after;
    });
  } catch (error) {
    if (SHORTCUT_INDEXES.some((index) => isUniqueViolation(error, index)))
      throw conflict("The shortcut is taken", [{ field: "shortcut", message: "is taken" }]);
    throw error;
  }
}

/**
 * Deletes a saved reply with its variants and writes `saved_reply.deleted`. Macros that used it keep
 * working without a reply. Throws 404 for a reply the actor does not see, 403 when they may not delete it.
 */
export async function deleteSavedReply(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const reply = authorizeSeeScopedItem(
      actor,
      await findSavedReply(tx, actor.workspaceId, id, true),
      "Saved reply",
    );
    authorizeChangeScopedItem(actor, reply, "delete");
    await deleteSavedReplyRow(tx, id);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "saved_reply.deleted",
      actorUserId: actor.userId,
      payload: { savedReplyId: id, scope: reply.scope },
    });
  });
}
