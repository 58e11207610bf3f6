import sanitizeHtml from "sanitize-html";
import { normalizeMessageId } from "./parse-mail.js";

/**
 * How the stored HTML marks what the browser must not fetch by itself. The sanitizer writes these
 * attributes instead of `src`, `srcset` and `background`; `resolveEmailHtml` turns them back into real
 * ones when the message is shown (inline images always, remote images only when an agent allows them).
 * Attributes of these names coming from the email itself are always removed first.
 */
const MARKERS = {
  cid: "data-heed-cid",
  src: "data-heed-src",
  srcset: "data-heed-srcset",
  background: "data-heed-background",
} as const;

/** How much of an email's HTML is sanitized and kept; the rest is cut (the text and raw mail stay whole). */
export const MAX_EMAIL_HTML_LENGTH = 2 * 1024 * 1024;

export interface SanitizedEmailHtml {
  /** An HTML fragment safe to show in Heed's sandboxed frame, with the image markers above. */
  html: string;
  /** Whether the email refers to remote images (or backgrounds), which stay blocked until allowed. */
  hasRemoteImages: boolean;
  /** Content-IDs (lower case, no angle brackets) the HTML shows as inline images (`cid:`). */
  inlineContentIds: string[];
}

// prettier-ignore
const ALLOWED_TAGS = [
  "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
  "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
  "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
  "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small",
  "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
  "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
];

/** Where browsers still draw a `background` attribute. */
const BACKGROUND_TAGS = new Set(["table", "tr", "td", "th"]);
const TABLE_CELL = ["colspan", "rowspan", "nowrap", "scope"];
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  "*": ["class", "style", "dir", "lang", "title", "align", "valign", "width", "height", "bgcolor"],
  a: ["href", "target", "rel"],
  img: ["alt", "border", "hspace", "vspace", "src", MARKERS.cid, MARKERS.src, MARKERS.srcset],
  font: ["color", "face", "size"],
  table: ["border", "cellpadding", "cellspacing", "summary", MARKERS.background],
  tr: [MARKERS.background],
  td: [...TABLE_CELL, MARKERS.background],
  th: [...TABLE_CELL, MARKERS.background],
  col: ["span"],
  colgroup: ["span"],
  ol: ["start", "type", "reversed"],
  ul: ["type"],
  li: ["value", "type"],
  time: ["datetime"],
  del: ["datetime"],
  ins: ["datetime"],
  details: ["open"],
};

/**
 * CSS values allowed in `style` attributes: words, numbers, colours, quotes and commas, and the colour
 * functions; no backslash (CSS escapes could spell `url(`), no other function, no `;`, `{`, `<`.
 */
const SAFE_CSS_VALUE = /^(?:[-\w\s#%.,!/+'"]|(?:rgba?|hsla?)\([-\d\s.,%/]*\))*$/i;
// prettier-ignore
const CSS_PROPERTIES = [
  "background-color", "border", "border-bottom", "border-bottom-color", "border-bottom-style",
  "border-bottom-width", "border-collapse", "border-color", "border-left", "border-left-color",
  "border-left-style", "border-left-width", "border-radius", "border-right", "border-right-color",
  "border-right-style", "border-right-width", "border-spacing", "border-style", "border-top",
  "border-top-color", "border-top-style", "border-top-width", "border-width", "clear", "color",
  "direction", "display", "float", "font", "font-family", "font-size", "font-style", "font-variant",
  "font-weight", "height", "letter-spacing", "line-height", "list-style-type", "margin", "margin-bottom",
  "margin-left", "margin-right", "margin-top", "max-height", "max-width", "min-height", "min-width",
  "padding", "padding-bottom", "padding-left", "padding-right", "padding-top", "table-layout",
  "text-align", "text-decoration", "text-indent", "text-transform", "vertical-align", "white-space",
  "width", "word-break", "word-spacing", "word-wrap", "overflow-wrap",
];
const ALLOWED_STYLES = {
  "*": Object.fromEntries(CSS_PROPERTIES.map((property) => [property, [SAFE_CSS_VALUE]])),
};

/** CSS functions that load something (or run something, in old browsers). */
const LOADING_CSS_FUNCTION = /(?:url|image|image-set|cross-fade|element|src|paint|expression)\s*\(/i;

/**
 * A `<style>` block's CSS with everything that could fetch anything removed, or null when it cannot be
 * made safe simply (escapes, markup, leftovers): then the block is dropped. The frame's content policy
 * blocks remote loads anyway; this keeps the stored HTML clean on its own.
 */
export function filterStyleSheet(css: string): string | null {
  if (/[\\<]/.test(css)) return null;
  let text = css.replace(/\/\*[\s\S]*?\*\//g, " ");
  if (text.includes("/*")) return null;
  text = text.replace(/@import[^;]*;?/gi, "");
  // A declaration using a loading function goes, up to where it ends.
  text = text.replace(new RegExp(`[^;{}]*${LOADING_CSS_FUNCTION.source}[^;{}]*`, "gi"), "");
  if (
    LOADING_CSS_FUNCTION.test(text) ||
    /@import|behavior|binding|javascript|data-heed/i.test(text) ||
    text.length > MAX_EMAIL_HTML_LENGTH
  )
    return null;
  return text.trim() === "" ? null : text;
}

/**
 * A URL attribute without spaces and control characters, a superset of what browsers drop from a URL
 * (so "java\tscript:" is seen as the scheme it is); entities were decoded by the parser already.
 */
const squeeze = (value: string) => [...value].filter((c) => c > " " && c !== "\u007f").join("");

/** An absolute http(s) URL (protocol-relative counts as https), canonical; null for anything else. */
function remoteUrl(value: string): string | null {
  const squeezed = squeeze(value);
  const absolute = squeezed.startsWith("//") ? `https:${squeezed}` : squeezed;
  if (!/^https?:\/\//i.test(absolute)) return null;
  try {
    return new URL(absolute).href;
  } catch {
    return null;
  }
}

/** A link target worth keeping: http(s), mailto: or tel:. Relative and every other scheme go. */
function linkUrl(value: string): string | null {
  const squeezed = squeeze(value);
  if (/^(?:mailto|tel):/i.test(squeezed)) return squeezed;
  return remoteUrl(squeezed);
}

const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=]*$/i;

/** The Content-ID a `cid:` URL names (RFC 2392: URL-encoded), lower case; null when it is not one. */
function cidOf(value: string): string | null {
  const squeezed = squeeze(value);
  if (!/^cid:/i.test(squeezed)) return null;
  let id = squeezed.slice(4);
  try {
    id = decodeURIComponent(id);
  } catch {
    // Not URL-encoded after all: use it as written.
  }
  return normalizeMessageId(id)?.toLowerCase() ?? null;
}

/** Every candidate of a srcset as a remote URL with its descriptor; null unless all are remote. */
function remoteSrcset(value: string): string | null {
  const candidates = value
    .split(/,(?=\s)|,$/)
    .map((candidate) => candidate.trim())
    .filter(Boolean);
  const kept: string[] = [];
  for (const candidate of candidates) {
    const [url, ...descriptor] = candidate.split(/\s+/);
    const remote = url ? remoteUrl(url) : null;
    if (!remote || descriptor.length > 1 || !/^(?:\d+(?:\.\d+)?[wx])?$/.test(descriptor[0] ?? ""))
      return null;
    kept.push([remote, ...descriptor].join(" "));
  }
  return kept.length > 0 ? kept.join(", ") : null;
}

/**
 * Sanitizes an email's HTML for Heed's frame with an allow-list (sanitize-html): formatting tags and
 * attributes only; no script, event handler, form, frame, object, embed, meta, base, link or SVG; links
 * only to http(s), mailto: and tel:, opening in a new tab without referrer or opener; `style` attributes
 * limited to plain formatting properties; `<style>` blocks kept without anything that loads. Inline
 * (`cid:`) images and remote images are written as markers (see `resolveEmailHtml`), so nothing in the
 * stored HTML makes the browser fetch anything. Never throws for any input string.
 */
export function sanitizeEmailHtml(input: string): SanitizedEmailHtml {
  let hasRemoteImages = false;
  const inlineContentIds = new Set<string>();

  const transform = (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const attributes: sanitizeHtml.Attributes = {};
    for (const [name, value] of Object.entries(attribs)) {
      if (!name.startsWith("data-")) attributes[name] = value;
    }
    if (attributes.background !== undefined) {
      const url = BACKGROUND_TAGS.has(tagName) ? remoteUrl(attributes.background) : null;
      delete attributes.background;
      if (url) {
        attributes[MARKERS.background] = url;
        hasRemoteImages = true;
      }
    }
    if (tagName === "a") {
      const { href, target: _target, rel: _rel, ...rest } = attributes;
      const url = href === undefined ? null : linkUrl(href);
      const link = { ...(url ? { href: url } : {}), ...rest };
      return { tagName, attribs: { ...link, target: "_blank", rel: "noopener noreferrer nofollow" } };
    }
    if (tagName === "img") {
      const src = attributes.src ?? "";
      const srcset = attributes.srcset === undefined ? null : remoteSrcset(attributes.srcset);
      delete attributes.src;
      delete attributes.srcset;
      const cid = cidOf(src);
      const remote = remoteUrl(src);
      if (cid) {
        attributes[MARKERS.cid] = cid;
        inlineContentIds.add(cid);
      } else if (remote) {
        attributes[MARKERS.src] = remote;
        hasRemoteImages = true;
      } else if (DATA_IMAGE.test(squeeze(src))) {
        attributes.src = squeeze(src);
      }
      if (srcset && !cid) {
        attributes[MARKERS.srcset] = srcset;
        hasRemoteImages = true;
      }
    }
    // The body's colours and styles survive on a div; the document around it is Heed's own.
    return { tagName: tagName === "body" ? "div" : tagName, attribs: attributes };
  };

  // PostgreSQL text cannot hold NUL, and browsers would not show it either.
  const html = sanitizeHtml(input.slice(0, MAX_EMAIL_HTML_LENGTH).replaceAll("\u0000", ""), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: ALLOWED_STYLES,
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["data"] },
    allowProtocolRelative: false,
    // Their text is not message text: scripts, styles sanitize-html would drop, titles, form fields.
    nonTextTags: [
      "script",
      "textarea",
      "option",
      "xmp",
      "title",
      "noscript",
      "noembed",
      "noframes",
      "template",
    ],
    disallowedTagsMode: "discard",
    allowVulnerableTags: true, // <style>: its CSS is filtered below, and the frame's policy stops loads
    nestingLimit: 200,
    transformTags: { "*": transform },
  });
  // sanitize-html passes a <style> block's text through as is; in its output every other "<" is
  // escaped, so these are exactly the style blocks.
  const filtered = html.replace(/<style\b[^>]*>([\s\S]*?)<\/style>/gi, (_block, css: string) => {
    const safe = filterStyleSheet(css);
    return safe === null ? "" : `<style>${safe}</style>`;
  });
  return { html: filtered, hasRemoteImages, inlineContentIds: [...inlineContentIds] };
}

export interface ResolveEmailHtmlOptions {
  /** Load remote images (upgraded to https); otherwise their markers stay and nothing is fetched. */
  allowRemoteImages: boolean;
  /** Where the inline image with this Content-ID (lower case) is served; null when the message has none. */
  inlineImageUrl: (contentId: string) => string | null;
}

const unescapeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const httpsOf = (url: string | null) => (url ? url.replace(/^http:/i, "https:") : null);

/**
 * Turns the markers of sanitized HTML into what the browser should load for this view: inline images
 * always (at `inlineImageUrl`), remote images and backgrounds only when allowed, and then over https.
 * Every URL is checked again here, so a marker can never become anything but an image address.
 */
export function resolveEmailHtml(html: string, options: ResolveEmailHtmlOptions): string {
  // Sanitized HTML escapes "<" and '"' everywhere but in tags, so these matches are real attributes.
  return html.replace(/<[a-z][a-z0-9]*\s[^<>]*>/gi, (tag) =>
    tag.replace(/ data-heed-(cid|src|srcset|background)="([^"]*)"/g, (marker, kind: string, raw: string) => {
      const value = unescapeAttribute(raw);
      let resolved: string | null = null;
      if (kind === "cid") {
        resolved = options.inlineImageUrl(value);
        return resolved ? ` src="${escapeAttribute(resolved)}"` : "";
      }
      if (!options.allowRemoteImages) return marker;
      if (kind === "srcset") resolved = remoteSrcset(value.replace(/(^|\s)http:/gi, "$1https:"));
      else resolved = httpsOf(remoteUrl(value));
      const attribute = kind === "background" ? "background" : kind;
      return resolved ? ` ${attribute}="${escapeAttribute(resolved)}"` : "";
    }),
  );
}
