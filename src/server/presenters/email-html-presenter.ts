import type { AttachmentRow } from "../models/attachments.js";
import { resolveEmailHtml } from "../email/sanitize-email-html.js";

/**
 * The sandbox of the frame that shows an email, both on the <iframe> (web app) and in the document's own
 * content policy, so the document is sandboxed even when opened on its own. Never `allow-scripts`: with
 * `allow-same-origin` that would let the email remove its own sandbox. `allow-same-origin` lets the app
 * measure the frame to size it to its content and lets inline images load as same-origin attachment
 * URLs with the agent's session; the popup flags let links open in a new, normal tab.
 */
export const EMAIL_FRAME_SANDBOX = "allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/** Where an attachment's bytes are served (inline images of the frame load from here). */
export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

/**
 * The content policy of an email's frame: nothing but inline styles and images; images only from Heed
 * (inline attachments) and data: URIs, plus any https image when the agent allowed remote images.
 * No script, font, frame, form target, base URL or connection of any kind.
 */
export function emailHtmlContentSecurityPolicy(allowRemoteImages: boolean): string {
  return [
    "default-src 'none'",
    `img-src 'self' data:${allowRemoteImages ? " https:" : ""}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    `sandbox ${EMAIL_FRAME_SANDBOX}`,
  ].join("; ");
}

/** Response headers of GET /messages/:id/html. */
export function emailHtmlHeaders(allowRemoteImages: boolean): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": emailHtmlContentSecurityPolicy(allowRemoteImages),
    "x-content-type-options": "nosniff",
    "cache-control": "private",
    // Remote images, once allowed, must not learn which Heed (or which message) shows them.
    "referrer-policy": "no-referrer",
  };
}

const BASE_STYLE = [
  "html{color-scheme:light}",
  "body{margin:0;padding:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;" +
    "background:#fff;overflow-wrap:break-word;overflow-x:auto}",
  "img{max-width:100%;height:auto}",
  "pre{white-space:pre-wrap}",
  "blockquote{margin:0 0 0 .8ex;padding-left:1ex;border-left:2px solid #d0d7de}",
].join("");

/**
 * A complete HTML document for an email's frame: Heed's base style, then the stored (sanitized) HTML
 * with its inline images pointing at their attachments and its remote images blocked or, when allowed,
 * loaded over https.
 */
export function emailHtmlDocument(
  html: string,
  options: { allowRemoteImages: boolean; inlineImages: AttachmentRow[] },
): string {
  const byContentId = new Map(
    options.inlineImages
      .filter((attachment) => attachment.content_id !== null)
      .map((attachment) => [attachment.content_id!.toLowerCase(), attachment.id]),
  );
  const body = resolveEmailHtml(html, {
    allowRemoteImages: options.allowRemoteImages,
    inlineImageUrl: (contentId) => {
      const id = byContentId.get(contentId);
      return id ? attachmentUrl(id) : null;
    },
  });
  return (
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<style>${BASE_STYLE}</style></head><body>${body}</body></html>`
  );
}
