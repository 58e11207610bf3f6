import { z } from "zod";
import { articlePath } from "../../help-center/layout.js";
import { articleSlug, renderArticlePage } from "../../help-center/page-article.js";
import { RateLimiter } from "../chat/rate-limiter.js";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { isUuid, newId } from "../lib/ids.js";
import { insertHelpArticleView, upsertHelpArticleVote } from "../models/help-activity.js";
import { findHelpArticlePage, findRelatedHelpArticles } from "../models/help-public.js";
import { ZHelpRefParams } from "./help-public-browse.js";
import {
  helpLangOf,
  helpShell,
  isSameOriginForm,
  loadHelpSite,
  parseHelpRef,
  queryStringOf,
  sendHelpDocument,
  sendHelpMessage,
  viewerIdOf,
} from "./help-public-http.js";

export const ZHelpArticleQuery = z.object({ s: z.string().optional(), voted: z.string().optional() });
export const ZHelpVoteBody = z.object({
  helpful: z.enum(["yes", "no"]),
  // The page's textarea allows 1,000 characters; browsers send its line breaks as CRLF, which count
  // twice here, so the limit applies after normalizing them.
  comment: z.string().max(2000).optional(),
});

export const MAX_COMMENT_LENGTH = 1000;

/**
 * Articles: `GET /help/:lang/articles/:ref` (records a view, with the search it came from when `?s=` is a
 * search of this workspace) and `POST /help/:lang/articles/:ref/vote` ("Was this helpful?": one answer
 * per reader and article, the latest wins; 20 per 10 minutes per address; refused from other origins).
 * Internal, unpublished, deleted and other workspaces' articles all answer the same 404 page.
 */
export function registerHelpArticleRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/:lang/articles/:ref",
    { schema: { hide: true, params: ZHelpRefParams, querystring: ZHelpArticleQuery } },
    async (request, reply) => {
      const site = await loadHelpSite(ctx, request);
      const lang = helpLangOf(request.params.lang);
      const ref = parseHelpRef(request.params.ref);
      if (!site || !lang || !ref) return sendHelpMessage(ctx, reply, site, lang);
      const { workspaceId, defaultLanguage } = site;
      const article = await findHelpArticlePage(ctx.db, workspaceId, ref.number, lang, defaultLanguage);
      if (!article) return sendHelpMessage(ctx, reply, site, lang);
      const slug = articleSlug(article, lang);
      if (ref.slug !== slug) {
        return reply.redirect(articlePath(lang, article.number, slug) + queryStringOf(request.url), 301);
      }
      const viewerId = viewerIdOf(ctx, request, reply);
      const hasVoted = request.query.voted === "1";
      const searchId = request.query.s && isUuid(request.query.s) ? request.query.s : null;
      const [related] = await Promise.all([
        article.sectionId
          ? findRelatedHelpArticles(ctx.db, workspaceId, article.sectionId, article.id, lang, defaultLanguage)
          : [],
        // The page after a vote is the same reading, not another view.
        request.method === "GET" && !hasVoted
          ? insertHelpArticleView(ctx.db, {
              id: newId(),
              workspaceId,
              articleId: article.id,
              lang: article.shown.lang,
              source: "help",
              searchId,
              viewerId,
            })
          : undefined,
      ]);
      const doc = renderArticlePage(helpShell(ctx, site, lang), article, related, { hasVoted });
      return sendHelpDocument(reply, doc, hasVoted ? { cache: "no-store" } : {});
    },
  );

  const votes = new RateLimiter(20, 10 * 60_000);
  app.post(
    "/:lang/articles/:ref/vote",
    { schema: { hide: true, params: ZHelpRefParams, body: ZHelpVoteBody } },
    async (request, reply) => {
      const lang = helpLangOf(request.params.lang);
      if (!isSameOriginForm(request)) {
        return sendHelpMessage(ctx, reply, await loadHelpSite(ctx, request), lang, "forbidden");
      }
      if (!votes.take(request.ip)) {
        return sendHelpMessage(ctx, reply, await loadHelpSite(ctx, request), lang, "tooMany");
      }
      const site = await loadHelpSite(ctx, request);
      const ref = parseHelpRef(request.params.ref);
      if (!site || !lang || !ref) return sendHelpMessage(ctx, reply, site, lang);
      const article = await findHelpArticlePage(
        ctx.db,
        site.workspaceId,
        ref.number,
        lang,
        site.defaultLanguage,
      );
      if (!article) return sendHelpMessage(ctx, reply, site, lang);
      const comment = (request.body.comment ?? "")
        .replace(/\r\n?/g, "\n")
        .trim()
        .slice(0, MAX_COMMENT_LENGTH);
      await upsertHelpArticleVote(ctx.db, {
        id: newId(),
        workspaceId: site.workspaceId,
        articleId: article.id,
        lang: article.shown.lang,
        isHelpful: request.body.helpful === "yes",
        comment,
        viewerId: viewerIdOf(ctx, request, reply),
      });
      return reply
        .header("cache-control", "no-store")
        .redirect(`${articlePath(lang, article.number, articleSlug(article, lang))}?voted=1#feedback`, 303);
    },
  );
}
