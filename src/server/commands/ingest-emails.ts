import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import { parseMail, type ParsedMail } from "../email/parse-mail.js";
import { isConversationCustomerEmail } from "../models/identities.js";
import { claimReceivedEmails, markInboundEmail, type InboundEmailRow } from "../models/inbound-emails.js";
import { findConversationByEmailMessageIds } from "../models/messages.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";

/** How many stored messages one transaction turns into conversations. */
const BATCH = 20;

type Outcome =
  { status: "processed"; conversationId: string } | { status: "quarantined" | "ignored"; problem: string };

/**
 * The conversation a reply belongs to: one of the inbox's conversations holding a message the mail
 * answers (In-Reply-To, then References), and only when the sender is that conversation's customer.
 * Mail from anyone else never joins an existing conversation, whatever ids it quotes.
 */
async function threadOf(db: Queryable, inboxId: string, mail: ParsedMail): Promise<string | undefined> {
  const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
  const conversationId = await findConversationByEmailMessageIds(db, inboxId, ids);
  if (!conversationId || !mail.from) return undefined;
  return (await isConversationCustomerEmail(db, conversationId, mail.from.address))
    ? conversationId
    : undefined;
}

/** Turns one stored message into a conversation or a message on one, or says why it did not. */
async function ingestOne(
  db: Database,
  tx: Queryable,
  row: InboundEmailRow,
  mail: ParsedMail,
): Promise<Outcome> {
  if (mail.problems.length > 0) return { status: "quarantined", problem: mail.problems.join("; ") };
  const kind = classifyMail(mail);
  // Bounces and automatic replies never open or reopen a conversation (and never get an answer).
  if (kind.isBounce || kind.isAutoReply)
    return { status: "ignored", problem: kind.reason ?? "automatic mail" };
  const from = mail.from!;
  const body = mail.text.trim() || "(no text)";
  const threaded = await threadOf(tx, row.inbox_id, mail);
  if (threaded) {
    await addCustomerMessage(db, {
      workspaceId: row.workspace_id,
      conversationId: threaded,
      body,
      at: row.received_at,
      emailMessageId: mail.messageId,
    });
    return { status: "processed", conversationId: threaded };
  }
  const created = await createConversation(db, {
    workspaceId: row.workspace_id,
    inboxId: row.inbox_id,
    customer: { email: from.address, name: from.name || undefined },
    subject: mail.subject || null,
    body,
    // When Heed received it: a Date header is the sender's claim and may be off or forged.
    at: row.received_at,
    emailMessageId: mail.messageId,
  });
  return { status: "processed", conversationId: created.conversation.id };
}

/**
 * Turns stored mail (inbound_emails) into conversations, oldest first, a batch per transaction: the
 * conversation or message and the mail's new status commit together, so after a crash a message is
 * taken again and never twice. Unusable mail is quarantined with the reason; bounces and auto-replies
 * are kept but ignored. Returns how many messages were handled.
 */
export async function ingestReceivedEmails(db: Database, limit = BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await claimReceivedEmails(tx, limit);
    const inner = insideTransaction(db, tx);
    for (const row of rows) {
      let outcome: Outcome;
      const mail = await parseMail(row.raw);
      try {
        // A savepoint per message: one that fails to store (a bad address, say) is quarantined alone.
        await tx.query("SAVEPOINT ingest_one");
        outcome = await ingestOne(inner, tx, row, mail);
        await tx.query("RELEASE SAVEPOINT ingest_one");
      } catch (error) {
        await tx.query("ROLLBACK TO SAVEPOINT ingest_one");
        outcome = { status: "quarantined", problem: `could not be stored: ${(error as Error).message}` };
      }
      await markInboundEmail(tx, row.id, {
        ...outcome,
        fromAddress: mail.from?.address ?? null,
        subject: mail.subject || null,
      });
    }
    return rows.length;
  });
}
