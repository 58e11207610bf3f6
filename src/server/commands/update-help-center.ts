import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { isUniqueViolation } from "../db/errors.js";
import { conflict, invalid } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { updateHelpCenterRow, type HelpCenterPatch } from "../models/help-centers.js";
import { findHelpImage } from "../models/help-images.js";
import { findInbox } from "../models/inboxes.js";
import { authorizeManageHelpCenter } from "../policies/help-center-policy.js";

/**
 * Changes the help center's settings (owners and admins), with `help_center.updated`. The logo must be
 * an image uploaded to this help center and the chat inbox a chat inbox of the workspace (400 naming
 * the field); a host another workspace serves its help center on is a 409.
 */
export async function updateHelpCenter(db: Database, actor: Actor, patch: HelpCenterPatch): Promise<void> {
  authorizeManageHelpCenter(actor);
  try {
    await db.transaction(async (tx) => {
      if (patch.logoImageId && !(await findHelpImage(tx, actor.workspaceId, patch.logoImageId)))
        throw invalid("logoImageId", "must be an image uploaded to this help center");
      if (patch.chatInboxId) {
        const inbox = await findInbox(tx, actor.workspaceId, patch.chatInboxId);
        if (inbox?.channel !== "chat") throw invalid("chatInboxId", "must be a chat inbox of this workspace");
      }
      await updateHelpCenterRow(tx, actor.workspaceId, patch);
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "help_center.updated",
        actorUserId: actor.userId,
        payload: { fields: Object.keys(patch) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "help_centers_host_key"))
      throw conflict("Another help center is served on this host");
    throw error;
  }
}
