import "./articles.css";
import { useArticleSuggestions, type TArticleSuggestion } from "../../api/article-queries.js";
import { useDebounced } from "../../hooks/use-debounced.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { draftQuery } from "./article-link.js";

/** How long typing pauses before the suggestions follow the draft. */
const PAUSE_MS = 600;

/**
 * Help-center articles that may answer the customer, under the reply box: the customer's last message
 * read together with the draft. A public article goes into the reply as a link in one click; an
 * internal one is for the agent to read (customers cannot open it).
 */
export function ArticleSuggestions({
  conversationId,
  draft,
  onInsert,
}: {
  conversationId: string;
  draft: string;
  onInsert: (article: TArticleSuggestion & { url: string }) => void;
}) {
  const { t } = useI18n();
  const query = useDebounced(draftQuery(draft), PAUSE_MS);
  const suggestions = useArticleSuggestions(conversationId, query);
  const articles = suggestions.data ?? [];
  if (articles.length === 0) return null;
  return (
    <section className="article-suggestions" aria-label={t("articles.suggested")}>
      <h3>{t("articles.suggested")}</h3>
      <ul>
        {articles.map((article) => (
          <ArticleItem key={article.id} article={article} onInsert={onInsert} />
        ))}
      </ul>
    </section>
  );
}

/** One offered article: its title (opens it), the matched words, and "Insert link" when it is public. */
export function ArticleItem({
  article,
  onInsert,
}: {
  article: TArticleSuggestion;
  onInsert: (article: TArticleSuggestion & { url: string }) => void;
}) {
  const { t } = useI18n();
  const url = article.url;
  return (
    <li>
      <div className="article-suggestion-text">
        {url ? (
          <a href={url} target="_blank" rel="noreferrer">
            {article.title}
          </a>
        ) : (
          <Link href={`/help-center/articles/${article.id}`}>{article.title}</Link>
        )}
        {article.visibility === "internal" && <span className="badge">{t("articles.internal")}</span>}
        {/* The server escapes the text and marks the matches; nothing else is markup. */}
        <p className="muted" dangerouslySetInnerHTML={{ __html: article.snippet }} />
      </div>
      {url && (
        <button type="button" className="ghost" onClick={() => onInsert({ ...article, url })}>
          {t("articles.insertLink")}
        </button>
      )}
    </li>
  );
}
