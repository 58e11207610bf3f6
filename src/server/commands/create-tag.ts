import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertTag, type TagRow } from "../models/tags.js";

/**
 * Creates a tag ahead of use (tags are also created on first use when a conversation is tagged), with an
 * optional reason group ("why" the customer wrote). Throws 409 when the name exists, in any letter case.
 */
export async function createTag(
  db: Database,
  actor: Actor,
  input: { name: string; reasonGroup?: string | null },
): Promise<TagRow> {
  return db.transaction(async (tx) => {
    const tag = await insertTag(tx, {
      id: newId(),
      workspaceId: actor.workspaceId,
      name: input.name.trim().replace(/\s+/g, " "),
      reasonGroup: input.reasonGroup?.trim() || null,
    });
    if (!tag) throw conflict("A tag with this name exists");
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "tag.created",
      actorUserId: actor.userId,
      payload: { tagId: tag.id, name: tag.name },
    });
    return tag;
  });
}
