/**
 * The order of the analytics tables: the most frequent first, ties broken so the order is stable from one
 * load to the next (newest, then alphabetical).
 */
import type { THelpAnalytics } from "../../api/help-center-types.js";

type TopQuery = THelpAnalytics["topQueries"][number];
type NoResultQuery = THelpAnalytics["noResultQueries"][number];
export type TArticleStats = THelpAnalytics["articles"][number];
export type TArticleSortKey = "views" | "helpfulYes" | "helpfulNo" | "contactsAfterView";

const byText = (a: string, b: string) => a.localeCompare(b);

/** Most searched first. */
export const sortTopQueries = (rows: readonly TopQuery[]): TopQuery[] =>
  [...rows].sort((a, b) => b.count - a.count || byText(a.query, b.query));

/** Most searched first, then the most recently searched. */
export const sortNoResultQueries = (rows: readonly NoResultQuery[]): NoResultQuery[] =>
  [...rows].sort(
    (a, b) => b.count - a.count || Date.parse(b.lastAt) - Date.parse(a.lastAt) || byText(a.query, b.query),
  );

/** Highest first by the chosen column, then by views, then by title. */
export const sortArticleStats = (rows: readonly TArticleStats[], key: TArticleSortKey): TArticleStats[] =>
  [...rows].sort((a, b) => b[key] - a[key] || b.views - a.views || byText(a.title, b.title));

/** A share (0..1) as a whole percentage, or null when there is nothing to divide. */
export const percent = (rate: number | null): number | null =>
  rate === null ? null : Math.round(rate * 100);
