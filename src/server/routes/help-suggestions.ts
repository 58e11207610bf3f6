import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getConversation } from "../commands/get-conversation.js";
import { findHelpBase } from "../commands/find-help-base.js";
import { escapeHtml } from "../email/compose-mail.js";
import { findArticlesForConversationTags, findLastCustomerText } from "../models/help-suggestions.js";
import { actorOf } from "../plugins/auth.js";
import { presentArticleSuggestion, ZArticleSuggestion } from "../presenters/article-suggestion-presenter.js";
import { searchHelpArticles } from "../search/help-search.js";
import type { HelpLang } from "../search/help-language.js";
import { ZErrorResponses, ZLanguage, ZUuidParams } from "./schemas.js";

const ZSuggestions = z.object({ data: z.array(ZArticleSuggestion) });

/** GET /conversations/:id/article-suggestions: `q` is the agent's draft, read with the customer's words. */
export const ZConversationSuggestionsQuery = z.strictObject({ q: z.string().max(4000).optional() });
export const ZSuggestQuery = z.strictObject({ q: z.string().min(1).max(2000), lang: ZLanguage });

/** How many articles an agent is offered at once: enough to choose, few enough to read at a glance. */
const SUGGESTIONS = 3;

/**
 * Help-center articles for agents: suggested for the customer's question while writing a reply, found on
 * request, and offered for the closing reply by the conversation's tags ("the next question").
 */
export function registerHelpSuggestionRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/conversations/:id/article-suggestions",
    {
      schema: {
        tags: ["help center"],
        summary:
          "Articles that may answer the conversation's last customer message (and the draft, when given)",
        params: ZUuidParams,
        querystring: ZConversationSuggestionsQuery,
        response: { 200: ZSuggestions, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const conversation = await getConversation(ctx.db, actor, request.params.id);
      const question = (await findLastCustomerText(ctx.db, conversation.id)) ?? "";
      const query = `${question}\n${request.query.q ?? ""}`.trim();
      if (!query) return { data: [] };
      const base = await findHelpBase(ctx, actor.workspaceId);
      const hits = await searchHelpArticles(ctx.db, actor.workspaceId, {
        query,
        lang: conversation.language as HelpLang,
        audience: "agents",
        limit: SUGGESTIONS,
        mode: "question",
      });
      return { data: hits.map((hit) => presentArticleSuggestion(base, hit)) };
    },
  );

  app.get(
    "/help-center/suggest",
    {
      schema: {
        tags: ["help center"],
        summary: "Articles matching a text in one language, internal ones included (for agents)",
        querystring: ZSuggestQuery,
        response: { 200: ZSuggestions, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const base = await findHelpBase(ctx, actor.workspaceId);
      const hits = await searchHelpArticles(ctx.db, actor.workspaceId, {
        query: request.query.q,
        lang: request.query.lang,
        audience: "agents",
        limit: 10,
        mode: "search",
      });
      return { data: hits.map((hit) => presentArticleSuggestion(base, hit)) };
    },
  );

  app.get(
    "/conversations/:id/next-articles",
    {
      schema: {
        tags: ["help center"],
        summary: "Articles linked to the conversation's tags, to include in the closing reply",
        params: ZUuidParams,
        response: { 200: ZSuggestions, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const conversation = await getConversation(ctx.db, actor, request.params.id);
      const rows = await findArticlesForConversationTags(ctx.db, conversation.id, conversation.language);
      const base = await findHelpBase(ctx, actor.workspaceId);
      return {
        data: rows.map((row) =>
          presentArticleSuggestion(base, {
            articleId: row.article_id,
            number: row.number,
            lang: row.lang as HelpLang,
            title: row.title,
            slug: row.slug,
            visibility: row.visibility,
            snippetHtml: escapeHtml(row.body_text.slice(0, 160)) + (row.body_text.length > 160 ? "…" : ""),
          }),
        ),
      };
    },
  );
}
