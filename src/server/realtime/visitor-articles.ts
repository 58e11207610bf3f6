import type { AppContext } from "../context.js";
import { findHelpBase } from "../commands/find-help-base.js";
import type { InboxRow } from "../models/inboxes.js";
import { helpArticleUrl } from "../presenters/help-urls.js";
import { searchHelpArticles } from "../search/help-search.js";
import type { HelpLang } from "../search/help-language.js";

/** A suggested article as the widget shows it: a title, a few words around the match, a link. */
export interface WidgetArticle {
  id: string;
  title: string;
  /** HTML-escaped, matched words in <mark>. */
  snippet: string;
  url: string;
}

/** Fewer words than this are not a question yet: nothing is suggested while the visitor starts typing. */
const MIN_QUESTION_LENGTH = 8;

/**
 * Public help-center articles that may answer what a chat visitor is typing, before they send it (at
 * most three, in the widget's language). Internal articles never reach a visitor.
 */
export async function suggestArticles(
  ctx: AppContext,
  inbox: Pick<InboxRow, "workspace_id">,
  input: { q: string; lang: HelpLang },
): Promise<WidgetArticle[]> {
  const query = input.q.trim();
  if (query.length < MIN_QUESTION_LENGTH) return [];
  const base = await findHelpBase(ctx, inbox.workspace_id);
  const hits = await searchHelpArticles(ctx.db, inbox.workspace_id, {
    query,
    lang: input.lang,
    audience: "public",
    limit: 3,
    mode: "question",
  });
  return hits.map((hit) => ({
    id: hit.articleId,
    title: hit.title,
    snippet: hit.snippetHtml,
    url: helpArticleUrl(base, hit.lang, hit.number, hit.slug),
  }));
}
