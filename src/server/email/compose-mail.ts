import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { Marked, type Tokens } from "marked";

export interface MailPerson {
  name?: string;
  address: string;
}

export interface OutgoingMail {
  from: MailPerson;
  to: MailPerson;
  replyTo?: string;
  subject: string;
  /** Markdown as the agent wrote it: sent as the text part and rendered for the HTML part. */
  markdown: string;
  /**
   * The HTML part's body when Heed builds it itself (values escaped with `escapeHtml`), instead of
   * rendering `markdown`, which then is the plain text part as is.
   */
  html?: string;
  /** Without angle brackets. */
  messageId: string;
  inReplyTo?: string | null;
  references?: string[];
  /** `auto-replied` for acknowledgements, `auto-generated` for notifications; absent for replies by people. */
  autoSubmitted?: "auto-replied" | "auto-generated";
  attachments?: { fileName: string; contentType: string; content: Buffer }[];
  date?: Date;
}

/** Text as HTML: what a customer or agent typed never becomes markup in a mail. */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** Link targets an email may carry; anything else (javascript:, data:, …) is shown as text. */
const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Markdown to HTML for the mail's HTML part. HTML typed into the reply is shown as text, never passed
 * through (an agent pasting markup must not inject it into the customer's mail), and only web and
 * mailto links become links.
 */
const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_LINK.test(token.href.trim())) return text;
      return `<a href="${escapeHtml(token.href.trim())}">${text}</a>`;
    },
    image(token: Tokens.Image) {
      // Remote images in a reply would be blocked by most clients and leak when the mail is read.
      return escapeHtml(token.text || token.href);
    },
  },
});

export function markdownToHtml(text: string): string {
  return markdown.parse(text) as string;
}

/** A simple, readable frame for the HTML part; clients ignore most CSS, so it stays minimal. */
function htmlDocument(body: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"></head>' +
    '<body style="font-family: -apple-system, Segoe UI, Roboto, Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1f2328">' +
    `${body}</body></html>`
  );
}

/**
 * A Message-ID (without brackets) for mail Heed sends from `fromAddress`: a local part unique to it and
 * the sender's domain, as RFC 5322 recommends, so replies and bounces can be matched to it.
 */
export function outgoingMessageId(local: string, fromAddress: string): string {
  return `${local}@${fromAddress.slice(fromAddress.lastIndexOf("@") + 1)}`;
}

/** Subject of a reply: the conversation's subject with one "Re: " in front. */
export function replySubject(subject: string | null): string {
  const base = (subject ?? "").trim();
  if (base === "") return "Re: your message";
  return /^(re|aw|odg|odp|отв|ha)\s*:/i.test(base) ? base : `Re: ${base}`;
}

/**
 * The exact bytes of an outgoing mail (RFC 5322 with a text and an HTML part), composed once when the
 * mail is queued so every retry sends the same message with the same Message-ID.
 */
export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  const headers: Record<string, string> = {};
  if (mail.autoSubmitted) {
    headers["Auto-Submitted"] = mail.autoSubmitted;
    // Asks Exchange and Outlook not to answer automatic mail with their own automatic replies.
    headers["X-Auto-Response-Suppress"] = "All";
  }
  const composer = new MailComposer({
    from: { name: mail.from.name ?? "", address: mail.from.address },
    to: { name: mail.to.name ?? "", address: mail.to.address },
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.markdown,
    html: htmlDocument(mail.html ?? markdownToHtml(mail.markdown)),
    messageId: `<${mail.messageId}>`,
    ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
    ...(mail.references?.length ? { references: mail.references.map((id) => `<${id}>`) } : {}),
    date: mail.date ?? new Date(),
    headers,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.fileName,
      contentType: a.contentType,
      content: a.content,
    })),
  });
  return composer.compile().build();
}
