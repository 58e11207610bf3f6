import type { Queryable } from "../db/types.js";
import { isoMicros } from "../db/keyset.js";
import type { KeysetPosition } from "../presenters/cursor.js";
import type { HelpLanguage } from "./help-categories.js";

export type HelpVisibility = "public" | "internal";
/** draft: never published (or unpublished); published: the draft is what readers see; changed: it differs. */
export type HelpArticleStatus = "draft" | "published" | "changed";

export interface HelpArticleRow {
  id: string;
  workspace_id: string;
  number: number;
  section_id: string | null;
  position: number;
  visibility: HelpVisibility;
  owner_id: string | null;
  owner_name: string | null;
  /** YYYY-MM-DD. */
  review_by: string | null;
  /** The review-by date is today or earlier in the workspace's time zone. */
  is_review_due: boolean;
  starter_key: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** updated_at with microseconds, for the list's keyset cursor. */
  cursor_at: string;
}

/** A list row: the article with each language's draft title and status (en, ru, hr, sk order). */
export interface HelpArticleListRow extends HelpArticleRow {
  languages: { lang: HelpLanguage; title: string; status: HelpArticleStatus }[];
}

export interface HelpArticleTranslationRow {
  article_id: string;
  lang: HelpLanguage;
  slug: string;
  status: HelpArticleStatus;
  draft_title: string;
  draft_description: string;
  draft_keywords: string;
  draft_body: string;
  draft_updated_at: Date;
  title: string | null;
  description: string | null;
  keywords: string | null;
  body: string | null;
  version: number;
  published_at: Date | null;
}

const statusOf = (t: string) => `CASE WHEN ${t}.title IS NULL THEN 'draft'
  WHEN ${t}.title = ${t}.draft_title AND ${t}.description = ${t}.draft_description
   AND ${t}.keywords = ${t}.draft_keywords AND ${t}.body = ${t}.draft_body THEN 'published'
  ELSE 'changed' END`;

const langOrder = (t: string) => `array_position(ARRAY['en', 'ru', 'hr', 'sk']::text[], ${t}.lang)`;

const columns = `a.id, a.workspace_id, a.number, a.section_id, a.position, a.visibility, a.owner_id,
  u.name AS owner_name, a.review_by::text AS review_by,
  coalesce(a.review_by <= (now() AT TIME ZONE w.time_zone)::date, false) AS is_review_due,
  a.starter_key, a.created_by, a.created_at, a.updated_at, ${isoMicros("a.updated_at")} AS cursor_at`;

const from = `help_articles a JOIN workspaces w ON w.id = a.workspace_id LEFT JOIN users u ON u.id = a.owner_id`;

/** One article of the workspace that is not deleted; undefined otherwise (also another workspace's). */
export async function findHelpArticle(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<HelpArticleRow | undefined> {
  const rows = await db.query<HelpArticleRow>(
    `SELECT ${columns} FROM ${from} WHERE a.workspace_id = $1 AND a.id = $2 AND a.deleted_at IS NULL`,
    [workspaceId, id],
  );
  return rows[0];
}

export interface HelpArticleFilter {
  q?: string;
  sectionId?: string;
  visibility?: HelpVisibility;
  ownerId?: string;
  isReviewDue?: boolean;
  after?: KeysetPosition;
  limit: number;
}

/** Articles of the workspace that are not deleted, most recently changed first, filtered. */
export async function findHelpArticles(
  db: Queryable,
  workspaceId: string,
  filter: HelpArticleFilter,
): Promise<HelpArticleListRow[]> {
  return db.query<HelpArticleListRow>(
    `SELECT ${columns},
            coalesce((SELECT json_agg(json_build_object('lang', t.lang, 'title', t.draft_title,
                                                        'status', ${statusOf("t")}) ORDER BY ${langOrder("t")})
                        FROM help_article_translations t WHERE t.article_id = a.id), '[]') AS languages
       FROM ${from}
      WHERE a.workspace_id = $1 AND a.deleted_at IS NULL
        AND ($2::text IS NULL OR a.number::text = $2 OR EXISTS (
              SELECT 1 FROM help_article_translations t
               WHERE t.article_id = a.id
                 AND (strpos(lower(t.draft_title), lower($2)) > 0 OR strpos(lower(t.title), lower($2)) > 0)))
        AND ($3::uuid IS NULL OR a.section_id = $3)
        AND ($4::text IS NULL OR a.visibility = $4)
        AND ($5::uuid IS NULL OR a.owner_id = $5)
        AND (NOT $6 OR a.review_by <= (now() AT TIME ZONE w.time_zone)::date)
        AND ($7::timestamptz IS NULL OR (a.updated_at, a.id) < ($7::timestamptz, $8::uuid))
      ORDER BY a.updated_at DESC, a.id DESC
      LIMIT $9`,
    [
      workspaceId,
      filter.q ?? null,
      filter.sectionId ?? null,
      filter.visibility ?? null,
      filter.ownerId ?? null,
      filter.isReviewDue ?? false,
      filter.after?.at ?? null,
      filter.after?.id ?? null,
      filter.limit,
    ],
  );
}

/** An article's translations in language order (en, ru, hr, sk). */
export async function findHelpArticleTranslations(
  db: Queryable,
  articleId: string,
): Promise<HelpArticleTranslationRow[]> {
  return db.query<HelpArticleTranslationRow>(
    `SELECT t.article_id, t.lang, t.slug, ${statusOf("t")} AS status, t.draft_title, t.draft_description,
            t.draft_keywords, t.draft_body, t.draft_updated_at, t.title, t.description, t.keywords, t.body,
            t.version, t.published_at
       FROM help_article_translations t WHERE t.article_id = $1 ORDER BY ${langOrder("t")}`,
    [articleId],
  );
}

/**
 * Locks an article that is not deleted, for a change: every command on an article takes this first,
 * so a draft saved while another editor publishes lands entirely before or after. Undefined when not
 * found (or another workspace's).
 */
export async function lockHelpArticle(
  tx: Queryable,
  workspaceId: string,
  id: string,
): Promise<Pick<HelpArticleRow, "id" | "number" | "owner_id" | "visibility" | "section_id"> | undefined> {
  const rows = await tx.query<
    Pick<HelpArticleRow, "id" | "number" | "owner_id" | "visibility" | "section_id">
  >(
    `SELECT id, number, owner_id, visibility, section_id FROM help_articles
      WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL FOR UPDATE`,
    [workspaceId, id],
  );
  return rows[0];
}

export interface NewHelpArticle {
  id: string;
  number: number;
  sectionId: string | null;
  position: number;
  visibility: HelpVisibility;
  ownerId: string | null;
  reviewBy: string | null;
  starterKey: string | null;
  createdBy: string | null;
}

/** Articles in one statement (the starter content inserts dozens). */
export async function insertHelpArticles(
  tx: Queryable,
  workspaceId: string,
  rows: NewHelpArticle[],
): Promise<void> {
  await tx.query(
    `INSERT INTO help_articles (id, workspace_id, number, section_id, position, visibility, owner_id, review_by,
       starter_key, created_by)
     SELECT r.id, $1, r.number, r.section_id, r.position, r.visibility, r.owner_id, r.review_by, r.starter_key,
            r.created_by
       FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::int[], $6::text[], $7::uuid[], $8::date[], $9::text[],
                   $10::uuid[])
            AS r (id, number, section_id, position, visibility, owner_id, review_by, starter_key, created_by)`,
    [
      workspaceId,
      rows.map((r) => r.id),
      rows.map((r) => r.number),
      rows.map((r) => r.sectionId),
      rows.map((r) => r.position),
      rows.map((r) => r.visibility),
      rows.map((r) => r.ownerId),
      rows.map((r) => r.reviewBy),
      rows.map((r) => r.starterKey),
      rows.map((r) => r.createdBy),
    ],
  );
}

/** The position after the last article of a section (or of the articles without one). */
export async function nextHelpArticlePosition(
  tx: Queryable,
  workspaceId: string,
  sectionId: string | null,
): Promise<number> {
  const rows = await tx.query<{ position: number }>(
    `SELECT coalesce(max(position), 0) + 1 AS position FROM help_articles
      WHERE workspace_id = $1 AND section_id IS NOT DISTINCT FROM $2::uuid AND deleted_at IS NULL`,
    [workspaceId, sectionId],
  );
  return rows[0]!.position;
}

export interface NewHelpTranslation {
  articleId: string;
  lang: HelpLanguage;
  slug: string;
  title: string;
  description: string;
  keywords: string;
  body: string;
  userId: string | null;
  /** Published at once as version 1 (the starter content), with its rendering and search stamp. */
  published: { bodyHtml: string; bodyText: string; indexVersion: number } | null;
}

/**
 * Translations in one statement; the published ones also get their version 1 row. The starter content
 * uses this for all its articles at once; a new article for its first draft.
 */
export async function insertHelpTranslations(
  tx: Queryable,
  workspaceId: string,
  rows: NewHelpTranslation[],
): Promise<void> {
  await tx.query(
    `WITH inserted AS (
       INSERT INTO help_article_translations (article_id, workspace_id, lang, slug, draft_title, draft_description,
         draft_keywords, draft_body, draft_updated_by, title, description, keywords, body, body_html, body_text,
         version, published_by, published_at, index_version)
       SELECT r.article_id, $1, r.lang, r.slug, r.title, r.description, r.keywords, r.body, r.user_id,
              CASE WHEN r.is_published THEN r.title END, CASE WHEN r.is_published THEN r.description END,
              CASE WHEN r.is_published THEN r.keywords END, CASE WHEN r.is_published THEN r.body END,
              r.body_html, r.body_text, CASE WHEN r.is_published THEN 1 ELSE 0 END,
              CASE WHEN r.is_published THEN r.user_id END, CASE WHEN r.is_published THEN now() END,
              coalesce(r.index_version, 0)
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::uuid[], $10::boolean[], $11::text[], $12::text[], $13::bigint[])
              AS r (article_id, lang, slug, title, description, keywords, body, user_id, is_published, body_html,
                    body_text, index_version)
       RETURNING article_id, workspace_id, lang, version, title, description, keywords, body, published_by,
                 published_at)
     INSERT INTO help_article_versions (article_id, workspace_id, lang, version, title, description, keywords,
       body, published_by, published_at)
     SELECT article_id, workspace_id, lang, version, title, description, keywords, body, published_by,
            published_at
       FROM inserted WHERE version > 0`,
    [
      workspaceId,
      rows.map((r) => r.articleId),
      rows.map((r) => r.lang),
      rows.map((r) => r.slug),
      rows.map((r) => r.title),
      rows.map((r) => r.description),
      rows.map((r) => r.keywords),
      rows.map((r) => r.body),
      rows.map((r) => r.userId),
      rows.map((r) => r.published !== null),
      rows.map((r) => r.published?.bodyHtml ?? null),
      rows.map((r) => r.published?.bodyText ?? null),
      rows.map((r) => r.published?.indexVersion ?? null),
    ],
  );
}

/**
 * Saves the draft of one language, creating the translation. The slug follows the title only until
 * the language is first published; then publishing moves it.
 */
export async function saveHelpDraft(
  tx: Queryable,
  workspaceId: string,
  draft: Omit<NewHelpTranslation, "published">,
): Promise<void> {
  await tx.query(
    `INSERT INTO help_article_translations AS t (article_id, workspace_id, lang, slug, draft_title,
       draft_description, draft_keywords, draft_body, draft_updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (article_id, lang) DO UPDATE SET
       draft_title = excluded.draft_title, draft_description = excluded.draft_description,
       draft_keywords = excluded.draft_keywords, draft_body = excluded.draft_body,
       draft_updated_by = excluded.draft_updated_by, draft_updated_at = now(),
       slug = CASE WHEN t.title IS NULL THEN excluded.slug ELSE t.slug END`,
    [
      draft.articleId,
      workspaceId,
      draft.lang,
      draft.slug,
      draft.title,
      draft.description,
      draft.keywords,
      draft.body,
      draft.userId,
    ],
  );
}

/** One translation of an article (after lockHelpArticle); undefined when the language has none. */
export async function findHelpTranslation(
  tx: Queryable,
  articleId: string,
  lang: HelpLanguage,
): Promise<HelpArticleTranslationRow | undefined> {
  const rows = await tx.query<HelpArticleTranslationRow>(
    `SELECT t.article_id, t.lang, t.slug, ${statusOf("t")} AS status, t.draft_title, t.draft_description,
            t.draft_keywords, t.draft_body, t.draft_updated_at, t.title, t.description, t.keywords, t.body,
            t.version, t.published_at
       FROM help_article_translations t WHERE t.article_id = $1 AND t.lang = $2`,
    [articleId, lang],
  );
  return rows[0];
}

/** Makes the draft the published version (the next version number) and records it; returns the number. */
export async function publishHelpTranslation(
  tx: Queryable,
  articleId: string,
  lang: HelpLanguage,
  p: { slug: string; bodyHtml: string; bodyText: string; userId: string; indexVersion: number },
): Promise<number> {
  const rows = await tx.query<{ version: number }>(
    `WITH published AS (
       UPDATE help_article_translations SET title = draft_title, description = draft_description,
              keywords = draft_keywords, body = draft_body, body_html = $3, body_text = $4, slug = $5,
              version = version + 1, published_by = $6, published_at = now(), index_version = $7
        WHERE article_id = $1 AND lang = $2
       RETURNING article_id, workspace_id, lang, version, title, description, keywords, body, published_by,
                 published_at)
     INSERT INTO help_article_versions (article_id, workspace_id, lang, version, title, description, keywords,
       body, published_by, published_at)
     SELECT article_id, workspace_id, lang, version, title, description, keywords, body, published_by,
            published_at
       FROM published
     RETURNING version`,
    [articleId, lang, p.bodyHtml, p.bodyText, p.slug, p.userId, p.indexVersion],
  );
  return rows[0]!.version;
}

/** Takes a language off the public pages; its draft and version history stay. */
export async function unpublishHelpTranslation(
  tx: Queryable,
  articleId: string,
  lang: HelpLanguage,
  indexVersion: number,
): Promise<void> {
  await tx.query(
    `UPDATE help_article_translations SET title = NULL, description = NULL, keywords = NULL, body = NULL,
            body_html = NULL, body_text = NULL, published_by = NULL, published_at = NULL, index_version = $3
      WHERE article_id = $1 AND lang = $2`,
    [articleId, lang, indexVersion],
  );
}

/** Stamps every translation of an article with a content version (visibility changed, deleted). */
export async function stampHelpTranslations(
  tx: Queryable,
  articleId: string,
  indexVersion: number,
): Promise<void> {
  await tx.query("UPDATE help_article_translations SET index_version = $2 WHERE article_id = $1", [
    articleId,
    indexVersion,
  ]);
}

export interface HelpArticlePatch {
  sectionId?: string | null;
  visibility?: HelpVisibility;
  ownerId?: string | null;
  reviewBy?: string | null;
  position?: number;
}

/** Changes an article's place and attributes (fields left undefined keep their value) and its updated_at. */
export async function updateHelpArticleRow(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: HelpArticlePatch,
): Promise<void> {
  await tx.query(
    `UPDATE help_articles SET
       section_id = CASE WHEN $3 THEN $4::uuid ELSE section_id END,
       visibility = coalesce($5, visibility),
       owner_id = CASE WHEN $6 THEN $7::uuid ELSE owner_id END,
       review_by = CASE WHEN $8 THEN $9::date ELSE review_by END,
       position = coalesce($10, position),
       updated_at = now()
     WHERE workspace_id = $1 AND id = $2`,
    [
      workspaceId,
      id,
      patch.sectionId !== undefined,
      patch.sectionId ?? null,
      patch.visibility ?? null,
      patch.ownerId !== undefined,
      patch.ownerId ?? null,
      patch.reviewBy !== undefined,
      patch.reviewBy ?? null,
      patch.position ?? null,
    ],
  );
}

/** Archives an article: it answers 404 everywhere from now on. */
export async function markHelpArticleDeleted(tx: Queryable, workspaceId: string, id: string): Promise<void> {
  await tx.query(
    "UPDATE help_articles SET deleted_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2",
    [workspaceId, id],
  );
}

/** The tags linked to an article, by name. */
export async function findHelpArticleTagIds(db: Queryable, articleId: string): Promise<string[]> {
  const rows = await db.query<{ tag_id: string }>(
    `SELECT at.tag_id FROM help_article_tags at JOIN tags t ON t.id = at.tag_id
      WHERE at.article_id = $1 ORDER BY lower(t.name), t.id`,
    [articleId],
  );
  return rows.map((row) => row.tag_id);
}

/** Makes `tagIds` (tags of the workspace, checked by the caller) the article's exact tag set. */
export async function replaceHelpArticleTags(
  tx: Queryable,
  workspaceId: string,
  articleId: string,
  tagIds: string[],
): Promise<void> {
  await tx.query("DELETE FROM help_article_tags WHERE article_id = $1 AND NOT (tag_id = ANY($2::uuid[]))", [
    articleId,
    tagIds,
  ]);
  await tx.query(
    `INSERT INTO help_article_tags (article_id, tag_id, workspace_id)
     SELECT $2, t, $1 FROM unnest($3::uuid[]) AS t ON CONFLICT DO NOTHING`,
    [workspaceId, articleId, tagIds],
  );
}

export interface HelpArticleVersionRow {
  version: number;
  title: string;
  published_at: Date;
  published_by: string | null;
  publisher_name: string | null;
}

/** The published versions of one language, newest first. */
export async function findHelpArticleVersions(
  db: Queryable,
  articleId: string,
  lang: HelpLanguage,
): Promise<HelpArticleVersionRow[]> {
  return db.query<HelpArticleVersionRow>(
    `SELECT v.version, v.title, v.published_at, v.published_by, u.name AS publisher_name
       FROM help_article_versions v LEFT JOIN users u ON u.id = v.published_by
      WHERE v.article_id = $1 AND v.lang = $2 ORDER BY v.version DESC`,
    [articleId, lang],
  );
}
