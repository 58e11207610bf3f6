import type { MessageContent } from "../commands/store-attachments.js";
import type { ParsedMail } from "./parse-mail.js";
import { sanitizeEmailHtml } from "./sanitize-email-html.js";

const FILE_NAME_LIMIT = 200;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "text/calendar": ".ics",
  "message/rfc822": ".eml",
};

/** The text without C0 and C1 control characters (which also keeps NUL out of PostgreSQL). */
const withoutControls = (value: string) =>
  [...value].filter((c) => c >= " " && (c < "\u007f" || c > "\u009f")).join("");

/** A lower-case `type/subtype` without parameters; application/octet-stream for anything odd. */
export function cleanContentType(value: string): string {
  const type = value.split(";")[0]!.trim().toLowerCase();
  return CONTENT_TYPE.test(type) ? type : "application/octet-stream";
}

/**
 * A file name safe to store and show: no path, no control characters, at most 200 characters; a
 * generic name (with an extension for the type) when the sender gave none.
 */
export function cleanFileName(value: string | null, contentType: string): string {
  const printable = withoutControls(value ?? "").replace(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "");
  const name = [...printable.replace(/^.*[/\\]/, "").trim()].slice(0, FILE_NAME_LIMIT).join("");
  return name === "" || /^\.+$/.test(name) ? `attachment${EXTENSIONS[contentType] ?? ""}` : name;
}

/**
 * What Heed keeps of a parsed email besides its text: the HTML body sanitized for display, and every
 * attachment with its bytes. An attachment counts as inline only when the HTML actually shows it
 * (`cid:`); one that merely has a Content-ID is listed with the others, so nothing goes unseen.
 */
export function emailContent(mail: ParsedMail): MessageContent {
  const sanitized = mail.html === null ? null : sanitizeEmailHtml(mail.html);
  const shown = new Set(sanitized?.inlineContentIds ?? []);
  const files = mail.attachments.flatMap((attachment) => {
    const content = mail.contents.get(attachment.sha256);
    if (!content) return [];
    const contentType = cleanContentType(attachment.contentType);
    const contentId = withoutControls(attachment.contentId ?? "").slice(0, 998) || null;
    return [
      {
        sha256: attachment.sha256,
        content,
        fileName: cleanFileName(attachment.fileName, contentType),
        contentType,
        contentId,
        isInline: contentId !== null && shown.has(contentId.toLowerCase()),
      },
    ];
  });
  const html = sanitized?.html.trim() || null;
  return { html, hasRemoteImages: html !== null && sanitized!.hasRemoteImages, files };
}
