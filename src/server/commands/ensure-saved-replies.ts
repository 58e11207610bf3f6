import type { Database } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertSavedReplyFolders } from "../models/saved-reply-folders.js";
import {
  hasSavedRepliesSeeded,
  lockWorkspaceForSeeding,
  markSavedRepliesSeeded,
} from "../models/saved-reply-seeding.js";
import { insertSavedReplyVariants } from "../models/saved-reply-variants.js";
import {
  findWorkspaceShortcuts,
  insertSavedReplies,
  refreshSavedReplySearch,
} from "../models/saved-replies.js";
import { loadStarterLibrary, starterPlan, type StarterLibrary } from "../saved-replies/starter.js";

/**
 * Gives the workspace the starter library of saved replies the first time it uses saved replies: shared
 * replies with a body in each language, in folders named in the workspace's default language. Runs once
 * per workspace, in one transaction with the workspace row locked, so racing first requests seed once;
 * afterwards the library is the team's to edit or delete. Throws when the starter files cannot be read
 * (they ship with Heed).
 */
export async function ensureSavedReplies(
  db: Database,
  workspaceId: string,
  library?: StarterLibrary,
): Promise<void> {
  if (await hasSavedRepliesSeeded(db, workspaceId)) return;
  const content = library ?? (await loadStarterLibrary());
  await db.transaction(async (tx) => {
    const workspace = await lockWorkspaceForSeeding(tx, workspaceId);
    if (!workspace || workspace.seeded) return;
    const plan = starterPlan(content, workspace.default_language);
    const folders = await insertSavedReplyFolders(
      tx,
      workspaceId,
      plan.folders.map((folder) => ({ id: newId(), name: folder.name, starterKey: folder.key })),
    );
    const folderIds = new Map(folders.map((folder) => [folder.starter_key, folder.id]));
    // A starter shortcut someone already uses stays theirs; the starter reply goes without one.
    const taken = await findWorkspaceShortcuts(tx, workspaceId);
    const replies = plan.replies.map((reply) => ({ ...reply, id: newId() }));
    await insertSavedReplies(
      tx,
      workspaceId,
      replies.map((reply) => ({
        id: reply.id,
        scope: "shared" as const,
        ownerId: null,
        folderId: (reply.folderKey && folderIds.get(reply.folderKey)) || null,
        title: reply.title,
        shortcut: reply.shortcut && !taken.has(reply.shortcut.toLowerCase()) ? reply.shortcut : null,
        starterKey: reply.key,
        createdBy: null,
      })),
    );
    await insertSavedReplyVariants(
      tx,
      replies.flatMap((reply) =>
        reply.variants.map((variant) => ({
          saved_reply_id: reply.id,
          lang: variant.lang,
          body: variant.body,
        })),
      ),
    );
    await refreshSavedReplySearch(
      tx,
      replies.map((reply) => reply.id),
    );
    await markSavedRepliesSeeded(tx, workspaceId);
    await recordEvent(tx, {
      workspaceId,
      type: "saved_replies.seeded",
      payload: { folders: folders.length, replies: replies.length },
    });
  });
}
