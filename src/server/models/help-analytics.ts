import type { Queryable } from "../db/types.js";
import type { KeysetPosition } from "../presenters/cursor.js";
import { isoMicros } from "../db/keyset.js";
import type { HelpLanguage } from "./help-categories.js";

/**
 * The read model of the help center's analytics: what readers searched, viewed, voted and did next, as
 * the public pages and the widget recorded it. Definitions: docs/help-center.md.
 */

/** Searches of the last `days` days, each with whether a view followed from its results. */
const recentSearches = `
  SELECT s.id, s.query, s.normalized, s.result_count, s.created_at,
         EXISTS (SELECT 1 FROM help_article_views v WHERE v.search_id = s.id) AS is_clicked
    FROM help_searches s
   WHERE s.workspace_id = $1 AND s.created_at >= now() - make_interval(days => $2)`;

export interface HelpSearchTotals {
  searches: number;
  searches_with_click: number;
  no_result_searches: number;
}

export async function findHelpSearchTotals(
  db: Queryable,
  workspaceId: string,
  days: number,
): Promise<HelpSearchTotals> {
  const rows = await db.query<HelpSearchTotals>(
    `WITH s AS (${recentSearches})
     SELECT count(*)::int AS searches, count(*) FILTER (WHERE is_clicked)::int AS searches_with_click,
            count(*) FILTER (WHERE result_count = 0)::int AS no_result_searches
       FROM s`,
    [workspaceId, days],
  );
  return rows[0]!;
}

/**
 * The most frequent queries (by normalized form, shown as last typed; of searches in the same instant, the
 * last recorded) with their click-through rate.
 */
export async function findTopHelpQueries(
  db: Queryable,
  workspaceId: string,
  days: number,
  limit: number,
): Promise<{ query: string; count: number; click_through_rate: number }[]> {
  return db.query(
    `WITH s AS (${recentSearches})
     SELECT (array_agg(query ORDER BY created_at DESC, id DESC))[1] AS query, count(*)::int AS count,
            avg(CASE WHEN is_clicked THEN 1 ELSE 0 END)::float8 AS click_through_rate
       FROM s WHERE normalized <> ''
      GROUP BY normalized ORDER BY count(*) DESC, max(created_at) DESC LIMIT $3`,
    [workspaceId, days, limit],
  );
}

/** The most frequent queries that found nothing: what the help center is missing. */
export async function findNoResultHelpQueries(
  db: Queryable,
  workspaceId: string,
  days: number,
  limit: number,
): Promise<{ query: string; count: number; last_at: Date }[]> {
  return db.query(
    `SELECT (array_agg(query ORDER BY created_at DESC, id DESC))[1] AS query, count(*)::int AS count,
            max(created_at) AS last_at
       FROM help_searches
      WHERE workspace_id = $1 AND created_at >= now() - make_interval(days => $2) AND result_count = 0
        AND normalized <> ''
      GROUP BY normalized ORDER BY count(*) DESC, max(created_at) DESC LIMIT $3`,
    [workspaceId, days, limit],
  );
}

export interface HelpArticleStatsRow {
  id: string;
  number: number;
  /** In the workspace's default language when the article has it, else its first language. */
  title: string;
  views: number;
  helpful_yes: number;
  helpful_no: number;
  contacts_after_view: number;
}

/** Articles that were viewed, voted on or followed by a contact in the period, most viewed first. */
export async function findHelpArticleStats(
  db: Queryable,
  workspaceId: string,
  days: number,
  limit: number,
): Promise<HelpArticleStatsRow[]> {
  return db.query<HelpArticleStatsRow>(
    `WITH since AS (SELECT now() - make_interval(days => $2) AS at),
     views AS (SELECT article_id, count(*)::int AS n FROM help_article_views
                WHERE workspace_id = $1 AND created_at >= (SELECT at FROM since) GROUP BY article_id),
     votes AS (SELECT article_id, count(*) FILTER (WHERE is_helpful)::int AS yes,
                      count(*) FILTER (WHERE NOT is_helpful)::int AS no
                 FROM help_article_votes
                WHERE workspace_id = $1 AND updated_at >= (SELECT at FROM since) GROUP BY article_id),
     contacts AS (SELECT article_id, count(*)::int AS n FROM help_contacts
                   WHERE workspace_id = $1 AND created_at >= (SELECT at FROM since) GROUP BY article_id)
     SELECT a.id, a.number,
            (SELECT coalesce(t.title, t.draft_title) FROM help_article_translations t
              WHERE t.article_id = a.id
              ORDER BY t.lang = w.default_language DESC,
                       array_position(ARRAY['en', 'ru', 'hr', 'sk']::text[], t.lang)
              LIMIT 1) AS title,
            coalesce(views.n, 0) AS views, coalesce(votes.yes, 0) AS helpful_yes,
            coalesce(votes.no, 0) AS helpful_no, coalesce(contacts.n, 0) AS contacts_after_view
       FROM help_articles a
       JOIN workspaces w ON w.id = a.workspace_id
       LEFT JOIN views ON views.article_id = a.id
       LEFT JOIN votes ON votes.article_id = a.id
       LEFT JOIN contacts ON contacts.article_id = a.id
      WHERE a.workspace_id = $1 AND a.deleted_at IS NULL
        AND (views.n IS NOT NULL OR votes.article_id IS NOT NULL OR contacts.n IS NOT NULL)
      ORDER BY coalesce(views.n, 0) DESC, a.number
      LIMIT $3`,
    [workspaceId, days, limit],
  );
}

export interface HelpOutcomeTotals {
  contacts_after_view: number;
  widget_suggestion_opens: number;
  deflections: number;
}

/**
 * Contacts after a view, articles opened from the widget's suggestions, and the deflections among
 * those: opens by a visitor who started no chat conversation within the hour after. An open of the last
 * hour is not judged yet, and one without a visitor id cannot be.
 */
export async function findHelpOutcomeTotals(
  db: Queryable,
  workspaceId: string,
  days: number,
): Promise<HelpOutcomeTotals> {
  const rows = await db.query<HelpOutcomeTotals>(
    `SELECT
       (SELECT count(*)::int FROM help_contacts
         WHERE workspace_id = $1 AND created_at >= now() - make_interval(days => $2)) AS contacts_after_view,
       (SELECT count(*)::int FROM help_article_views
         WHERE workspace_id = $1 AND source = 'widget' AND created_at >= now() - make_interval(days => $2))
         AS widget_suggestion_opens,
       (SELECT count(*)::int FROM help_article_views v
         WHERE v.workspace_id = $1 AND v.source = 'widget' AND v.viewer_id IS NOT NULL
           AND v.created_at >= now() - make_interval(days => $2) AND v.created_at <= now() - interval '1 hour'
           AND NOT EXISTS (
                 SELECT 1 FROM conversations c
                  WHERE c.inbox_id IN (SELECT id FROM inboxes WHERE workspace_id = $1 AND channel = 'chat')
                    AND c.visitor_id = v.viewer_id
                    AND c.created_at >= v.created_at AND c.created_at < v.created_at + interval '1 hour'))
         AS deflections`,
    [workspaceId, days],
  );
  return rows[0]!;
}

/** "Was this helpful?" answers of many articles in one query (all time). */
export async function findHelpfulCounts(
  db: Queryable,
  articleIds: string[],
): Promise<Map<string, { yes: number; no: number }>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db.query<{ article_id: string; yes: number; no: number }>(
    `SELECT article_id, count(*) FILTER (WHERE is_helpful)::int AS yes,
            count(*) FILTER (WHERE NOT is_helpful)::int AS no
       FROM help_article_votes WHERE article_id = ANY($1::uuid[]) GROUP BY article_id`,
    [articleIds],
  );
  return new Map(rows.map((row) => [row.article_id, { yes: row.yes, no: row.no }]));
}

export interface HelpFeedbackRow {
  id: string;
  lang: HelpLanguage;
  is_helpful: boolean;
  comment: string;
  updated_at: Date;
  cursor_at: string;
}

/** An article's answers, the latest first (an answer changed by its reader counts as new). */
export async function findHelpFeedback(
  db: Queryable,
  articleId: string,
  page: { after?: KeysetPosition; limit: number },
): Promise<HelpFeedbackRow[]> {
  return db.query<HelpFeedbackRow>(
    `SELECT id, lang, is_helpful, comment, updated_at, ${isoMicros("updated_at")} AS cursor_at
       FROM help_article_votes
      WHERE article_id = $1 AND ($2::timestamptz IS NULL OR (updated_at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY updated_at DESC, id DESC LIMIT $4`,
    [articleId, page.after?.at ?? null, page.after?.id ?? null, page.limit],
  );
}
