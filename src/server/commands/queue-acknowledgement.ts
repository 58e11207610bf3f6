import type { Queryable } from "../db/types.js";
import { composeMail, outgoingMessageId } from "../email/compose-mail.js";
import { durationText, emailText } from "../email/email-text.js";
import type { ParsedMail } from "../email/parse-mail.js";
import { replyAddress } from "../email/reply-address.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { newId } from "../lib/ids.js";
import type { ConversationRow } from "../models/conversations.js";
import {
  countRecentAcknowledgements,
  insertOutgoingEmail,
  type AcknowledgementInboxRow,
} from "../models/outgoing-emails.js";
import { findRecentFirstResponseMedian } from "../models/response-clocks.js";

/** At most one acknowledgement per sender and inbox an hour, and this many a day: no loops, no floods. */
export const ACKNOWLEDGEMENTS_PER_DAY = 3;
/** Fewer first replies than this in the last 7 days say too little to promise a time. */
export const MIN_SAMPLES = 10;

/**
 * Queues "we received your message" for a new email conversation when its inbox has it turned on —
 * never for automatic, bulk or list mail (the caller checks), and at most once an hour and
 * ACKNOWLEDGEMENTS_PER_DAY a day per sender, so two auto-responders cannot loop. It states the median
 * first reply time of the last 7 days (calendar time until business hours exist) or, with too little
 * data, a plain promise; it carries the signed reply address and `Auto-Submitted: auto-replied`.
 * Returns whether one was queued.
 */
export async function queueAcknowledgement(
  tx: Queryable,
  keys: InstallKeys,
  conversation: ConversationRow,
  mail: ParsedMail,
  /** The inbox's settings (ingest reads them with the mail). */
  inbox: AcknowledgementInboxRow,
): Promise<boolean> {
  const to = mail.from?.address;
  if (!inbox.auto_acknowledge || !to) return false;
  const sent = await countRecentAcknowledgements(tx, conversation.inbox_id, to);
  if (sent.lastHour > 0 || sent.lastDay >= ACKNOWLEDGEMENTS_PER_DAY) return false;

  const language = conversation.language;
  const recent = await findRecentFirstResponseMedian(tx, conversation.inbox_id);
  const expectation =
    recent.median !== null && recent.samples >= MIN_SAMPLES
      ? emailText(language, "acknowledgement.expected", { time: durationText(language, recent.median) })
      : emailText(language, "acknowledgement.expectedUnknown");
  const greeting = mail.from?.name
    ? emailText(language, "greetingNamed", { name: mail.from.name })
    : emailText(language, "greeting");
  const body = emailText(language, "acknowledgement.body", {
    inbox: inbox.name,
    expectation,
    number: conversation.number,
  });
  const id = newId();
  const emailMessageId = outgoingMessageId(`ack.${id}`, inbox.address);
  const raw = await composeMail({
    from: { name: inbox.name, address: inbox.address },
    to: { name: mail.from?.name ?? "", address: to },
    replyTo: replyAddress(keys, inbox.address, conversation.number),
    subject: conversation.subject
      ? emailText(language, "acknowledgement.subject", { subject: conversation.subject })
      : emailText(language, "acknowledgement.subjectNone"),
    markdown: `${greeting}\n\n${body}`,
    messageId: emailMessageId,
    inReplyTo: mail.messageId,
    references: mail.messageId ? [mail.messageId] : [],
    autoSubmitted: "auto-replied",
  });
  await insertOutgoingEmail(tx, {
    id,
    workspaceId: conversation.workspace_id,
    inboxId: conversation.inbox_id,
    conversationId: conversation.id,
    purpose: "acknowledgement",
    envelopeTo: to,
    envelopeFrom: inbox.address,
    emailMessageId,
    raw,
  });
  return true;
}
