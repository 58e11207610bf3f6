import { z } from "zod";
import { categoryPath } from "../../help-center/layout.js";
import {
  categorySlug,
  renderCategoryPage,
  renderHomePage,
  renderSearchPage,
} from "../../help-center/pages-browse.js";
import { RateLimiter } from "../chat/rate-limiter.js";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { newId } from "../lib/ids.js";
import { insertHelpSearch } from "../models/help-activity.js";
import { findHelpTree } from "../models/help-public.js";
import { searchHelpArticles } from "../search/help-search.js";
import {
  helpLangOf,
  helpShell,
  loadHelpSite,
  parseHelpRef,
  queryStringOf,
  sendHelpDocument,
  sendHelpMessage,
  viewerIdOf,
} from "./help-public-http.js";

export const ZHelpLangParams = z.object({ lang: z.string() });
export const ZHelpRefParams = z.object({ lang: z.string(), ref: z.string() });
export const ZHelpSearchQuery = z.object({ q: z.string().optional() });

/** A search as stored: trimmed, at most 200 characters. */
export const MAX_QUERY_LENGTH = 200;
/** Results on the search page: a reader looks at the first few; each costs a highlighted snippet. */
const RESULT_LIMIT = 10;

/** The stored query's grouping form: lowercased, runs of whitespace as one space. */
export const normalizeQuery = (query: string): string => query.toLowerCase().replace(/\s+/g, " ");

/**
 * Reading by topic and searching: `GET /help/:lang` (home), `GET /help/:lang/categories/:ref` (a wrong
 * or missing slug is sent to the canonical address) and `GET /help/:lang/search?q=` (records the search;
 * results link with `?s=<search id>` so a click is counted; 120 searches a minute per address).
 */
export function registerHelpBrowseRoutes(app: ApiApp, ctx: AppContext): void {
  app.get("/:lang", { schema: { hide: true, params: ZHelpLangParams } }, async (request, reply) => {
    const site = await loadHelpSite(ctx, request);
    const lang = helpLangOf(request.params.lang);
    if (!site || !lang) return sendHelpMessage(ctx, reply, site, lang);
    viewerIdOf(ctx, request, reply);
    const tree = await findHelpTree(ctx.db, site.workspaceId, lang, site.defaultLanguage);
    return sendHelpDocument(reply, renderHomePage(helpShell(ctx, site, lang), tree));
  });

  app.get(
    "/:lang/categories/:ref",
    { schema: { hide: true, params: ZHelpRefParams } },
    async (request, reply) => {
      const site = await loadHelpSite(ctx, request);
      const lang = helpLangOf(request.params.lang);
      const ref = parseHelpRef(request.params.ref);
      if (!site || !lang || !ref) return sendHelpMessage(ctx, reply, site, lang);
      const [category] = await findHelpTree(ctx.db, site.workspaceId, lang, site.defaultLanguage, ref.number);
      if (!category) return sendHelpMessage(ctx, reply, site, lang);
      const slug = categorySlug(category, lang);
      if (ref.slug !== slug) {
        return reply.redirect(categoryPath(lang, category.number, slug) + queryStringOf(request.url), 301);
      }
      viewerIdOf(ctx, request, reply);
      return sendHelpDocument(reply, renderCategoryPage(helpShell(ctx, site, lang), category));
    },
  );

  const searches = new RateLimiter(120, 60_000);
  app.get(
    "/:lang/search",
    { schema: { hide: true, params: ZHelpLangParams, querystring: ZHelpSearchQuery } },
    async (request, reply) => {
      const site = await loadHelpSite(ctx, request);
      const lang = helpLangOf(request.params.lang);
      if (!site || !lang) return sendHelpMessage(ctx, reply, site, lang);
      const viewerId = viewerIdOf(ctx, request, reply);
      const shell = helpShell(ctx, site, lang);
      const query = (request.query.q ?? "").trim().slice(0, MAX_QUERY_LENGTH).trim();
      if (!query)
        return sendHelpDocument(reply, renderSearchPage(shell, "", null, null), { cache: "no-store" });
      if (!searches.take(request.ip)) return sendHelpMessage(ctx, reply, site, lang, "tooMany");
      const results = await searchHelpArticles(ctx.db, site.workspaceId, {
        query,
        lang,
        audience: "public",
        limit: RESULT_LIMIT,
      });
      const publicResults = results.filter((r) => r.visibility === "public");
      let searchId: string | null = null;
      if (request.method === "GET") {
        searchId = newId();
        await insertHelpSearch(ctx.db, {
          id: searchId,
          workspaceId: site.workspaceId,
          lang,
          source: "help",
          query,
          normalized: normalizeQuery(query),
          resultCount: publicResults.length,
          viewerId,
        });
      }
      return sendHelpDocument(reply, renderSearchPage(shell, query, publicResults, searchId), {
        cache: "no-store",
      });
    },
  );
}
