import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "../server/email/compose-mail.js";

/**
 * Video providers an article may embed, and how a page address becomes their privacy-friendly player
 * address. A link to anything else stays a link: an embed is an iframe, so only known players get one.
 */
const videoProviders: { pattern: RegExp; player: (id: string) => string }[] = [
  {
    pattern:
      /^https:\/\/(?:www\.|m\.)?youtube\.com\/watch\?(?:[^#\s]*&)?v=([A-Za-z0-9_-]{11})(?:[&#][^\s]*)?$/,
    player: (id) => `https://www.youtube-nocookie.com/embed/${id}`,
  },
  {
    pattern: /^https:\/\/youtu\.be\/([A-Za-z0-9_-]{11})(?:[?#][^\s]*)?$/,
    player: (id) => `https://www.youtube-nocookie.com/embed/${id}`,
  },
  {
    pattern: /^https:\/\/(?:www\.)?vimeo\.com\/([0-9]{1,12})(?:[?#][^\s]*)?$/,
    player: (id) => `https://player.vimeo.com/video/${id}?dnt=1`,
  },
];

/** The hosts whose players may be framed: the page's content policy allows exactly these. */
export const videoFrameHosts = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

/** The player address for a video page on an allowed provider; undefined for anything else. */
export function videoPlayerUrl(url: string): string | undefined {
  for (const provider of videoProviders) {
    const match = provider.pattern.exec(url.trim());
    if (match) return provider.player(match[1]!);
  }
  return undefined;
}

const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;
/** Images come from the help center's own uploads or from https addresses. */
const SAFE_IMAGE = /^(https:|\/help\/images\/)/i;

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // HTML typed into an article is shown as text: editors write markdown, never markup.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    paragraph(token: Tokens.Paragraph) {
      // A paragraph that is only a video page's address becomes the provider's player.
      const player = videoPlayerUrl(token.text);
      if (player) {
        return (
          `<div class="video"><iframe src="${escapeHtml(player)}" title="Video" loading="lazy" ` +
          `allow="fullscreen; picture-in-picture" allowfullscreen></iframe></div>\n`
        );
      }
      return `<p>${this.parser.parseInline(token.tokens)}</p>\n`;
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      const href = token.href.trim();
      if (!SAFE_LINK.test(href)) return text;
      return `<a href="${escapeHtml(href)}">${text}</a>`;
    },
    image(token: Tokens.Image) {
      const src = token.href.trim();
      if (!SAFE_IMAGE.test(src)) return escapeHtml(token.text);
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
});

/**
 * The last line of defence after rendering: only these tags and attributes reach a reader, iframes only
 * to the allowed players. The renderer above already escapes typed HTML; this catches whatever a
 * future renderer change or a marked quirk lets through.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "iframe",
    "input",
  ],
  allowedAttributes: {
    a: ["href"],
    img: ["src", "alt", "loading"],
    iframe: ["src", "title", "loading", "allow", "allowfullscreen"],
    div: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { div: ["video"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"], iframe: ["https"] },
  allowedIframeHostnames: ["www.youtube-nocookie.com", "player.vimeo.com"],
  allowProtocolRelative: false,
};

/** An article's or page's markdown as sanitized HTML, ready to serve on a public page. */
export function renderHelpMarkdown(text: string): string {
  return sanitizeHtml(markdown.parse(text) as string, sanitizeOptions);
}

/**
 * The readable text of markdown, for search and for meta descriptions: markup, link targets and image
 * addresses removed, whitespace collapsed.
 */
export function markdownToPlainText(text: string): string {
  const html = markdown.parse(text) as string;
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|tr|blockquote|pre)>/g, "$&\n"), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}
