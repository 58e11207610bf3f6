import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import type { ParsedMail } from "../email/parse-mail.js";
import { readMail } from "../email/read-mail.js";
import type { MessageContent } from "./store-attachments.js";
import { DatabaseUnavailableError } from "../db/types.js";
import {
  claimReceivedEmails,
  findReceivedEmails,
  markInboundEmails,
  type InboundEmailOutcome,
  type InboundEmailRow,
} from "../models/inbound-emails.js";
import { findConversationSetting, type ConversationSettingRow } from "../models/conversation-setting.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";
import { findEmailThread } from "./find-email-thread.js";
import { queueAcknowledgement } from "./queue-acknowledgement.js";
import { recordBounce } from "./record-bounce.js";
import { installKeys, type InstallKeys } from "../lib/install-secret.js";

/** How many stored messages one pass looks at. */
const BATCH = 20;
/**
 * Messages per transaction: enough to share the round trips of BEGIN, claim, mark and COMMIT, few enough
 * that a transaction never holds the embedded database's one connection long (the SMTP receiver and the
 * IMAP fetcher wait behind it). Measured with the ingest benchmark: at 5 the worker fell behind the
 * receiver (half the mail visible only after a second), at 10 it keeps up (a fifth of a second) at the
 * same throughput; at 20 the IMAP fetcher starved.
 */
const PER_TRANSACTION = 10;

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
  settings: InboxSettings,
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
    // Read with the stored mail: an email inbox.
    channel: "email",
    customer: { email: from.address, name: from.name || undefined },
    subject: withoutNul(mail.subject) || null,
    body,
    // When Heed received it: a Date header is the sender's claim and may be off or forged.
    at: row.received_at,
    emailMessageId: mail.messageId,
    content,
    setting: await settings.of(row),
  });
  // "We received your message", when the inbox sends one: never to bulk or list mail (nor automatic
  // mail, which never gets here).
  const isAcknowledged =
    !kind.isBulk &&
    (await queueAcknowledgement(tx, keys, created.conversation, mail, {
      auto_acknowledge: row.auto_acknowledge,
      name: row.inbox_name,
      address: row.inbox_address,
    }));
  return { status: "processed", conversationId: created.conversation.id, queuedMail: isAcknowledged };
}

/**
 * Turns stored mail (inbound_emails) into conversations, oldest first, a batch at a time. Each message
 * is read (readMail: parsed, its HTML sanitized) before any transaction opens (neither may hold the database: the
 * embedded one has a single connection); then a few messages at a time are claimed, turned into
 * conversations or messages on them, and marked, in one transaction (few round trips per message: what
 * bounds ingest speed): after a crash they are taken again, never twice. Mail that cannot be stored (a bad address,
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
  const batch: Prepared[] = [];
  for (const row of await findReceivedEmails(db, options.limit ?? BATCH)) {
    // Parsing, sanitizing HTML and reading files are CPU work: done here, before any transaction.
    const { mail, content } = await readMail(row.raw);
    const summary = { fromAddress: mail.from?.address ?? null, subject: withoutNul(mail.subject) || null };
    batch.push({ row, mail, content, summary });
  }
  const result = { handled: 0, queuedMail: false };
  const add = (part: { handled: number; queuedMail: boolean }) => {
    result.handled += part.handled;
    result.queuedMail ||= part.queuedMail;
  };
  for (let start = 0; start < batch.length; start += PER_TRANSACTION) {
    const chunk = batch.slice(start, start + PER_TRANSACTION);
    try {
      // Several messages in one transaction: one claim, one mark, one commit for all of them.
      add(await db.transaction((tx) => ingestBatch(db, tx, keys, chunk)));
    } catch (error) {
      if (isRetryable(error)) throw error;
      // One message was refused: the chunk is undone and taken again one by one, so only that one is
      // quarantined and the mail behind it goes on.
      for (const one of chunk) add(await ingestAlone(db, keys, one));
    }
  }
  if (result.queuedMail) options.onMailQueued?.();
  return result.handled;
}

interface Prepared {
  row: InboundEmailRow;
  mail: ParsedMail;
  content: MessageContent | null;
  summary: { fromAddress: string | null; subject: string | null };
}

/** Claims what still waits of the batch, ingests it in order and marks it, inside `tx`. */
async function ingestBatch(
  db: Database,
  tx: Queryable,
  keys: InstallKeys,
  batch: Prepared[],
): Promise<{ handled: number; queuedMail: boolean }> {
  const claimed = await claimReceivedEmails(
    tx,
    batch.map((one) => one.row.id),
  );
  const inner = insideTransaction(db, tx);
  const settings = inboxSettings(tx);
  const outcomes: InboundEmailOutcome[] = [];
  let queuedMail = false;
  for (const { row, mail, content, summary } of batch) {
    if (!claimed.has(row.id)) continue;
    const outcome = await ingestOne(inner, tx, keys, row, mail, content, settings);
    if (outcome.status === "processed" && outcome.queuedMail) queuedMail = true;
    outcomes.push({
      id: row.id,
      status: outcome.status,
      conversationId: outcome.status === "processed" ? outcome.conversationId : null,
      problem: outcome.status === "processed" ? null : outcome.problem,
      ...summary,
    });
  }
  await markInboundEmails(tx, outcomes);
  return { handled: outcomes.length, queuedMail };
}

interface InboxSettings {
  of(row: InboundEmailRow): Promise<ConversationSettingRow>;
}

/**
 * What each inbox's new conversations follow (calendar, SLA policies, assignment), read once per
 * transaction: every new conversation of the inbox shares it, and a statement saved per message counts.
 */
function inboxSettings(tx: Queryable): InboxSettings {
  const byInbox = new Map<string, Promise<ConversationSettingRow>>();
  return {
    of(row) {
      let setting = byInbox.get(row.inbox_id);
      if (!setting) {
        setting = findConversationSetting(tx, {
          workspaceId: row.workspace_id,
          inboxId: row.inbox_id,
          conversationId: null,
        });
        byInbox.set(row.inbox_id, setting);
      }
      return setting;
    },
  };
}

/** One message in its own transaction; quarantined with the reason when the database refuses it. */
async function ingestAlone(
  db: Database,
  keys: InstallKeys,
  one: Prepared,
): Promise<{ handled: number; queuedMail: boolean }> {
  try {
    return await db.transaction((tx) => ingestBatch(db, tx, keys, [one]));
  } catch (error) {
    if (isRetryable(error)) throw error;
    // What the refused command wrote went with its transaction; the mail is quarantined instead.
    const problem = `could not be stored: ${(error as Error).message}`;
    return db.transaction(async (tx) => {
      if (!(await claimReceivedEmails(tx, [one.row.id])).size) return { handled: 0, queuedMail: false };
      await markInboundEmails(tx, [{ id: one.row.id, status: "quarantined", problem, ...one.summary }]);
      return { handled: 1, queuedMail: false };
    });
  }
}
