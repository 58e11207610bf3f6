import { useState } from "react";
import type { TArticleSuggestion } from "../../api/article-queries.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";

/**
 * Offered when resolving a conversation whose tags have linked articles ("the next question"): the
 * agent picks the articles to add to the closing reply, or resolves without them.
 */
export function NextArticlesDialog({
  articles,
  onAdd,
  onResolve,
  onClose,
}: {
  articles: (TArticleSuggestion & { url: string })[];
  onAdd: (chosen: (TArticleSuggestion & { url: string })[]) => void;
  onResolve: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState(() => new Set(articles.map((a) => a.id)));
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Dialog title={t("articles.nextTitle")} onClose={onClose}>
      <p className="muted">{t("articles.nextIntro")}</p>
      <ul className="next-articles">
        {articles.map((article) => (
          <li key={article.id}>
            <label>
              <input type="checkbox" checked={chosen.has(article.id)} onChange={() => toggle(article.id)} />{" "}
              {article.title}
            </label>
          </li>
        ))}
      </ul>
      <div className="next-articles-actions">
        <button type="button" onClick={onResolve}>
          {t("articles.resolveWithout")}
        </button>
        <button
          type="button"
          className="primary"
          disabled={chosen.size === 0}
          onClick={() => onAdd(articles.filter((a) => chosen.has(a.id)))}
        >
          {t("articles.addToReply")}
        </button>
      </div>
    </Dialog>
  );
}
