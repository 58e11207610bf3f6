import { z } from "zod";
import type { AttachmentRow } from "../models/attachments.js";

/** A file that came with a message; its bytes are at GET /api/v1/attachments/:id (a download). */
export const ZAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  /** Shown inside the message's HTML (a `cid:` image) rather than listed under it. */
  isInline: z.boolean(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export function presentAttachment(row: AttachmentRow): TAttachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    isInline: row.is_inline,
  };
}

/** Types a browser could run or render as a page from Heed's origin: always served as plain bytes. */
const ACTIVE_CONTENT =
  /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/xsl|[^/]+\/[^/]*\+xml|[^/]+\/(?:x-)?(?:java|ecma|j|live|vb)script|text\/css|application\/x-shockwave-flash|multipart\/.*)$/;

/** The content type an attachment is served with: its own, unless it is active content. */
export function downloadContentType(contentType: string): string {
  return ACTIVE_CONTENT.test(contentType) ? "application/octet-stream" : contentType;
}

/** RFC 5987 `attr-char` encoding of a UTF-8 file name (encodeURIComponent leaves ' ( ) * as they are). */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition of a download: an ASCII fallback name for old clients and the exact UTF-8 name
 * (RFC 6266 / RFC 5987) for the others.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/**
 * Response headers of GET /attachments/:id: always a download, never sniffed, never rendered as a page
 * (the sandbox stops scripts even if a browser tried), never loadable by other sites.
 */
export function attachmentDownloadHeaders(row: AttachmentRow): Record<string, string> {
  return {
    "content-type": downloadContentType(row.content_type),
    "content-disposition": contentDisposition(row.file_name),
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "private, max-age=3600",
  };
}
