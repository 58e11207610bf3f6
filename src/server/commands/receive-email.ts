import { createHash } from "node:crypto";
import type { Database } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import { insertInboundEmail, type EmailInboxRow } from "../models/inbound-emails.js";

export interface ReceivedEmail {
  source: "smtp" | "imap";
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
}

/**
 * Stores one received message for each inbox it was addressed to, in one transaction with an
 * `email.received` event per new row; when it returns, the message is durable and may be acknowledged.
 * The same bytes arriving again for an inbox are kept once. Returns how many rows were new.
 */
export async function receiveEmail(
  db: Database,
  inboxes: EmailInboxRow[],
  email: ReceivedEmail,
): Promise<number> {
  const sha256 = createHash("sha256").update(email.raw).digest("hex");
  return db.transaction(async (tx) => {
    let stored = 0;
    for (const inbox of inboxes) {
      const id = newId();
      const isNew = await insertInboundEmail(tx, {
        id,
        workspaceId: inbox.workspace_id,
        inboxId: inbox.id,
        source: email.source,
        envelopeFrom: email.envelopeFrom,
        envelopeTo: email.envelopeTo,
        raw: email.raw,
        sha256,
      });
      if (!isNew) continue;
      stored++;
      await recordEvent(tx, {
        workspaceId: inbox.workspace_id,
        type: "email.received",
        payload: { inboundEmailId: id, inboxId: inbox.id, size: email.raw.length, source: email.source },
      });
    }
    return stored;
  });
}
