import { useEffect, useMemo, useState } from "react";
import {
  useHelpArticles,
  useHelpCategories,
  useHelpCenter,
  useMyReviewDue,
} from "../../api/help-center-queries.js";
import type { TArticleFilters, THelpArticleSummary, THelpCategory } from "../../api/help-center-types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, navigate, useLocation, useTitle } from "../../router.js";
import { QueryState } from "../settings/settings-ui.js";
import { articleTitle, languageChips, localName } from "./article-status.js";
import { LanguageChips } from "./language-chips.js";

/** The list's filters as the page's query string holds them (so they survive a reload and can be linked). */
function filtersOf(query: URLSearchParams): TArticleFilters {
  const visibility = query.get("visibility");
  return {
    q: query.get("q")?.trim() || undefined,
    sectionId: query.get("section") || undefined,
    visibility: visibility === "public" || visibility === "internal" ? visibility : undefined,
    owner: query.get("owner") === "me" ? "me" : undefined,
    review: query.get("review") === "due" ? "due" : undefined,
  };
}

/** /help-center with one filter changed (an empty value removes it). */
function listHref(query: URLSearchParams, changes: Record<string, string | undefined>): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  const text = next.toString();
  return `/help-center${text ? `?${text}` : ""}`;
}

/** "Shipping › Delivery times" for every section, by id. */
function useSectionNames(categories: THelpCategory[] | undefined) {
  const { language } = useI18n();
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const category of categories ?? []) {
      const categoryName = localName(category.translations, language);
      for (const section of category.sections) {
        names.set(section.id, `${categoryName} › ${localName(section.translations, language)}`);
      }
    }
    return names;
  }, [categories, language]);
}

/**
 * The articles: search, filters (section, visibility, mine, review due), and per row the title in the
 * reader's language, where it lives, who owns it, each language's state and what readers said. Owners of
 * articles past their review-by date are told first.
 */
export function ArticlesList() {
  const { t } = useI18n();
  const { query } = useLocation();
  const queryString = query.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(queryString)), [queryString]);
  const settings = useHelpCenter();
  const categories = useHelpCategories();
  const list = useHelpArticles(filters);
  const reviewDue = useMyReviewDue();
  const sectionNames = useSectionNames(categories.data);
  useTitle(t("helpCenter.title"));

  const articles = list.data?.pages.flatMap((page) => page.data) ?? [];
  const isFiltered = Object.values(filters).some(Boolean);
  const due = reviewDue.data;
  const isShowingDue = filters.owner === "me" && filters.review === "due";

  return (
    <>
      <div className="hc-head">
        <h1>{t("helpCenter.articles.title")}</h1>
        {settings.data?.abilities.canCreateArticles && (
          <Link href="/help-center/articles/new" className="button-link primary">
            {t("helpCenter.articles.new")}
          </Link>
        )}
      </div>
      {due && due.count > 0 && !isShowingDue && (
        <p className="hc-banner" role="status">
          <span aria-hidden="true">⏰ </span>
          <Link href={listHref(new URLSearchParams(), { owner: "me", review: "due" })}>
            {due.hasMore
              ? t("helpCenter.articles.reviewDueMany", { count: due.count })
              : t("helpCenter.articles.reviewDue", { count: due.count })}
          </Link>{" "}
          <span className="muted">{t("helpCenter.articles.reviewDueHint")}</span>
        </p>
      )}
      <ArticleFilters queryString={queryString} categories={categories.data ?? []} />
      <QueryState query={list}>
        {articles.length === 0 ? (
          <p className="muted">
            {isFiltered ? t("helpCenter.articles.noMatch") : t("helpCenter.articles.empty")}
          </p>
        ) : (
          <table className="settings-table hc-articles">
            <caption className="visually-hidden">{t("helpCenter.articles.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("helpCenter.articles.article")}</th>
                <th scope="col">{t("helpCenter.articles.section")}</th>
                <th scope="col">{t("helpCenter.articles.owner")}</th>
                <th scope="col">{t("helpCenter.articles.languages")}</th>
                <th scope="col">{t("helpCenter.articles.helpful")}</th>
                <th scope="col">{t("helpCenter.articles.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <ArticleRow
                  key={article.id}
                  article={article}
                  section={article.sectionId ? sectionNames.get(article.sectionId) : undefined}
                />
              ))}
            </tbody>
          </table>
        )}
        {list.hasNextPage && (
          <p>
            <button
              type="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t("helpCenter.loadMore")}
            </button>
          </p>
        )}
      </QueryState>
    </>
  );
}

function ArticleRow({ article, section }: { article: THelpArticleSummary; section: string | undefined }) {
  const { t, language, formatRelative, formatDateTime } = useI18n();
  const title = articleTitle(article.languages, language) || t("helpCenter.untitled");
  return (
    <tr>
      <th scope="row" className="cell-main">
        <Link href={`/help-center/articles/${article.id}`} className="hc-article-link">
          {title}
        </Link>
        <span className="hc-row-badges">
          {article.visibility === "internal" && (
            <span className="badge badge-internal">{t("helpCenter.visibility.internalBadge")}</span>
          )}
          {article.isReviewDue && (
            <span className="badge badge-bad">{t("helpCenter.articles.reviewDueBadge")}</span>
          )}
        </span>
      </th>
      <td data-label={t("helpCenter.articles.section")}>
        {section ?? <span className="muted">{t("helpCenter.noSection")}</span>}
      </td>
      <td data-label={t("helpCenter.articles.owner")}>
        {article.owner?.name ?? <span className="muted">{t("helpCenter.noOwner")}</span>}
      </td>
      <td data-label={t("helpCenter.articles.languages")}>
        <LanguageChips
          chips={languageChips(article.languages)}
          label={t("helpCenter.articles.languagesOf", { title })}
        />
      </td>
      <td data-label={t("helpCenter.articles.helpful")} className="hc-helpful">
        <span className="hc-yes">{t("helpCenter.helpful.yesCount", { count: article.helpful.yes })}</span>
        <span className="hc-no">{t("helpCenter.helpful.noCount", { count: article.helpful.no })}</span>
      </td>
      <td data-label={t("helpCenter.articles.updated")} className="hc-updated">
        <time dateTime={article.updatedAt} title={formatDateTime(article.updatedAt)}>
          {formatRelative(article.updatedAt)}
        </time>
      </td>
    </tr>
  );
}

/** Search (as you type, a moment after the last key), section, visibility, "Mine" and "Review due". */
function ArticleFilters({ queryString, categories }: { queryString: string; categories: THelpCategory[] }) {
  const { t, language } = useI18n();
  const query = useMemo(() => new URLSearchParams(queryString), [queryString]);
  const current = query.get("q") ?? "";
  const [text, setText] = useState(current);
  // The address changed (back button, a link): show its search, unless it is what is being typed.
  useEffect(() => setText((typed) => (typed.trim() === current.trim() ? typed : current)), [current]);
  useEffect(() => {
    if (text.trim() === current.trim()) return;
    const timer = setTimeout(
      () => navigate(listHref(query, { q: text.trim() || undefined }), { replace: true }),
      300,
    );
    return () => clearTimeout(timer);
  }, [text, current, query]);
  const set = (key: string, value: string | undefined) => navigate(listHref(query, { [key]: value }));

  return (
    <form className="hc-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label className="field hc-search">
        <span>{t("helpCenter.articles.search")}</span>
        <input
          type="search"
          value={text}
          placeholder={t("helpCenter.articles.searchPlaceholder")}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("helpCenter.articles.section")}</span>
        <select
          value={query.get("section") ?? ""}
          onChange={(e) => set("section", e.target.value || undefined)}
        >
          <option value="">{t("helpCenter.articles.allSections")}</option>
          {categories.map((category) => (
            <optgroup key={category.id} label={localName(category.translations, language)}>
              {category.sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {localName(section.translations, language)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("helpCenter.articles.visibility")}</span>
        <select
          value={query.get("visibility") ?? ""}
          onChange={(e) => set("visibility", e.target.value || undefined)}
        >
          <option value="">{t("helpCenter.articles.allVisibility")}</option>
          <option value="public">{t("helpCenter.visibility.public")}</option>
          <option value="internal">{t("helpCenter.visibility.internal")}</option>
        </select>
      </label>
      <div className="hc-filter-checks">
        <label className="check-field">
          <input
            type="checkbox"
            checked={query.get("owner") === "me"}
            onChange={(e) => set("owner", e.target.checked ? "me" : undefined)}
          />
          <span>{t("helpCenter.articles.mine")}</span>
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={query.get("review") === "due"}
            onChange={(e) => set("review", e.target.checked ? "due" : undefined)}
          />
          <span>{t("helpCenter.articles.reviewDueFilter")}</span>
        </label>
      </div>
    </form>
  );
}
