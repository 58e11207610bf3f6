import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import { emailContent } from "../email/email-content.js";
import type { MessageContent } from "./store-attachments.js";
import { parseMail, type ParsedMail } from "../email/parse-mail.js";
import { DatabaseUnavailableError } from "../db/types.js";
import {
  claimReceivedEmail,
  findReceivedEmails,
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
  | { status: "processed"; conversationId: string; queuedMail?: boolean }
  | { status: "quarantined" | "ignored"; problem: string };

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
  const isAcknowledged = !kind.isBulk && (await queueAcknowledgement(tx, keys, created.conversation, mail));
  return { status: "processed", conversationId: created.conversation.id, queuedMail: isAcknowledged };
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
  options: {
    keys?: InstallKeys;
    limit?: number;
    /** Called when ingest queued outgoing mail (an acknowledgement), so the outbox can run. */
    onMailQueued?: () => void;
  } = {},
): Promise<number> {
  // Without keys (tools, tests) the install's stored secret signs; the worker passes HEED_SECRET's keys.
  const keys = options.keys ?? (await installKeys(db, undefined));
  const limit = options.limit ?? BATCH;
  let handled = 0;
  let isMailQueued = false;
  for (const row of await findReceivedEmails(db, limit)) {
    const id = row.id;
    const mail = await parseMail(row.raw);
    // Sanitizing HTML and reading files is CPU work too: done here, before the transaction.
    const content = mail.problems.length === 0 ? emailContent(mail) : null;
    const summary = { fromAddress: mail.from?.address ?? null, subject: withoutNul(mail.subject) || null };
    let isHandled: boolean;
    try {
      isHandled = await db.transaction(async (tx) => {
        if (!(await claimReceivedEmail(tx, id))) return false;
        const outcome = await ingestOne(insideTransaction(db, tx), tx, keys, row, mail, content);
        const { queuedMail, ...mark } = { queuedMail: false, ...outcome };
        await markInboundEmail(tx, id, { ...mark, ...summary });
        if (queuedMail) isMailQueued = true;
        return true;
      });
    } catch (error) {
      if (isRetryable(error)) throw error;
      // What the refused command wrote went with its transaction; the mail is quarantined instead, so it
      // never blocks the mail behind it.
      const problem = `could not be stored: ${(error as Error).message}`;
      isHandled = await db.transaction(async (tx) => {
        if (!(await claimReceivedEmail(tx, id))) return false;
        await markInboundEmail(tx, id, { status: "quarantined", problem, ...summary });
        return true;
      });
    }
    if (isHandled) handled++;
  }
  if (isMailQueued) options.onMailQueued?.();
  return handled;
}
