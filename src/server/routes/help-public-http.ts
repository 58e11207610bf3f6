import type { FastifyReply, FastifyRequest } from "fastify";
import { helpTexts } from "../../help-center/help-text.js";
import { isHelpLang, type HelpLang } from "../../help-center/languages.js";
import type { HelpDocument, HelpShell } from "../../help-center/layout.js";
import { renderMessagePage } from "../../help-center/pages-browse.js";
import { videoFrameHosts } from "../../help-center/render-markdown.js";
import type { AppContext } from "../context.js";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { randomToken } from "../lib/ids.js";
import { findHelpSite, type HelpSite } from "../models/help-public.js";
import { helpBase } from "../presenters/help-urls.js";

/** The reader's random id (first-party, HttpOnly): counts views and keeps one vote per reader. */
export const VIEWER_COOKIE = "heed_hv";
const VIEWER_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Cache lifetime of pages that are the same for every reader. */
export const PAGE_CACHE = "public, max-age=60";

/**
 * The Content-Security-Policy of a help-center page: nothing runs, loads or frames beyond what it needs.
 * Inline styles are allowed by hash (the brand colour's `:root` rule), except on a page with the chat
 * widget: the widget writes its own stylesheet into its shadow root at run time, and that text belongs
 * to the widget's build, not to this server, so such a page allows inline styles (still no inline
 * script, and every value on the page is escaped).
 */
export function helpPolicy(styleHashes: string[], options: { hasWidget?: boolean } = {}): string {
  return [
    "default-src 'none'",
    options.hasWidget ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' ${styleHashes.join(" ")}`,
    "img-src 'self' https:",
    `frame-src ${videoFrameHosts.join(" ")}`,
    ...(options.hasWidget ? ["script-src 'self'", "connect-src 'self'"] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
}

/**
 * The workspace this request's help center belongs to (by Host, else the oldest workspace), with its
 * help center created on first use; undefined when the install has no workspace.
 */
export async function loadHelpSite(ctx: AppContext, request: FastifyRequest): Promise<HelpSite | undefined> {
  const host = (request.headers.host ?? "").toLowerCase();
  const site = await findHelpSite(ctx.db, host);
  if (!site || site.hasHelpCenter) return site;
  await ensureHelpCenter(ctx.db, site.workspaceId);
  return findHelpSite(ctx.db, host);
}

/** Where the help center is reached: its own host when it has one, else HEED_PUBLIC_URL. */
export function helpBaseUrl(ctx: AppContext, site: HelpSite): string {
  return helpBase(ctx.env.publicUrl, site.host);
}

export const helpShell = (ctx: AppContext, site: HelpSite, lang: HelpLang): HelpShell => ({
  site,
  lang,
  t: helpTexts(lang),
  baseUrl: helpBaseUrl(ctx, site),
});

/** Replies that carry a new viewer cookie: shared caches must not keep them. */
const newViewers = new WeakSet<FastifyReply>();

/** The reader's id from the cookie; a new one (and the cookie, for a year) on the first visit. */
export function viewerIdOf(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  const current = request.cookies[VIEWER_COOKIE];
  if (current && VIEWER_ID.test(current)) return current;
  const id = randomToken(18);
  void reply.setCookie(VIEWER_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    secure: ctx.env.publicUrl.startsWith("https://"),
  });
  newViewers.add(reply);
  return id;
}

/** Headers every help-center response carries. */
export function setSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "strict-origin-when-cross-origin");
}

/**
 * Sends a page with its policy. A response that sets the reader's cookie is never stored by shared
 * caches (they would hand one reader's id to everyone).
 */
export function sendHelpDocument(
  reply: FastifyReply,
  doc: HelpDocument,
  options: { status?: number; cache?: string; hasWidget?: boolean } = {},
): FastifyReply {
  let cache = options.cache ?? PAGE_CACHE;
  if (cache.startsWith("public") && newViewers.has(reply)) cache = cache.replace("public", "private");
  return setSecurityHeaders(reply)
    .status(options.status ?? 200)
    .type("text/html; charset=utf-8")
    .header("content-security-policy", helpPolicy(doc.styleHashes, options))
    .header("cache-control", cache)
    .send(doc.html);
}

/** The same "not found" page for anything missing or not public; plain when there is no workspace at all. */
export function sendHelpMessage(
  ctx: AppContext,
  reply: FastifyReply,
  site: HelpSite | undefined,
  lang: HelpLang | undefined,
  kind: "notFound" | "tooMany" | "forbidden" = "notFound",
): FastifyReply {
  const status = { notFound: 404, tooMany: 429, forbidden: 403 }[kind];
  if (!site) {
    const text =
      "<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title><h1>Not found</h1>";
    return setSecurityHeaders(reply)
      .status(status)
      .type("text/html; charset=utf-8")
      .header("content-security-policy", "default-src 'none'; base-uri 'none'")
      .header("cache-control", "no-store")
      .send(text);
  }
  const doc = renderMessagePage(helpShell(ctx, site, lang ?? site.defaultLanguage), kind);
  if (kind === "tooMany") void reply.header("retry-after", "60");
  return sendHelpDocument(reply, doc, { status, cache: "no-store" });
}

/** The page language from the address, or undefined (then the page is not found). */
export const helpLangOf = (value: string): HelpLang | undefined => (isHelpLang(value) ? value : undefined);

/** An article or category reference: "12-returns-and-refunds" or just "12". */
export function parseHelpRef(ref: string): { number: number; slug: string | null } | undefined {
  const match = /^([1-9][0-9]{0,8})(?:-(.*))?$/.exec(ref);
  if (!match) return undefined;
  return { number: Number(match[1]), slug: match[2] ?? null };
}

/** The query string of a request's address, "?…" or "". */
export const queryStringOf = (url: string): string => {
  const index = url.indexOf("?");
  return index === -1 ? "" : url.slice(index);
};

/** True when the request has no Origin header or one of this very host (forms of the help center). */
export function isSameOriginForm(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    // Through URL on both sides, so a default port (":443") compares equal to none.
    return url.host === new URL(`${url.protocol}//${request.headers.host ?? ""}`).host;
  } catch {
    return false;
  }
}
