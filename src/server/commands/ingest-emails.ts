import type { Database, Queryable } from "../db/types.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { classifyMail } from "../email/classify-mail.js";
import type { FreshMail } from "../email/fresh-mail.js";
import type { ParsedMail } from "../email/parse-mail.js";
import { readMail } from "../email/read-mail.js";
import type { MessageContent } from "./store-attachments.js";
import { DatabaseUnavailableError } from "../db/types.js";
import {
  claimReceivedEmails,
  findReceivedEmails,
  markInboundEmails,
  readRawEmails,
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
import { keyedSections, runInLanes } from "./ingest-lanes.js";

/** How many stored messages one look at inbound_emails fetches. */
const BATCH = 20;
/** At most this many messages per call, so the worker's other jobs get their turn. */
const LIMIT = 200;
/**
 * Messages per transaction: enough to share the round trips of BEGIN, mark and COMMIT, few enough
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
  row: InboundEmailRow & { raw: Buffer },
  mail: ParsedMail,
  content: MessageContent | null,
  settings: InboxSettings,
  section: ReturnType<typeof keyedSections>,
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
    await section(threaded, () =>
      addCustomerMessage(db, {
        workspaceId: row.workspace_id,
        conversationId: threaded,
        body,
        at: row.received_at,
        emailMessageId: mail.messageId,
        content,
        // Bulk and list mail is kept on the conversation but never reopens it.
        reopen: !kind.isBulk,
      }),
    );
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
    setting: await settings.of(tx, row),
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
 * Turns stored mail (inbound_emails) into conversations, oldest first, up to `limit` messages a call.
 * Each message is read (readMail: parsed, its HTML sanitized) outside any transaction (neither may hold
 * the database: the embedded one has a single connection); then a few messages at a time are taken
 * (ingestBatch), turned into conversations or messages on them, and marked, in one transaction with few
 * round trips per message: after a crash they are taken again, never twice. The next few
 * messages are read while the transaction of the ones before runs, so the main thread parses while the
 * database works. Mail that cannot be stored (a bad address, say) is quarantined with the reason, like
 * unusable mail, so it never blocks the mail behind it; bounces and auto-replies are kept but ignored (a
 * bounce marks the mail it reports on as failed); bulk and list mail never reopens a conversation. An
 * unavailable database leaves it for the next pass. Returns how many were handled.
 */
export async function ingestReceivedEmails(
  db: Database,
  options: {
    keys?: InstallKeys;
    /** At most this many messages in one call (the worker's other jobs run in between). */
    limit?: number;
    /** Called when ingest queued outgoing mail (an acknowledgement), so the outbox can run. */
    onMailQueued?: () => void;
    /** The bytes of mail this process's receiver just stored; the rest are read from the database. */
    fresh?: FreshMail;
  } = {},
): Promise<number> {
  // Without keys (tools, tests) the install's stored secret signs; the worker passes HEED_SECRET's keys.
  const keys = options.keys ?? (await installKeys(db, undefined));
  const waiting = waitingMail(db, options.limit ?? LIMIT, options.fresh);
  const settings = inboxSettings();
  const result = { handled: 0, queuedMail: false };
  const add = (part: { handled: number; queuedMail: boolean }) => {
    result.handled += part.handled;
    result.queuedMail ||= part.queuedMail;
  };
  let next = await waiting.take(PER_TRANSACTION);
  let reading = prepare(next);
  while (next.length > 0) {
    const chunk = await reading;
    // Read the next chunk while this one's transaction runs (awaited in the next turn, or dropped with
    // a failed pass: the mail is still waiting in the database).
    next = await waiting.take(PER_TRANSACTION);
    reading = prepare(next);
    reading.catch(() => {});
    try {
      // Several messages in one transaction: one claim, one mark, one commit for all of them.
      add(await db.transaction((tx) => ingestBatch(db, tx, keys, chunk, settings)));
    } catch (error) {
      if (isRetryable(error)) throw error;
      // One message was refused: the chunk is undone and taken again one by one, so only that one is
      // quarantined and the mail behind it goes on.
      for (const one of chunk) add(await ingestAlone(db, keys, one, settings));
    } finally {
      waiting.done(chunk.map((one) => one.row.id));
    }
  }
  if (result.queuedMail) options.onMailQueued?.();
  return result.handled;
}

type WaitingRow = InboundEmailRow & { raw: Buffer };

/**
 * The stored mail still waiting, oldest first, with its bytes (from `fresh` when this process just
 * received it), fetched BATCH at a time. Mail handed out but not yet done is left out of the next
 * fetch: it is still 'received' until its transaction commits.
 */
function waitingMail(db: Database, limit: number, fresh: FreshMail | undefined) {
  const rows: WaitingRow[] = [];
  const inFlight = new Set<string>();
  let fetched = 0;
  let isEmpty = false;
  const fetch = async () => {
    const found = await findReceivedEmails(db, Math.min(BATCH, limit - fetched), [...inFlight]);
    isEmpty = found.length === 0;
    fetched += found.length;
    const stored = await readRawEmails(
      db,
      found.filter((row) => !fresh?.has(row.id)).map((row) => row.id),
    );
    for (const row of found) {
      const raw = fresh?.take(row.id) ?? stored.get(row.id);
      // Without its bytes only if it vanished between the two reads: nothing to do.
      if (raw) rows.push({ ...row, raw });
      inFlight.add(row.id);
    }
  };
  return {
    async take(count: number): Promise<WaitingRow[]> {
      if (rows.length < count && !isEmpty && fetched < limit) await fetch();
      return rows.splice(0, count);
    },
    done(ids: string[]) {
      for (const id of ids) inFlight.delete(id);
    },
  };
}

/**
 * Reads each message (parsed, its HTML sanitized, its files hashed): CPU work, done outside any
 * transaction. readMail never throws: mail it cannot read comes back with its problems.
 */
async function prepare(rows: WaitingRow[]): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (const row of rows) {
    const { mail, content } = await readMail(row.raw);
    const summary = { fromAddress: mail.from?.address ?? null, subject: withoutNul(mail.subject) || null };
    prepared.push({ row, mail, content, summary });
  }
  return prepared;
}

interface Prepared {
  row: WaitingRow;
  mail: ParsedMail;
  content: MessageContent | null;
  summary: { fromAddress: string | null; subject: string | null };
}

/**
 * Claims what still waits of the batch, ingests it and marks it, inside `tx`. Messages that cannot
 * affect each other are ingested side by side (ingest-lanes.ts): the same sender or a Message-ID one
 * names of the other keeps them in order.
 */
async function ingestBatch(
  db: Database,
  tx: Queryable,
  keys: InstallKeys,
  batch: Prepared[],
  settings: InboxSettings,
): Promise<{ handled: number; queuedMail: boolean }> {
  const ids = batch.map((one) => one.row.id);
  // PostgreSQL: several workers may take the same mail; each locks what it takes first, skipping what
  // another holds. The embedded database belongs to one process and its transactions never interleave:
  // no claim (a round trip saved per transaction); the mark below still checks every message was
  // waiting, and undoes the batch if another ingest took one meanwhile.
  const claimed = db.mode === "embedded" ? new Set(ids) : await claimReceivedEmails(tx, ids);
  const inner = insideTransaction(db, tx);
  const taken = batch.filter((one) => claimed.has(one.row.id));
  const outcomes: InboundEmailOutcome[] = [];
  const section = keyedSections();
  let queuedMail = false;
  await runInLanes(taken, laneKeys, async ({ row, mail, content, summary }, index) => {
    const outcome = await ingestOne(inner, tx, keys, row, mail, content, settings, section);
    if (outcome.status === "processed" && outcome.queuedMail) queuedMail = true;
    outcomes[index] = {
      id: row.id,
      status: outcome.status,
      conversationId: outcome.status === "processed" ? outcome.conversationId : null,
      problem: outcome.status === "processed" ? null : outcome.problem,
      ...summary,
    };
  });
  if ((await markInboundEmails(tx, outcomes)) < outcomes.length) throw new MailTakenError();
  return { handled: outcomes.length, queuedMail };
}

/** What ties a message to others of its batch: its sender and the Message-IDs it has and names. */
function* laneKeys({ mail }: Prepared): Iterable<string> {
  if (mail.from) yield `from:${mail.from.address.toLowerCase()}`;
  for (const id of [mail.messageId, ...mail.inReplyTo, ...mail.references]) {
    if (id) yield `id:${id.toLowerCase()}`;
  }
}

/** Mail of the batch was no longer waiting when it was marked: another ingest took it. */
class MailTakenError extends Error {
  constructor() {
    super("stored mail was taken by another ingest meanwhile");
  }
}

interface InboxSettings {
  of(tx: Queryable, row: InboundEmailRow): Promise<ConversationSettingRow>;
}

/**
 * What each inbox's new conversations follow (calendar, SLA policies, assignment), read once per
 * ingest call (a few hundred messages at most, a second or two) in the first transaction that needs it:
 * every new conversation of the inbox shares it, and a statement saved per transaction counts. A change
 * of the settings meanwhile applies from the next call, as if the mail had come a moment earlier.
 */
function inboxSettings(): InboxSettings {
  const byInbox = new Map<string, Promise<ConversationSettingRow>>();
  return {
    of(tx, row) {
      let setting = byInbox.get(row.inbox_id);
      if (!setting) {
        setting = findConversationSetting(tx, {
          workspaceId: row.workspace_id,
          inboxId: row.inbox_id,
          conversationId: null,
        });
        // A read that failed (its transaction was undone) is tried again by the next.
        setting.catch(() => byInbox.delete(row.inbox_id));
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
  settings: InboxSettings,
): Promise<{ handled: number; queuedMail: boolean }> {
  try {
    return await db.transaction((tx) => ingestBatch(db, tx, keys, [one], settings));
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
