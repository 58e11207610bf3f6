import type { Queryable } from "../db/types.js";
import type { ParsedMail } from "../email/parse-mail.js";
import { conversationNumberFromRecipients } from "../email/reply-address.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { findConversationIdByNumber } from "../models/conversations.js";
import { recordEvent } from "../models/events.js";
import { isConversationCustomerEmail } from "../models/identities.js";
import type { InboundEmailRow } from "../models/inbound-emails.js";
import { findConversationByEmailMessageIds } from "../models/messages.js";

/**
 * The conversation an email continues, if any. Candidates, in order: a correctly signed reply address
 * among the recipients, then a conversation of the inbox holding a message the mail answers
 * (In-Reply-To, then References from the newest). A candidate is taken only when the sender is that
 * conversation's customer: a token or a quoted Message-ID names a conversation but proves nothing about
 * who writes. Refusing records an `email.thread_refused` audit event (on no conversation, so the
 * refused one is not touched) and the mail starts a conversation of its own. The subject is never used.
 */
export async function findEmailThread(
  tx: Queryable,
  keys: InstallKeys,
  row: InboundEmailRow,
  inboundEmailId: string,
  mail: ParsedMail,
): Promise<string | undefined> {
  const sender = mail.from?.address;
  if (!sender) return undefined;
  const recipients = [...row.envelope_to, ...mail.to.map((a) => a.address), ...mail.cc.map((a) => a.address)];
  const number = conversationNumberFromRecipients(keys, row.inbox_address, recipients);
  // The Message-ID look-up also says whether the sender is the found conversation's customer.
  const candidates: {
    conversationId: string;
    via: "reply-address" | "message-id";
    isSenderCustomer?: boolean;
  }[] = [];
  if (number) {
    const id = await findConversationIdByNumber(tx, row.workspace_id, row.inbox_id, number);
    if (id) candidates.push({ conversationId: id, via: "reply-address" });
  }
  const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
  const byMessageId = await findConversationByEmailMessageIds(tx, row.inbox_id, ids, sender);
  if (byMessageId) candidates.push({ ...byMessageId, via: "message-id" });

  for (const candidate of candidates) {
    const isSenderCustomer =
      candidate.isSenderCustomer ?? (await isConversationCustomerEmail(tx, candidate.conversationId, sender));
    if (isSenderCustomer) return candidate.conversationId;
  }
  if (candidates.length > 0) {
    await recordEvent(tx, {
      workspaceId: row.workspace_id,
      type: "email.thread_refused",
      payload: {
        inboundEmailId,
        inboxId: row.inbox_id,
        from: sender,
        targetConversationId: candidates[0]!.conversationId,
        via: candidates[0]!.via,
      },
    });
  }
  return undefined;
}
