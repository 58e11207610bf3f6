import type { ParsedMail } from "./parse-mail.js";

export type MailClassification = {
  isAutoReply: boolean;
  isBulk: boolean;
  isBounce: boolean;
  /** The first rule that matched, for logs and the audit trail; null for ordinary mail. */
  reason: string | null;
};

type ClassifiableMail = Pick<ParsedMail, "headers" | "from" | "embeddedMessageId">;

/**
 * Tells whether a message was sent by a machine, so that it never triggers an auto-response or
 * reopens a conversation (auto-replies and other mail with a null return path, lists and bulk mail)
 * and so that bounces mark the outgoing message as failed instead of opening a conversation. Pure;
 * never throws.
 */
export function classifyMail(mail: ClassifiableMail): MailClassification {
  const reasons: string[] = [];
  const header = (name: keyof ParsedMail["headers"]) => mail.headers[name]?.trim().toLowerCase() ?? "";

  const isBounce = isDeliveryReport(header("content-type")) || isNullSenderFromDaemon(mail);
  if (isDeliveryReport(header("content-type"))) reasons.push("multipart/report delivery-status");
  else if (isBounce) reasons.push("null return path from a mailer daemon");

  const autoSubmitted = header("auto-submitted").split(";")[0]!.trim();
  const precedence = header("precedence");
  let isAutoReply = false;
  if (autoSubmitted !== "" && autoSubmitted !== "no") {
    isAutoReply = true;
    reasons.push(`Auto-Submitted: ${autoSubmitted}`);
  }
  for (const name of ["x-autoreply", "x-autorespond"] as const) {
    if (mail.headers[name] !== undefined && !isAutoReply) {
      isAutoReply = true;
      reasons.push(`${name} header`);
    }
  }
  if (precedence === "auto_reply" && !isAutoReply) {
    isAutoReply = true;
    reasons.push("Precedence: auto_reply");
  }
  // RFC 3834: mail sent with a null return path (MDNs, other help desks' acknowledgements) is machine
  // mail that must never be answered automatically, whatever else it says.
  if (isNullReturnPath(mail) && !isAutoReply && !isBounce) {
    isAutoReply = true;
    reasons.push("null return path");
  }

  let isBulk = false;
  if (["bulk", "junk", "list"].includes(precedence)) {
    isBulk = true;
    reasons.push(`Precedence: ${precedence}`);
  } else if (mail.headers["list-id"] !== undefined) {
    isBulk = true;
    reasons.push("List-Id header");
  } else if (mail.headers["list-unsubscribe"] !== undefined) {
    isBulk = true;
    reasons.push("List-Unsubscribe header");
  }

  return { isAutoReply, isBulk, isBounce, reason: reasons[0] ?? null };
}

/**
 * The Message-ID of the message a bounce refers to, taken from its embedded message/rfc822 or
 * text/rfc822-headers part, or from the original's header block a plain-text bounce quotes; null when
 * the mail is not a bounce or does not carry the original.
 */
export function bouncedMessageId(mail: ClassifiableMail): string | null {
  return classifyMail(mail).isBounce ? mail.embeddedMessageId : null;
}

function isDeliveryReport(contentType: string): boolean {
  return (
    contentType.startsWith("multipart/report") && /report-type\s*=\s*"?delivery-status"?/.test(contentType)
  );
}

const isNullReturnPath = (mail: ClassifiableMail) =>
  mail.headers["return-path"]?.replace(/\s+/g, "") === "<>";

function isNullSenderFromDaemon(mail: ClassifiableMail): boolean {
  if (!isNullReturnPath(mail)) return false;
  const localPart = mail.from?.address.split("@")[0] ?? "";
  return localPart === "mailer-daemon" || localPart === "postmaster";
}
