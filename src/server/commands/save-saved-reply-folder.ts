import type { Actor } from "../context.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database } from "../db/types.js";
import { conflict, notFound } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import {
  deleteSavedReplyFolderRow,
  insertSavedReplyFolders,
  renameSavedReplyFolder,
  type SavedReplyFolderRow,
} from "../models/saved-reply-folders.js";
import { authorizeManageSavedReplyFolders } from "../policies/saved-reply-policy.js";

const clean = (name: string) => name.trim().replace(/\s+/g, " ");
const taken = () => conflict("A folder with this name exists", [{ field: "name", message: "is taken" }]);

/**
 * Creates a folder for saved replies (owners and admins) and writes `saved_reply_folder.created`.
 * Throws 403 for agents and 409 when the name exists in any letter case.
 */
export async function createSavedReplyFolder(
  db: Database,
  actor: Actor,
  name: string,
): Promise<SavedReplyFolderRow> {
  authorizeManageSavedReplyFolders(actor);
  return db.transaction(async (tx) => {
    const [folder] = await insertSavedReplyFolders(tx, actor.workspaceId, [
      { id: newId(), name: clean(name), starterKey: null },
    ]);
    if (!folder) throw taken();
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "saved_reply_folder.created",
      actorUserId: actor.userId,
      payload: { folderId: folder.id, name: folder.name },
    });
    return folder;
  });
}

/** Renames a folder (owners and admins). Throws 403 for agents, 404 for another workspace's, 409 taken. */
export async function updateSavedReplyFolder(
  db: Database,
  actor: Actor,
  id: string,
  name: string,
): Promise<SavedReplyFolderRow> {
  authorizeManageSavedReplyFolders(actor);
  try {
    return await db.transaction(async (tx) => {
      const folder = await renameSavedReplyFolder(tx, actor.workspaceId, id, clean(name));
      if (!folder) throw notFound("Folder");
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "saved_reply_folder.updated",
        actorUserId: actor.userId,
        payload: { folderId: folder.id, name: folder.name },
      });
      return folder;
    });
  } catch (error) {
    if (isUniqueViolation(error, "saved_reply_folders_name_key")) throw taken();
    throw error;
  }
}

/**
 * Deletes a folder (owners and admins); its saved replies stay, in no folder. Throws 403 for agents and
 * 404 for another workspace's folder.
 */
export async function deleteSavedReplyFolder(db: Database, actor: Actor, id: string): Promise<void> {
  authorizeManageSavedReplyFolders(actor);
  await db.transaction(async (tx) => {
    const folder = await deleteSavedReplyFolderRow(tx, actor.workspaceId, id);
    if (!folder) throw notFound("Folder");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "saved_reply_folder.deleted",
      actorUserId: actor.userId,
      payload: { folderId: folder.id, name: folder.name },
    });
  });
}
