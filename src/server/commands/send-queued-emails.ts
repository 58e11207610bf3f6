import type { Database, Queryable } from "../db/types.js";
import { composeMail, replySubject } from "../email/compose-mail.js";
import type { InboxSenders } from "../email/inbox-senders.js";
import { describeSendFailure, type MailSender } from "../email/mail-transport.js";
import { replyAddress } from "../email/reply-address.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { reportDelivery } from "./report-delivery.js";
import { findMessageFiles } from "../models/attachments.js";
import {
  claimDueOutgoingEmail,
  explainWaitingReplies,
  findConversationEmailIds,
  findReplyMailContext,
  lockAbandonedSending,
  markOutgoingFailed,
  markOutgoingRetry,
  markOutgoingSent,
  saveComposedEmail,
  type OutgoingEmailRow,
} from "../models/outgoing-emails.js";

/** How long one attempt may take before the mail counts as abandoned (crash, kill) — beyond the transport's own timeouts. */
export const SEND_LEASE_SECONDS = 180;
/** Attempts before giving up: with the backoff below, about two days of an unreachable mail server. */
export const MAX_ATTEMPTS = 50;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, … capped at an hour, with ±20% jitter. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const minutes = Math.min(60, 2 ** Math.max(0, attempts - 1));
  return Math.round(minutes * 60_000 * (0.8 + 0.4 * random()));
}

export const UNCERTAIN_DELIVERY =
  "Heed stopped while handing this mail to the mail server, so it may or may not have been sent. " +
  "It is not sent again by itself: check with the customer, then retry if it did not arrive.";

export const NO_MAIL_SERVER =
  "No outgoing mail server is configured (HEED_SMTP_URL): the reply waits in the outbox and is sent once one is.";

export interface SendOptions {
  keys: InstallKeys;
  /** The install's server (HEED_SMTP_URL); null: none, and mail of inboxes without their own waits. */
  sender: MailSender | null;
  /** Inboxes with their own outgoing server (refreshed by the caller); their mail goes through it. */
  inboxSenders?: InboxSenders;
  limit?: number;
}

/** Reply mail for an agent's message: threading headers, the signed reply address, text and HTML. */
async function composeReply(db: Queryable, keys: InstallKeys, mail: OutgoingEmailRow) {
  const context = mail.message_id ? await findReplyMailContext(db, mail.message_id) : undefined;
  if (!context) throw new Error("the reply or its email inbox no longer exists");
  const thread = await findConversationEmailIds(db, context.conversation_id, mail.message_id!);
  const lastIncoming = [...thread].reverse().find((m) => m.kind === "incoming");
  const ids = thread.map((m) => m.email_message_id);
  // References: the first message and the newest ones (RFC 5322 allows trimming the middle).
  const references = ids.length > 20 ? [ids[0]!, ...ids.slice(-19)] : ids;
  const raw = await composeMail({
    from: {
      name: context.author_name ? `${context.author_name} (${context.inbox_name})` : context.inbox_name,
      address: context.inbox_address,
    },
    to: { name: context.customer_name ?? "", address: mail.envelope_to },
    replyTo: replyAddress(keys, context.inbox_address, context.conversation_number),
    subject: replySubject(context.subject),
    markdown: context.body,
    messageId: mail.email_message_id,
    inReplyTo: lastIncoming?.email_message_id ?? ids.at(-1) ?? null,
    references,
    date: context.created_at,
    attachments: (await findMessageFiles(db, mail.message_id!)).map((file) => ({
      fileName: file.file_name,
      contentType: file.content_type,
      content: file.content,
    })),
  });
  return { envelopeFrom: context.inbox_address, raw };
}

/**
 * Mail whose attempt was cut off (the process died while talking to the mail server): it may have left,
 * so it is never resent on its own — it is marked failed with that explanation, and an agent decides.
 * This is what keeps "no reply sent twice" true across a kill -9.
 */
export async function settleAbandoned(db: Database, options: { all?: boolean } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    for (const mail of await lockAbandonedSending(tx, 1000, options)) {
      await markOutgoingFailed(tx, mail.id, UNCERTAIN_DELIVERY);
      await reportDelivery(tx, mail, "failed", UNCERTAIN_DELIVERY);
    }
  });
}

/**
 * Sends due mail from the outbox, one at a time: claim it under a lease and commit (composing it on the
 * first attempt), hand it to the mail server, then record the outcome — sent; failed for a permanent
 * refusal or after MAX_ATTEMPTS; otherwise queued again with backoff. Returns how many were attempted.
 */
export async function sendQueuedEmails(db: Database, options: SendOptions): Promise<number> {
  await settleAbandoned(db);
  // Without the install's server only mail of inboxes with their own is sent; the rest says why it waits.
  const onlyInboxes = options.sender ? null : (options.inboxSenders?.inboxIds() ?? []);
  if (!options.sender) await explainWaitingReplies(db, NO_MAIL_SERVER);
  if (onlyInboxes?.length === 0) return 0;
  const limit = options.limit ?? 20;
  let attempted = 0;
  for (; attempted < limit; attempted++) {
    const claimed = await db.transaction(async (tx) => {
      const mail = await claimDueOutgoingEmail(tx, SEND_LEASE_SECONDS, onlyInboxes);
      if (!mail || mail.raw) return mail;
      try {
        const composed = await composeReply(tx, options.keys, mail);
        await saveComposedEmail(tx, mail.id, composed.envelopeFrom, composed.raw);
        return { ...mail, envelope_from: composed.envelopeFrom, raw: composed.raw };
      } catch (error) {
        const reason = `could not be composed: ${(error as Error).message}`;
        await markOutgoingFailed(tx, mail.id, reason);
        await reportDelivery(tx, mail, "failed", reason);
        return { ...mail, raw: null };
      }
    });
    if (!claimed) break;
    if (!claimed.raw || !claimed.envelope_from) continue;
    let failure: ReturnType<typeof describeSendFailure> | null = null;
    const sender = options.inboxSenders?.forInbox(claimed.inbox_id) ?? options.sender;
    try {
      if (!sender) throw new Error(NO_MAIL_SERVER);
      await sender.send({ from: claimed.envelope_from, to: claimed.envelope_to }, claimed.raw);
    } catch (error) {
      failure = describeSendFailure(error);
    }
    await db.transaction(async (tx) => {
      if (!failure) {
        if (await markOutgoingSent(tx, claimed.id)) await reportDelivery(tx, claimed, "sent", null);
      } else if (failure.permanent || claimed.attempts >= MAX_ATTEMPTS) {
        await markOutgoingFailed(tx, claimed.id, failure.message);
        await reportDelivery(tx, claimed, "failed", failure.message);
      } else {
        await markOutgoingRetry(
          tx,
          claimed.id,
          failure.message,
          new Date(Date.now() + retryDelayMs(claimed.attempts)),
        );
        await reportDelivery(tx, claimed, "pending", `Retrying: ${failure.message}`);
      }
    });
  }
  return attempted;
}
