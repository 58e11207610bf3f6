import { useMemo, useState } from "react";
import { useHelpAnalytics } from "../../api/help-center-queries.js";
import type { THelpAnalytics } from "../../api/help-center-types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, navigate, useLocation, useTitle } from "../../router.js";
import { QueryState } from "../settings/settings-ui.js";
import {
  percent,
  sortArticleStats,
  sortNoResultQueries,
  sortTopQueries,
  type TArticleSortKey,
} from "./analytics-sort.js";

const periods = [7, 30, 90] as const;

/**
 * What readers do with the help center over a period: searches and whether they found something, the
 * articles read and rated, and the conversations that came anyway. Every number says what it counts
 * right under it, because these are the numbers decisions are made on.
 */
export function AnalyticsPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const asked = Number(query.get("days"));
  const days = (periods as readonly number[]).includes(asked) ? asked : 30;
  const analytics = useHelpAnalytics(days);
  useTitle(t("helpCenter.analytics.title"));

  return (
    <>
      <div className="hc-head">
        <h1>{t("helpCenter.analytics.title")}</h1>
        <label className="field hc-period">
          <span>{t("helpCenter.analytics.period")}</span>
          <select value={days} onChange={(e) => navigate(`/help-center/analytics?days=${e.target.value}`)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {t("helpCenter.analytics.lastDays", { count: p })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={analytics}>{analytics.data && <Report data={analytics.data} />}</QueryState>
    </>
  );
}

/** "42%" / "42 %" as the language writes a share (0..1); a dash when there is none. */
function usePercent(): (rate: number | null) => string {
  const { language } = useI18n();
  return useMemo(() => {
    const format = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
    return (rate) => (rate === null ? "—" : format.format(percent(rate)! / 100));
  }, [language]);
}

function Report({ data }: { data: THelpAnalytics }) {
  const { t, formatNumber } = useI18n();
  const formatPercent = usePercent();
  const noResultRate = data.searches ? data.noResultSearches / data.searches : null;
  const tiles: { key: string; value: string; detail?: string }[] = [
    { key: "searches", value: formatNumber(data.searches) },
    {
      key: "clickThrough",
      value: formatPercent(data.clickThroughRate),
      detail: t("helpCenter.analytics.clickThroughDetail", {
        clicked: formatNumber(data.searchesWithClick),
        searches: formatNumber(data.searches),
      }),
    },
    {
      key: "noResult",
      value: formatNumber(data.noResultSearches),
      detail:
        noResultRate === null
          ? undefined
          : t("helpCenter.analytics.ofSearches", { percent: formatPercent(noResultRate) }),
    },
    { key: "contactsAfterView", value: formatNumber(data.contactsAfterView) },
    { key: "widgetSuggestionOpens", value: formatNumber(data.widgetSuggestionOpens) },
    { key: "deflections", value: formatNumber(data.deflections) },
  ];
  return (
    <>
      <ul className="hc-tiles" aria-label={t("helpCenter.analytics.summary", { count: data.days })}>
        {tiles.map((tile) => (
          <li key={tile.key} className="hc-tile">
            <span className="hc-tile-label">{t(`helpCenter.analytics.${tile.key}`)}</span>
            <span className="hc-tile-value">{tile.value}</span>
            {tile.detail && <span className="hc-tile-detail">{tile.detail}</span>}
            <span className="hc-tile-definition">{t(`helpCenter.analytics.${tile.key}Definition`)}</span>
          </li>
        ))}
      </ul>
      <div className="hc-report-tables">
        <TopQueries data={data} />
        <NoResultQueries data={data} />
      </div>
      <ArticleStats data={data} />
    </>
  );
}

function TopQueries({ data }: { data: THelpAnalytics }) {
  const { t, formatNumber } = useI18n();
  const formatPercent = usePercent();
  const rows = sortTopQueries(data.topQueries);
  return (
    <section aria-labelledby="top-queries">
      <h2 id="top-queries">{t("helpCenter.analytics.topQueries")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("helpCenter.analytics.noSearches")}</p>
      ) : (
        <table className="settings-table hc-stats">
          <thead>
            <tr>
              <th scope="col">{t("helpCenter.analytics.query")}</th>
              <th scope="col" className="num">
                {t("helpCenter.analytics.count")}
              </th>
              <th scope="col" className="num">
                {t("helpCenter.analytics.clickThrough")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              return (
                <tr key={row.query}>
                  <th scope="row" className="hc-query">
                    {row.query}
                  </th>
                  <td className="num" data-label={t("helpCenter.analytics.count")}>
                    {formatNumber(row.count)}
                  </td>
                  <td className="num" data-label={t("helpCenter.analytics.clickThrough")}>
                    {formatPercent(row.clickThroughRate)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NoResultQueries({ data }: { data: THelpAnalytics }) {
  const { t, formatNumber, formatDateTime } = useI18n();
  const rows = sortNoResultQueries(data.noResultQueries);
  return (
    <section aria-labelledby="no-result-queries">
      <h2 id="no-result-queries">{t("helpCenter.analytics.noResultQueries")}</h2>
      <p className="muted hint">{t("helpCenter.analytics.noResultHint")}</p>
      {rows.length === 0 ? (
        <p className="muted">{t("helpCenter.analytics.noNoResult")}</p>
      ) : (
        <table className="settings-table hc-stats">
          <thead>
            <tr>
              <th scope="col">{t("helpCenter.analytics.query")}</th>
              <th scope="col" className="num">
                {t("helpCenter.analytics.count")}
              </th>
              <th scope="col">{t("helpCenter.analytics.lastSearched")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.query}>
                <th scope="row" className="hc-query">
                  {row.query}
                </th>
                <td className="num" data-label={t("helpCenter.analytics.count")}>
                  {formatNumber(row.count)}
                </td>
                <td data-label={t("helpCenter.analytics.lastSearched")}>{formatDateTime(row.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const articleColumns: TArticleSortKey[] = ["views", "helpfulYes", "helpfulNo", "contactsAfterView"];

/** Articles by views (or by the column whose heading was chosen), highest first. */
function ArticleStats({ data }: { data: THelpAnalytics }) {
  const { t, formatNumber } = useI18n();
  const [sortKey, setSortKey] = useState<TArticleSortKey>("views");
  const rows = sortArticleStats(data.articles, sortKey);
  return (
    <section aria-labelledby="article-stats">
      <h2 id="article-stats">{t("helpCenter.analytics.articles")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("helpCenter.analytics.noViews")}</p>
      ) : (
        <table className="settings-table hc-stats">
          <thead>
            <tr>
              <th scope="col">{t("helpCenter.analytics.article")}</th>
              {articleColumns.map((key) => (
                <th
                  key={key}
                  scope="col"
                  className="num"
                  aria-sort={sortKey === key ? "descending" : undefined}
                >
                  <button type="button" className="ghost hc-sort" onClick={() => setSortKey(key)}>
                    {t(`helpCenter.analytics.column.${key}`)}
                    {sortKey === key && <span aria-hidden="true"> ↓</span>}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link href={`/help-center/articles/${row.id}`}>
                    {row.title || t("helpCenter.untitled")}
                  </Link>
                </th>
                {articleColumns.map((key) => (
                  <td key={key} className="num" data-label={t(`helpCenter.analytics.column.${key}`)}>
                    {formatNumber(row[key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
