import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import { parseMail, type ParsedMail } from "../email/parse-mail.js";
import { isConversationCustomerEmail } from "../models/identities.js";
import { DatabaseUnavailableError } from "../db/types.js";
import {
  claimReceivedEmail,
  findReceivedEmail,
  findReceivedEmailIds,
  markInboundEmail,
  type InboundEmailRow,
} from "../models/inbound-emails.js";
import { findConversationByEmailMessageIds } from "../models/messages.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";

/** How many stored messages one pass looks at. */
const BATCH = 20;

/**
 * A failure worth trying again later (the database away, a deadlock or serialization conflict), as
 * opposed to one this message will always cause, which quarantines it instead of blocking the mail
 * behind it.
 */
const isRetryable = (error: unknown): boolean =>
  error instanceof DatabaseUnavailableError || /^40/.test(String((error as { code?: unknown }).code ?? ""));

/** PostgreSQL text cannot hold NUL characters, which broken mail sometimes carries. */
const withoutNul = (text: string) => text.replaceAll("\u0000", "");

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
  const body = withoutNul(mail.text).trim() || "(no text)";
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
    subject: withoutNul(mail.subject) || null,
    body,
    // When Heed received it: a Date header is the sender's claim and may be off or forged.
    at: row.received_at,
    emailMessageId: mail.messageId,
  });
  return { status: "processed", conversationId: created.conversation.id };
}

/**
 * Turns stored mail (inbound_emails) into conversations, oldest first. Each message is parsed before any
 * transaction opens (parsing a large message must not hold the database: the embedded one has a single
 * connection), then claimed, turned into a conversation or a message on one, and marked, in one
 * transaction: after a crash it is taken again, never twice. Mail that cannot be stored (a bad address,
 * say) is quarantined with the reason, like unusable mail, so it never blocks the mail behind it;
 * bounces and auto-replies are kept but ignored. An unavailable database leaves it for the next pass. Returns how many were handled.
 */
export async function ingestReceivedEmails(db: Database, limit = BATCH): Promise<number> {
  let handled = 0;
  for (const id of await findReceivedEmailIds(db, limit)) {
    const row = await findReceivedEmail(db, id);
    if (!row) continue;
    const mail = await parseMail(row.raw);
    const summary = { fromAddress: mail.from?.address ?? null, subject: withoutNul(mail.subject) || null };
    const isHandled = await db.transaction(async (tx) => {
      if (!(await claimReceivedEmail(tx, id))) return false;
      let outcome: Outcome;
      try {
        // A savepoint: what a refused command wrote is undone, and the mail is quarantined instead.
        await tx.query("SAVEPOINT ingest_one");
        outcome = await ingestOne(insideTransaction(db, tx), tx, row, mail);
        await tx.query("RELEASE SAVEPOINT ingest_one");
      } catch (error) {
        if (isRetryable(error)) throw error;
        await tx.query("ROLLBACK TO SAVEPOINT ingest_one");
        outcome = { status: "quarantined", problem: `could not be stored: ${(error as Error).message}` };
      }
      await markInboundEmail(tx, id, { ...outcome, ...summary });
      return true;
    });
    if (isHandled) handled++;
  }
  return handled;
}
