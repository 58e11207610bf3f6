import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { conflict, notFound } from "../lib/errors.js";
import { recordEvent } from "../models/events.js";
import { findInboundEmailRaw, requeueInboundEmail } from "../models/inbound-emails.js";

/**
 * An admin sends a quarantined or ignored message through ingest again (after an upgrade fixed what
 * stopped it, or to let an ignored one through). Processed mail cannot be reprocessed, so nothing is
 * ever ingested twice. Throws 404 for another workspace's id, 409 for mail that is not eligible.
 */
export async function reprocessInboundEmail(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const requeued = await requeueInboundEmail(tx, actor.workspaceId, id);
    if (!requeued) {
      if (!(await findInboundEmailRaw(tx, actor.workspaceId, id))) throw notFound("Received email");
      throw conflict("Only quarantined or ignored mail can be processed again");
    }
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      type: "email.reprocess_requested",
      payload: { inboundEmailId: id, inboxId: requeued.inbox_id, previousStatus: requeued.previous },
    });
  });
}
