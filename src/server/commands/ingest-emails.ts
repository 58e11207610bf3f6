import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import { emailContent } from "../email/email-content.js";
import type { MessageContent } from "./store-attachments.js";
import { parseMail, type ParsedMail } from "../email/parse-mail.js";
import { DatabaseUnavailableError } from "../db/types.js";
import {
  claimReceivedEmail,
  findReceivedEmail,
  findReceivedEmailIds,
  markInboundEmail,
  type InboundEmailRow,
} from "../models/inbound-emails.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";
import { findEmailThread } from "./find-email-thread.js";
import { queueAcknowledgement } from "./queue-acknowledgement.js";
import { recordBounce } from "./record-bounce.js";
import { installKeys, type InstallKeys } from "../lib/install-secret.js";

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

/** Turns one stored message into a conversation or a message on one, or says why it did not. */
async function ingestOne(
  db: Database,
  tx: Queryable,
  keys: InstallKeys,
  row: InboundEmailRow,
  mail: ParsedMail,
  content: MessageContent | null,
): Promise<Outcome> {
  if (mail.problems.length > 0) return { status: "quarantined", problem: mail.problems.join("; ") };
  const kind = classifyMail(mail);
  // Bounces and automatic replies never open or reopen a conversation (and never get an answer); a
  // bounce marks the mail it reports on as failed.
  if (kind.isBounce) return { status: "ignored", problem: await recordBounce(tx, row, mail) };
  if (kind.isAutoReply) return { status: "ignored", problem: kind.reason ?? "automatic mail" };
  const from = mail.from!;
  const body = withoutNul(mail.text).trim() || "(no text)";
  const threaded = await findEmailThread(tx, keys, row, row.id, mail);
  if (threaded) {
    await addCustomerMessage(db, {
      workspaceId: row.workspace_id,
      conversationId: threaded,
      body,
      at: row.received_at,
      emailMessageId: mail.messageId,
      content,
      // Bulk and list mail is kept on the conversation but never reopens it.
      reopen: !kind.isBulk,
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
    content,
  });
  // "We received your message", when the inbox sends one: never to bulk or list mail (nor automatic
  // mail, which never gets here).
  if (!kind.isBulk) await queueAcknowledgement(tx, keys, created.conversation, mail);
  return { status: "processed", conversationId: created.conversation.id };
}

/**
 * Turns stored mail (inbound_emails) into conversations, oldest first. Each message is parsed before any
 * transaction opens, and its HTML sanitized (neither may hold the database: the embedded one has a single
 * connection), then claimed, turned into a conversation or a message on one, and marked, in one
 * transaction: after a crash it is taken again, never twice. Mail that cannot be stored (a bad address,
 * say) is quarantined with the reason, like unusable mail, so it never blocks the mail behind it;
 * bounces and auto-replies are kept but ignored (a bounce marks the mail it reports on as failed); bulk
 * and list mail never reopens a conversation. An unavailable database leaves it for the next pass.
 * Returns how many were handled.
 */
export async function ingestReceivedEmails(
  db: Database,
  options: { keys?: InstallKeys; limit?: number } = {},
): Promise<number> {
  // Without keys (tools, tests) the install's stored secret signs; the worker passes HEED_SECRET's keys.
  const keys = options.keys ?? (await installKeys(db, undefined));
  const limit = options.limit ?? BATCH;
  let handled = 0;
  for (const id of await findReceivedEmailIds(db, limit)) {
    const row = await findReceivedEmail(db, id);
    if (!row) continue;
    const mail = await parseMail(row.raw);
    // Sanitizing HTML and reading files is CPU work too: done here, before the transaction.
    const content = mail.problems.length === 0 ? emailContent(mail) : null;
    const summary = { fromAddress: mail.from?.address ?? null, subject: withoutNul(mail.subject) || null };
    const isHandled = await db.transaction(async (tx) => {
      if (!(await claimReceivedEmail(tx, id))) return false;
      let outcome: Outcome;
      try {
        // A savepoint: what a refused command wrote is undone, and the mail is quarantined instead.
        await tx.query("SAVEPOINT ingest_one");
        outcome = await ingestOne(insideTransaction(db, tx), tx, keys, row, mail, content);
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
