import { z } from "zod";
import type { HelpArticleStatsRow, HelpOutcomeTotals, HelpSearchTotals } from "../models/help-analytics.js";

/** GET /help-center/analytics: the last `days` days. Definitions: docs/help-center.md. */
export const ZHelpAnalytics = z.object({
  days: z.number(),
  searches: z.number(),
  searchesWithClick: z.number(),
  /** searchesWithClick ÷ searches, 0..1; null without searches. */
  clickThroughRate: z.number().nullable(),
  noResultSearches: z.number(),
  topQueries: z.array(
    z.object({ query: z.string(), count: z.number(), clickThroughRate: z.number().nullable() }),
  ),
  noResultQueries: z.array(z.object({ query: z.string(), count: z.number(), lastAt: z.string() })),
  articles: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      title: z.string(),
      views: z.number(),
      helpfulYes: z.number(),
      helpfulNo: z.number(),
      contactsAfterView: z.number(),
    }),
  ),
  contactsAfterView: z.number(),
  widgetSuggestionOpens: z.number(),
  deflections: z.number(),
});

export const presentHelpAnalytics = (a: {
  days: number;
  totals: HelpSearchTotals;
  topQueries: { query: string; count: number; click_through_rate: number }[];
  noResultQueries: { query: string; count: number; last_at: Date }[];
  articles: HelpArticleStatsRow[];
  outcomes: HelpOutcomeTotals;
}): z.infer<typeof ZHelpAnalytics> => ({
  days: a.days,
  searches: a.totals.searches,
  searchesWithClick: a.totals.searches_with_click,
  clickThroughRate: a.totals.searches > 0 ? a.totals.searches_with_click / a.totals.searches : null,
  noResultSearches: a.totals.no_result_searches,
  topQueries: a.topQueries.map((q) => ({
    query: q.query,
    count: q.count,
    clickThroughRate: q.click_through_rate,
  })),
  noResultQueries: a.noResultQueries.map((q) => ({
    query: q.query,
    count: q.count,
    lastAt: q.last_at.toISOString(),
  })),
  articles: a.articles.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    views: row.views,
    helpfulYes: row.helpful_yes,
    helpfulNo: row.helpful_no,
    contactsAfterView: row.contacts_after_view,
  })),
  contactsAfterView: a.outcomes.contacts_after_view,
  widgetSuggestionOpens: a.outcomes.widget_suggestion_opens,
  deflections: a.outcomes.deflections,
});
