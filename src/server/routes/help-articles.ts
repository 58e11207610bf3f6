import { z } from "zod";
import { renderHelpMarkdown } from "../../help-center/render-markdown.js";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { createHelpArticle } from "../commands/create-help-article.js";
import { deleteHelpArticle } from "../commands/delete-help-article.js";
import { findHelpBase } from "../commands/find-help-base.js";
import { publishHelpArticle, unpublishHelpArticle } from "../commands/publish-help-article.js";
import { saveHelpArticleDraft } from "../commands/save-help-article-draft.js";
import { updateHelpArticle } from "../commands/update-help-article.js";
import { notFound } from "../lib/errors.js";
import { findHelpFeedback, findHelpfulCounts } from "../models/help-analytics.js";
import {
  findHelpArticle,
  findHelpArticles,
  findHelpArticleTagIds,
  findHelpArticleTranslations,
  findHelpArticleVersions,
} from "../models/help-articles.js";
import { actorOf } from "../plugins/auth.js";
import { helpArticleAbilities } from "../policies/help-center-policy.js";
import { decodeCursor, encodeCursor } from "../presenters/cursor.js";
import {
  presentHelpArticle,
  presentHelpArticleSummary,
  presentHelpArticleVersion,
  presentHelpFeedback,
  ZHelpArticle,
  ZHelpArticleSummary,
  ZHelpArticleVersion,
  ZHelpFeedback,
  ZHelpVisibility,
} from "../presenters/help-article-presenter.js";
import { ZHelpLanguage } from "../presenters/help-center-presenter.js";
import { helpCenterScope } from "./help-center.js";
import { listOf, ZErrorResponses, ZPageQuery, ZUuidParams } from "./schemas.js";

const ZTitle = z.string().trim().min(1).max(200);
const ZBody = z.string().max(200_000);
const ZText = {
  title: ZTitle,
  description: z.string().trim().max(300).optional(),
  keywords: z.string().trim().max(500).optional(),
  body: ZBody,
};

/** GET /help-center/articles: `owner=me` the caller's, `review=due` review-by date today or earlier. */
export const ZListHelpArticlesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  sectionId: z.uuid().optional(),
  visibility: ZHelpVisibility.optional(),
  owner: z.enum(["me"]).optional(),
  review: z.enum(["due"]).optional(),
  ...ZPageQuery,
});

/** POST /help-center/articles (owners and admins): a draft in one language; the owner defaults to you. */
export const ZCreateHelpArticleBody = z.strictObject({
  sectionId: z.uuid().nullable(),
  visibility: ZHelpVisibility.optional(),
  ownerId: z.uuid().nullable().optional(),
  reviewBy: z.iso.date().nullable().optional(),
  lang: ZHelpLanguage,
  ...ZText,
});

/** PATCH /help-center/articles/:id: agents may not change owner or visibility (403). */
export const ZUpdateHelpArticleBody = z.strictObject({
  sectionId: z.uuid().nullable().optional(),
  visibility: ZHelpVisibility.optional(),
  ownerId: z.uuid().nullable().optional(),
  reviewBy: z.iso.date().nullable().optional(),
  tagIds: z.array(z.uuid()).max(50).optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
});

export const ZHelpDraftBody = z.strictObject(ZText);
const ZTranslationParams = z.strictObject({ id: z.uuid(), lang: ZHelpLanguage });

/** /help-center/articles: the knowledge base's articles, their drafts, versions and feedback. */
export function registerHelpArticleRoutes(app: ApiApp, ctx: AppContext): void {
  /** The article as the API shows it to this actor; 404 when missing, deleted or another workspace's. */
  async function loadArticle(actor: Actor, id: string) {
    const article = await findHelpArticle(ctx.db, actor.workspaceId, id);
    if (!article) throw notFound("Article");
    return presentHelpArticle({
      article,
      translations: await findHelpArticleTranslations(ctx.db, id),
      tagIds: await findHelpArticleTagIds(ctx.db, id),
      helpful: (await findHelpfulCounts(ctx.db, [id])).get(id),
      abilities: helpArticleAbilities(actor, article),
      publicBase: await findHelpBase(ctx, actor.workspaceId),
    });
  }

  helpCenterScope(app, ctx, (scope) => {
    scope.get(
      "/help-center/articles",
      {
        schema: {
          tags: ["help-center"],
          summary: "Articles, most recently changed first; q matches titles or the number",
          querystring: ZListHelpArticlesQuery,
          response: { 200: listOf(ZHelpArticleSummary), ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { q, sectionId, visibility, owner, review, limit, cursor } = request.query;
        const rows = await findHelpArticles(ctx.db, actor.workspaceId, {
          q: q || undefined,
          sectionId,
          visibility,
          ownerId: owner === "me" ? actor.userId : undefined,
          isReviewDue: review === "due",
          after: cursor ? decodeCursor(cursor) : undefined,
          limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const helpful = await findHelpfulCounts(
          ctx.db,
          page.map((row) => row.id),
        );
        const last = page[page.length - 1];
        return {
          data: page.map((row) => presentHelpArticleSummary(row, helpful.get(row.id))),
          nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
        };
      },
    );
    scope.post(
      "/help-center/articles",
      {
        schema: {
          tags: ["help-center"],
          summary: "Create an article as a draft in one language (owners and admins)",
          body: ZCreateHelpArticleBody,
          response: { 201: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = await createHelpArticle(ctx.db, actor, request.body);
        return reply.status(201).send(await loadArticle(actor, id));
      },
    );
    scope.get(
      "/help-center/articles/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "One article: every language's draft and published version, tags, feedback, abilities",
          params: ZUuidParams,
          response: { 200: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request) => loadArticle(actorOf(request), request.params.id),
    );
    scope.patch(
      "/help-center/articles/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Change an article's section, visibility, owner, review-by date, tags or position",
          params: ZUuidParams,
          body: ZUpdateHelpArticleBody,
          response: { 200: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await updateHelpArticle(ctx.db, actor, request.params.id, request.body);
        return loadArticle(actor, request.params.id);
      },
    );
    scope.delete(
      "/help-center/articles/:id",
      {
        schema: {
          tags: ["help-center"],
          summary: "Delete an article (owners and admins); its links answer 404 from now on",
          params: ZUuidParams,
          response: { 204: z.null(), ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        await deleteHelpArticle(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    scope.put(
      "/help-center/articles/:id/translations/:lang",
      {
        schema: {
          tags: ["help-center"],
          summary: "Save the draft of one language (creating that translation)",
          params: ZTranslationParams,
          body: ZHelpDraftBody,
          response: { 200: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id, lang } = request.params;
        await saveHelpArticleDraft(ctx.db, actor, id, lang, request.body);
        return loadArticle(actor, id);
      },
    );
    scope.post(
      "/help-center/articles/:id/translations/:lang/publish",
      {
        schema: {
          tags: ["help-center"],
          summary: "Publish the draft of one language as the next version; 409 nothing_to_publish",
          params: ZTranslationParams,
          response: { 200: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id, lang } = request.params;
        await publishHelpArticle(ctx.db, actor, id, lang);
        return loadArticle(actor, id);
      },
    );
    scope.post(
      "/help-center/articles/:id/translations/:lang/unpublish",
      {
        schema: {
          tags: ["help-center"],
          summary: "Take one language off the public help center (its draft stays)",
          params: ZTranslationParams,
          response: { 200: ZHelpArticle, ...ZErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id, lang } = request.params;
        await unpublishHelpArticle(ctx.db, actor, id, lang);
        return loadArticle(actor, id);
      },
    );

    scope.get(
      "/help-center/articles/:id/versions",
      {
        schema: {
          tags: ["help-center"],
          summary: "The published versions of one language, newest first",
          params: ZUuidParams,
          querystring: z.object({ lang: ZHelpLanguage }),
          response: { 200: z.object({ data: z.array(ZHelpArticleVersion) }), ...ZErrorResponses },
        },
      },
      async (request) => {
        const { workspaceId } = actorOf(request);
        const article = await findHelpArticle(ctx.db, workspaceId, request.params.id);
        if (!article) throw notFound("Article");
        const rows = await findHelpArticleVersions(ctx.db, article.id, request.query.lang);
        return { data: rows.map(presentHelpArticleVersion) };
      },
    );
    scope.get(
      "/help-center/articles/:id/feedback",
      {
        schema: {
          tags: ["help-center"],
          summary: 'Readers\' answers to "Was this helpful?", latest first',
          params: ZUuidParams,
          querystring: z.object(ZPageQuery),
          response: { 200: listOf(ZHelpFeedback), ...ZErrorResponses },
        },
      },
      async (request) => {
        const { workspaceId } = actorOf(request);
        const article = await findHelpArticle(ctx.db, workspaceId, request.params.id);
        if (!article) throw notFound("Article");
        const { limit, cursor } = request.query;
        const rows = await findHelpFeedback(ctx.db, article.id, {
          after: cursor ? decodeCursor(cursor) : undefined,
          limit: limit + 1,
        });
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
          data: page.map(presentHelpFeedback),
          nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
        };
      },
    );

    scope.post(
      "/help-center/preview",
      {
        schema: {
          tags: ["help-center"],
          summary: "Render markdown exactly as the public help center will show it",
          body: z.strictObject({ body: ZBody }),
          response: { 200: z.object({ html: z.string() }), ...ZErrorResponses },
        },
      },
      async (request) => ({ html: renderHelpMarkdown(request.body.body) }),
    );
  });
}
