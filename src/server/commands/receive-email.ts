import { createHash } from "node:crypto";
import type { Database, Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { insertInboundEmailWithEvent, type EmailInboxRow } from "../models/inbound-emails.js";

export interface ReceivedEmail {
  source: "smtp" | "imap";
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
}

/**
 * Stores one received message for each inbox it was addressed to, each with an `email.received` event
 * (one statement per inbox; several inboxes in one transaction); when it returns, the message is
 * durable and may be acknowledged. The same bytes arriving again for an inbox are kept once. Returns
 * how many rows were new.
 */
export async function receiveEmail(
  db: Database,
  inboxes: EmailInboxRow[],
  email: ReceivedEmail,
): Promise<number> {
  const sha256 = createHash("sha256").update(email.raw).digest("hex");
  const store = async (q: Queryable) => {
    let stored = 0;
    for (const inbox of inboxes) {
      const isNew = await insertInboundEmailWithEvent(q, {
        id: newId(),
        workspaceId: inbox.workspace_id,
        inboxId: inbox.id,
        source: email.source,
        envelopeFrom: email.envelopeFrom,
        envelopeTo: email.envelopeTo,
        raw: email.raw,
        sha256,
      });
      if (isNew) stored++;
    }
    return stored;
  };
  return inboxes.length === 1 ? store(db) : db.transaction(store);
}
