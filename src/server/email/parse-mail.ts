import { createHash } from "node:crypto";
import {
  simpleParser,
  type AddressObject,
  type EmailAddress,
  type ParsedMail as RawParsedMail,
} from "mailparser";

/** Largest raw message parseMail will look at; bigger ones come back with a problem, unparsed. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;
/** Upper bound on MIME parts (and so on nesting depth) before the parser gives up. */
export const MAX_MIME_PARTS = 256;
/** Upper bound on the header block of one MIME part. */
export const MAX_HEADER_BYTES = 512 * 1024;
/** HTML longer than this is kept but not converted to text (html-to-text is the slow step). */
const MAX_HTML_TO_TEXT = 2 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of the top-level header block is re-read when the full parse failed. */
const FALLBACK_HEADER_BYTES = 64 * 1024;
/** How far into a huge top-level header block the fallback looks for the fields it keeps. */
const FALLBACK_SCAN_BYTES = 4 * MAX_HEADER_BYTES;

/** Headers classifyMail looks at, by lower-case name; the value is the first occurrence, unfolded. */
export const CLASSIFICATION_HEADERS = [
  "auto-submitted",
  "x-autoreply",
  "x-autorespond",
  "precedence",
  "list-id",
  "list-unsubscribe",
  "return-path",
  "content-type",
] as const;
export type ClassificationHeader = (typeof CLASSIFICATION_HEADERS)[number];

export type MailAddress = { address: string; name: string };

export type ParsedAttachment = {
  fileName: string | null;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the decoded content: its key in `ParsedMail.contents`. */
  sha256: string;
  /** Content-ID without angle brackets. */
  contentId: string | null;
  /** Shown inside the HTML body (has a Content-ID and is not marked as a plain attachment). */
  isInline: boolean;
};

export type ParsedMail = {
  /** Normalized (no angle brackets); null when missing or empty, so it is never used for threading. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  date: Date | null;
  /** The text/plain body, or text derived from the HTML when only HTML is present. */
  text: string;
  /** Raw, unsanitized HTML. */
  html: string | null;
  attachments: ParsedAttachment[];
  /** The decoded content of the attachments by their sha256, each distinct content once. */
  contents: Map<string, Buffer>;
  headers: Partial<Record<ClassificationHeader, string>>;
  /**
   * Message-ID of a message embedded as message/rfc822 or text/rfc822-headers (the original in a DSN),
   * else of a header block quoted in the text (the original in a plain-text bounce).
   */
  embeddedMessageId: string | null;
  sizeBytes: number;
  /** Why the message cannot be used as is; empty when it can. A non-empty list means quarantine. */
  problems: string[];
};

export type ParseMailOptions = { maxBytes?: number; timeoutMs?: number };

/**
 * Turns the raw bytes of one message into the plain object the rest of Heed works with.
 * Never throws for input a mail server may deliver: oversized, malformed or unparsable
 * messages come back with `problems` filled in so the caller can quarantine the raw bytes.
 */
export async function parseMail(raw: Buffer, options: ParseMailOptions = {}): Promise<ParsedMail> {
  const maxBytes = options.maxBytes ?? MAX_MAIL_BYTES;
  if (raw.length > maxBytes) {
    return {
      ...emptyMail(raw.length),
      problems: [`message too large: ${raw.length} bytes, limit ${maxBytes}`],
    };
  }
  const problems: string[] = [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let mail: RawParsedMail | null;
  let isHtmlTooLong = false;
  try {
    mail = await parseWithTimeout(raw, timeoutMs, false);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An HTML body too long to convert is not a broken message: keep it, derive the text cheaply.
    isHtmlTooLong = message.startsWith("HTML too long");
    mail = isHtmlTooLong ? await parseWithTimeout(raw, timeoutMs, true).catch(() => null) : null;
    if (!mail) {
      problems.push(`malformed MIME: ${message}`);
      // Keep what the top-level header block says, so the quarantine entry shows who sent it.
      mail = await parseWithTimeout(summaryHeaderBlock(raw), timeoutMs, true).catch(() => null);
    }
  }
  if (!mail) return { ...emptyMail(raw.length), problems };
  const result = toParsedMail(mail, raw.length, problems);
  // mailparser derives text only from a top-level HTML body (or one beside a text part); HTML alone in
  // multipart/related or mixed, and HTML too long to convert, get a rough text here.
  if (result.text === "" && result.html) {
    result.text = roughText(result.html.slice(0, MAX_HTML_TO_TEXT));
  }
  if (!result.from) problems.push("no From address");
  return result;
}

function parseWithTimeout(raw: Buffer, timeoutMs: number, skipHtmlToText: boolean): Promise<RawParsedMail> {
  // mailsplit reads these two limits from the same options object; @types/mailparser does not list them.
  const parserOptions = {
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    skipHtmlToText,
    maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
    maxChildNodes: MAX_MIME_PARTS,
    maxHeadSize: MAX_HEADER_BYTES,
  };
  // The timeout settles the promise; it cannot stop a synchronous step already running in the parser.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`parsing took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([simpleParser(raw, parserOptions), timeout]).finally(() => clearTimeout(timer));
}

function toParsedMail(mail: RawParsedMail, sizeBytes: number, problems: string[]): ParsedMail {
  const lines = mail.headerLines ?? [];
  const headerValues = (key: string) =>
    lines.filter((line) => line.key === key).map((line) => headerValue(line.line));
  const headers: Partial<Record<ClassificationHeader, string>> = {};
  for (const key of CLASSIFICATION_HEADERS) {
    const value = headerValues(key)[0];
    if (value !== undefined) headers[key] = value;
  }
  // mailparser substitutes the current time for an unparsable Date; we want null instead.
  const rawDate = headerValues("date")[0];
  const date = rawDate === undefined || Number.isNaN(new Date(rawDate).getTime()) ? null : new Date(rawDate);
  const contents = new Map<string, Buffer>();
  return {
    messageId: normalizeMessageId(headerValues("message-id")[0] ?? ""),
    inReplyTo: parseMessageIdList(headerValues("in-reply-to").join(" ")),
    references: parseMessageIdList(headerValues("references").join(" ")),
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    subject: mail.subject ?? "",
    date,
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : null,
    attachments: mail.attachments.map((attachment) => {
      const contentId = attachment.contentId ? normalizeMessageId(attachment.contentId) : null;
      return {
        fileName: attachment.filename ?? null,
        contentType: attachment.contentType,
        size: attachment.content.length,
        sha256: hashInto(contents, attachment.content),
        contentId,
        isInline: contentId !== null && attachment.contentDisposition !== "attachment",
      };
    }),
    contents,
    headers,
    embeddedMessageId: embeddedMessageId(mail),
    sizeBytes,
    problems,
  };
}

/** Hex SHA-256 of one attachment's content, which is kept in `contents` under it. */
function hashInto(contents: Map<string, Buffer>, content: Buffer): string {
  const sha256 = createHash("sha256").update(content).digest("hex");
  contents.set(sha256, content);
  return sha256;
}

/** A message that could not be read at all, with the reason: it goes to the quarantine. */
export function unreadableMail(sizeBytes: number, problem: string): ParsedMail {
  return { ...emptyMail(sizeBytes), problems: [problem] };
}

function emptyMail(sizeBytes: number): ParsedMail {
  return {
    messageId: null,
    inReplyTo: [],
    references: [],
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    subject: "",
    date: null,
    text: "",
    html: null,
    attachments: [],
    contents: new Map(),
    headers: {},
    embeddedMessageId: null,
    sizeBytes,
    problems: [],
  };
}

/** Strips angle brackets and whitespace from a Message-ID (or Content-ID); null when nothing is left. */
export function normalizeMessageId(value: string): string | null {
  const bracketed = /<([^<>]*)>/.exec(value);
  const id = (bracketed ? bracketed[1]! : value).replace(/\s+/g, "");
  return id === "" ? null : id;
}

/** Every id in an In-Reply-To or References value, normalized, in order, without duplicates. */
export function parseMessageIdList(value: string): string[] {
  const found = value.includes("<")
    ? [...value.matchAll(/<([^<>]*)>/g)].map((match) => match[1]!)
    : value.split(/[\s,]+/);
  const ids = found.map(normalizeMessageId).filter((id): id is string => id !== null);
  return [...new Set(ids)];
}

function headerValue(line: string): string {
  const colon = line.indexOf(":");
  return line
    .slice(colon + 1)
    .replace(/\r?\n[ \t]+/g, " ")
    .trim();
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const flat = (list: EmailAddress[]): EmailAddress[] =>
    list.flatMap((entry) => [entry, ...flat(entry.group ?? [])]);
  return [value]
    .flat()
    .flatMap((object) => flat(object.value))
    .filter((entry) => entry.address && entry.address.includes("@"))
    .map((entry) => ({ address: entry.address!.toLowerCase(), name: entry.name ?? "" }));
}

const EMBEDDED_TYPES = new Set([
  "message/rfc822",
  "text/rfc822-headers",
  "message/global",
  "message/global-headers",
]);

function embeddedMessageId(mail: RawParsedMail): string | null {
  for (const attachment of mail.attachments) {
    if (!EMBEDDED_TYPES.has(attachment.contentType)) continue;
    const head = headerBlock(attachment.content, MAX_HEADER_BYTES).toString("latin1");
    const match = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(head);
    const id = match ? normalizeMessageId(match[1]!) : null;
    if (id) return id;
  }
  // qmail and older Exim bounce in plain text, quoting the original's header block in the body.
  const quoted = /^message-id:[ \t]*(<[^<>\r\n]*>)/im.exec(mail.text ?? "");
  return quoted ? normalizeMessageId(quoted[1]!) : null;
}

/**
 * The header block of a message (up to the first empty line) ending with an empty line. Past
 * maxBytes it is cut after the last whole line, so an endless header cannot come back whole.
 */
function headerBlock(raw: Buffer, maxBytes: number): Buffer {
  const capped = raw.subarray(0, maxBytes);
  const ends = [capped.indexOf("\r\n\r\n"), capped.indexOf("\n\n")].filter((index) => index >= 0);
  const end =
    ends.length > 0 ? Math.min(...ends) : raw.length > maxBytes ? capped.lastIndexOf("\n") : capped.length;
  return Buffer.concat([capped.subarray(0, Math.max(end, 0)), Buffer.from("\r\n\r\n")]);
}

/** The top-level fields the fallback keeps: who sent it, to whom, what about, and what classifyMail reads. */
const SUMMARY_FIELDS = new Set<string>([
  "from",
  "sender",
  "to",
  "cc",
  "reply-to",
  "subject",
  "date",
  "message-id",
  "in-reply-to",
  "references",
  ...CLASSIFICATION_HEADERS,
]);

/**
 * Those fields of the top-level header block, for the fallback parse: a flood of Received lines (which
 * come first) or of any other field must not hide the sender. Scans at most FALLBACK_SCAN_BYTES and
 * keeps at most FALLBACK_HEADER_BYTES.
 */
function summaryHeaderBlock(raw: Buffer): Buffer {
  const kept: string[] = [];
  let size = 0;
  let isKept = false;
  for (const line of headerBlock(raw, FALLBACK_SCAN_BYTES).toString("latin1").split(/\r?\n/)) {
    if (!/^[ \t]/.test(line)) {
      const colon = line.indexOf(":");
      isKept = colon > 0 && SUMMARY_FIELDS.has(line.slice(0, colon).trim().toLowerCase());
    }
    if (!isKept) continue;
    size += line.length + 2;
    if (size > FALLBACK_HEADER_BYTES) break;
    kept.push(line);
  }
  return Buffer.from(`${kept.join("\r\n")}\r\n\r\n`, "latin1");
}

/** Text from HTML without an HTML parser, for bodies too long for html-to-text. Linear time. */
function roughText(html: string): string {
  return html
    .replace(/<(style|script)\b[^<>]*>[^<]*<\/\1>/gi, " ")
    .replace(/<[^<>]*>/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}
