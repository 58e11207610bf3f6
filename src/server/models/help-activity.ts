import type { Queryable } from "../db/types.js";

/**
 * What help-center readers did: searches, article views and "Was this helpful?" answers. `viewerId` is
 * the random id of the reader's help-center cookie (or the widget's visitor id), never a person.
 */

export type HelpActivitySource = "help" | "widget";

export interface NewHelpSearch {
  id: string;
  workspaceId: string;
  lang: string;
  source: HelpActivitySource;
  /** As typed, trimmed, at most 200 characters. */
  query: string;
  /** Lowercased, whitespace collapsed: what analytics groups by. */
  normalized: string;
  resultCount: number;
  viewerId: string | null;
}

export async function insertHelpSearch(db: Queryable, search: NewHelpSearch): Promise<void> {
  await db.query(
    `INSERT INTO help_searches (id, workspace_id, lang, source, query, normalized, result_count, viewer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      search.id,
      search.workspaceId,
      search.lang,
      search.source,
      search.query,
      search.normalized,
      search.resultCount,
      search.viewerId,
    ],
  );
}

export interface NewHelpArticleView {
  id: string;
  workspaceId: string;
  articleId: string;
  lang: string;
  source: HelpActivitySource;
  /** The search the reader came from; kept only when it is a search of this workspace. */
  searchId: string | null;
  viewerId: string | null;
}

/** Records a view; a search id of another workspace (or none that exists) is stored as null. */
export async function insertHelpArticleView(db: Queryable, view: NewHelpArticleView): Promise<void> {
  await db.query(
    `INSERT INTO help_article_views (id, workspace_id, article_id, lang, source, search_id, viewer_id)
     VALUES ($1, $2, $3, $4, $5, (SELECT id FROM help_searches WHERE id = $6 AND workspace_id = $2), $7)`,
    [view.id, view.workspaceId, view.articleId, view.lang, view.source, view.searchId, view.viewerId],
  );
}

export interface HelpArticleVote {
  id: string;
  workspaceId: string;
  articleId: string;
  lang: string;
  isHelpful: boolean;
  comment: string;
  viewerId: string;
}

/** One answer per reader and article: a second one replaces the first (and its comment). */
export async function upsertHelpArticleVote(db: Queryable, vote: HelpArticleVote): Promise<void> {
  await db.query(
    `INSERT INTO help_article_votes (id, workspace_id, article_id, lang, is_helpful, comment, viewer_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (article_id, viewer_id) DO UPDATE
       SET lang = excluded.lang, is_helpful = excluded.is_helpful, comment = excluded.comment,
           updated_at = now()`,
    [vote.id, vote.workspaceId, vote.articleId, vote.lang, vote.isHelpful, vote.comment, vote.viewerId],
  );
}
