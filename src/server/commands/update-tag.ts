import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict, forbidden, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { isUniqueViolation } from "../db/errors.js";
import { updateTag as updateTagRow, type TagRow } from "../models/tags.js";
import { isWorkspaceAdmin } from "../policies/inbox-policy.js";

/**
 * Renames a tag or changes its reason group (owners and admins: a rename changes every conversation's
 * tag). Throws 403 for agents, 404 for another workspace's tag, 409 when the new name exists.
 */
export async function updateTag(
  db: Database,
  actor: Actor,
  id: string,
  patch: { name?: string; reasonGroup?: string | null },
): Promise<TagRow> {
  if (!isWorkspaceAdmin(actor)) throw forbidden("Only owners and admins change tags");
  try {
    return await db.transaction(async (tx) => {
      const tag = await updateTagRow(tx, actor.workspaceId, id, {
        name: patch.name?.trim().replace(/\s+/g, " "),
        reasonGroup: patch.reasonGroup === undefined ? undefined : patch.reasonGroup?.trim() || null,
      });
      if (!tag) throw notFound("Tag");
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "tag.updated",
        actorUserId: actor.userId,
        payload: { tagId: tag.id, name: tag.name, reasonGroup: tag.reason_group },
      });
      return tag;
    });
  } catch (error) {
    if (isUniqueViolation(error, "tags_name_key")) throw conflict("A tag with this name exists");
    throw error;
  }
}
