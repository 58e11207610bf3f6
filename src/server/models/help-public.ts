import type { Queryable } from "../db/types.js";
import type { HelpLang } from "../../help-center/languages.js";

/**
 * The public help center's reads: what readers may see, never internal, deleted or unpublished articles.
 * Every name comes in the page's language when it exists, else in the workspace's default language, else
 * in any language it has (`lang` says which one came).
 */

/** The workspace a help-center request is for, with its help-center settings. */
export interface HelpSite {
  workspaceId: string;
  /** The help center's title, else the workspace's name. */
  title: string;
  timeZone: string;
  defaultLanguage: HelpLang;
  host: string | null;
  logoImageId: string | null;
  primaryColor: string;
  chatInboxId: string | null;
  /** False until the help center was first used (no help_centers row yet). */
  hasHelpCenter: boolean;
}

/**
 * The workspace whose help center `host` (the request's Host header, lowercased) names, else the install's
 * oldest workspace; undefined when the install has none.
 */
export async function findHelpSite(db: Queryable, host: string): Promise<HelpSite | undefined> {
  const hostname = host.replace(/:\d+$/, "");
  const rows = await db.query<{
    workspace_id: string;
    name: string;
    title: string | null;
    time_zone: string;
    default_language: HelpLang;
    host: string | null;
    logo_image_id: string | null;
    primary_color: string | null;
    chat_inbox_id: string | null;
    has_help_center: boolean;
  }>(
    `SELECT w.id AS workspace_id, w.name, w.time_zone, w.default_language, hc.title, hc.host,
            hc.logo_image_id, hc.primary_color, hc.chat_inbox_id, hc.workspace_id IS NOT NULL AS has_help_center
       FROM workspaces w LEFT JOIN help_centers hc ON hc.workspace_id = w.id
      WHERE w.id = coalesce(
              (SELECT workspace_id FROM help_centers WHERE host IN ($1, $2) ORDER BY host = $1 DESC LIMIT 1),
              (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1))`,
    [host, hostname],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    workspaceId: row.workspace_id,
    title: row.title ?? row.name,
    timeZone: row.time_zone,
    defaultLanguage: row.default_language,
    host: row.host,
    logoImageId: row.logo_image_id,
    primaryColor: row.primary_color ?? "#2457c5",
    chatInboxId: row.chat_inbox_id,
    hasHelpCenter: row.has_help_center,
  };
}

/** Orders a translation subquery: the page's language, then the default, then any. */
const preferred = (lang: string, fallback: string) =>
  `ORDER BY lang = ${lang} DESC, lang = ${fallback} DESC, lang`;

export interface HelpArticleLink {
  number: number;
  lang: HelpLang;
  title: string;
  slug: string;
}

export interface HelpSectionTree {
  id: string;
  name: string;
  articles: HelpArticleLink[];
}

export interface HelpCategoryTree {
  id: string;
  number: number;
  lang: HelpLang;
  name: string;
  description: string;
  slug: string;
  /** The languages the category is named in, with each one's slug. */
  translations: { lang: HelpLang; slug: string }[];
  sections: HelpSectionTree[];
  articleCount: number;
}

/**
 * Categories with their sections and public published articles, in order, for the home page (every
 * category) or one category's page (`categoryNumber`). One query; sections without articles are left out.
 */
export async function findHelpTree(
  db: Queryable,
  workspaceId: string,
  lang: HelpLang,
  fallback: HelpLang,
  categoryNumber: number | null = null,
): Promise<HelpCategoryTree[]> {
  const rows = await db.query<{
    category_id: string;
    category_number: number;
    category_lang: HelpLang;
    category_name: string;
    category_description: string;
    category_slug: string;
    category_translations: { lang: HelpLang; slug: string }[];
    section_id: string | null;
    section_name: string | null;
    number: number | null;
    lang: HelpLang | null;
    title: string | null;
    slug: string | null;
  }>(
    `SELECT c.id AS category_id, c.number AS category_number, ct.lang AS category_lang,
            ct.name AS category_name, ct.description AS category_description, ct.slug AS category_slug,
            (SELECT json_agg(json_build_object('lang', lang, 'slug', slug) ORDER BY lang)
               FROM help_category_translations WHERE category_id = c.id) AS category_translations,
            s.id AS section_id, st.name AS section_name, a.number, t.lang, t.title, t.slug
       FROM help_categories c
       CROSS JOIN LATERAL (SELECT lang, name, description, slug FROM help_category_translations
                            WHERE category_id = c.id ${preferred("$2", "$3")} LIMIT 1) ct
       LEFT JOIN help_sections s ON s.category_id = c.id
       LEFT JOIN LATERAL (SELECT name FROM help_section_translations
                           WHERE section_id = s.id ${preferred("$2", "$3")} LIMIT 1) st ON true
       LEFT JOIN help_articles a
         ON a.section_id = s.id AND a.deleted_at IS NULL AND a.visibility = 'public'
       LEFT JOIN LATERAL (SELECT lang, title, slug FROM help_article_translations
                           WHERE article_id = a.id AND title IS NOT NULL ${preferred("$2", "$3")} LIMIT 1) t
         ON true
      WHERE c.workspace_id = $1 AND ($4::int IS NULL OR c.number = $4)
      ORDER BY c.position, c.number, s.position, s.created_at, s.id, a.position, a.number`,
    [workspaceId, lang, fallback, categoryNumber],
  );
  const categories = new Map<string, HelpCategoryTree>();
  for (const row of rows) {
    let category = categories.get(row.category_id);
    if (!category) {
      category = {
        id: row.category_id,
        number: row.category_number,
        lang: row.category_lang,
        name: row.category_name,
        description: row.category_description,
        slug: row.category_slug,
        translations: row.category_translations,
        sections: [],
        articleCount: 0,
      };
      categories.set(row.category_id, category);
    }
    if (!row.section_id || row.number === null || !row.title || !row.slug || !row.lang) continue;
    let section = category.sections.at(-1);
    if (section?.id !== row.section_id) {
      section = { id: row.section_id, name: row.section_name ?? "", articles: [] };
      category.sections.push(section);
    }
    section.articles.push({ number: row.number, lang: row.lang, title: row.title, slug: row.slug });
    category.articleCount++;
  }
  return [...categories.values()];
}

export interface HelpArticlePage {
  id: string;
  number: number;
  sectionId: string | null;
  /** The languages it is published in, with each one's slug. */
  translations: { lang: HelpLang; slug: string }[];
  /** The version shown: the page's language, else the default language, else any published one. */
  shown: {
    lang: HelpLang;
    slug: string;
    title: string;
    description: string;
    bodyHtml: string;
    /** The start of the plain text, for a meta description. */
    excerpt: string;
    publishedAt: Date;
  };
  section: { name: string } | null;
  category: { number: number; name: string; slug: string } | null;
}

/**
 * A public, published, not deleted article of the workspace by its number, for its page; undefined
 * otherwise (internal, unpublished in every language, deleted, another workspace's: all alike). One
 * query; only the shown version's body is read.
 */
export async function findHelpArticlePage(
  db: Queryable,
  workspaceId: string,
  number: number,
  lang: HelpLang,
  fallback: HelpLang,
): Promise<HelpArticlePage | undefined> {
  const rows = await db.query<{
    id: string;
    number: number;
    section_id: string | null;
    lang: HelpLang;
    slug: string;
    is_shown: boolean;
    title: string;
    description: string | null;
    body_html: string | null;
    excerpt: string | null;
    published_at: Date;
    section_name: string | null;
    category_number: number | null;
    category_name: string | null;
    category_slug: string | null;
  }>(
    `SELECT a.id, a.number, a.section_id, t.lang, t.slug, t.title, t.published_at,
            t.lang = first_value(t.lang) OVER w AS is_shown,
            CASE WHEN t.lang = first_value(t.lang) OVER w THEN t.description END AS description,
            CASE WHEN t.lang = first_value(t.lang) OVER w THEN t.body_html END AS body_html,
            CASE WHEN t.lang = first_value(t.lang) OVER w THEN left(t.body_text, 400) END AS excerpt,
            st.name AS section_name, c.number AS category_number, ct.name AS category_name,
            ct.slug AS category_slug
       FROM help_articles a
       JOIN help_article_translations t ON t.article_id = a.id AND t.title IS NOT NULL
       LEFT JOIN help_sections s ON s.id = a.section_id
       LEFT JOIN LATERAL (SELECT name FROM help_section_translations
                           WHERE section_id = s.id ${preferred("$3", "$4")} LIMIT 1) st ON true
       LEFT JOIN help_categories c ON c.id = s.category_id
       LEFT JOIN LATERAL (SELECT name, slug FROM help_category_translations
                           WHERE category_id = c.id ${preferred("$3", "$4")} LIMIT 1) ct ON true
      WHERE a.workspace_id = $1 AND a.number = $2 AND a.deleted_at IS NULL AND a.visibility = 'public'
     WINDOW w AS (ORDER BY t.lang = $3 DESC, t.lang = $4 DESC, t.lang)
      ORDER BY t.lang`,
    [workspaceId, number, lang, fallback],
  );
  const shown = rows.find((row) => row.is_shown);
  if (!shown) return undefined;
  return {
    id: shown.id,
    number: shown.number,
    sectionId: shown.section_id,
    translations: rows.map((row) => ({ lang: row.lang, slug: row.slug })),
    shown: {
      lang: shown.lang,
      slug: shown.slug,
      title: shown.title,
      description: shown.description ?? "",
      bodyHtml: shown.body_html ?? "",
      excerpt: shown.excerpt ?? "",
      publishedAt: shown.published_at,
    },
    section: shown.section_name === null ? null : { name: shown.section_name },
    category:
      shown.category_number === null || shown.category_name === null || shown.category_slug === null
        ? null
        : { number: shown.category_number, name: shown.category_name, slug: shown.category_slug },
  };
}

/** Other public published articles of a section, in its order, for "related articles". */
export async function findRelatedHelpArticles(
  db: Queryable,
  workspaceId: string,
  sectionId: string,
  exceptArticleId: string,
  lang: HelpLang,
  fallback: HelpLang,
  limit = 5,
): Promise<HelpArticleLink[]> {
  return db.query<HelpArticleLink>(
    // The first articles of the section by the index, then their titles: a large section is not read
    // whole (a few more than asked for, as some may have no published language).
    `SELECT a.number, t.lang, t.title, t.slug
       FROM (SELECT id, number, position FROM help_articles
              WHERE section_id = $2 AND workspace_id = $1 AND id <> $3
                AND deleted_at IS NULL AND visibility = 'public'
              ORDER BY position, number LIMIT $6 * 4) a
       CROSS JOIN LATERAL (SELECT lang, title, slug FROM help_article_translations
                            WHERE article_id = a.id AND title IS NOT NULL ${preferred("$4", "$5")} LIMIT 1) t
      ORDER BY a.position, a.number
      LIMIT $6`,
    [workspaceId, sectionId, exceptArticleId, lang, fallback, limit],
  );
}

export type HelpPageKind = "contact" | "complaints";

export interface HelpPageContent {
  lang: HelpLang;
  title: string;
  bodyHtml: string;
  /** The start of its markdown, for a meta description. */
  bodyStart: string;
  /** The languages the page is written in. */
  langs: HelpLang[];
}

/** The contact intro or the complaint procedure, in the page's language or the nearest one it has. */
export async function findHelpPageContent(
  db: Queryable,
  workspaceId: string,
  kind: HelpPageKind,
  lang: HelpLang,
  fallback: HelpLang,
): Promise<HelpPageContent | undefined> {
  const rows = await db.query<{ lang: HelpLang; title: string; body_html: string; body_start: string }>(
    `SELECT lang, title, body_html, left(body, 600) AS body_start FROM help_pages
      WHERE workspace_id = $1 AND kind = $2 ${preferred("$3", "$4")}`,
    [workspaceId, kind, lang, fallback],
  );
  const first = rows[0];
  if (!first) return undefined;
  return {
    lang: first.lang,
    title: first.title,
    bodyHtml: first.body_html,
    bodyStart: first.body_start,
    langs: rows.map((row) => row.lang).sort(),
  };
}

export interface HelpImage {
  contentType: string;
  fileName: string;
  content: Buffer;
}

/** An uploaded help-center image with its bytes, by its (random, unguessable) id. */
export async function findHelpImageContent(db: Queryable, id: string): Promise<HelpImage | undefined> {
  const rows = await db.query<{ content_type: string; file_name: string; content: Buffer }>(
    `SELECT i.content_type, i.file_name, b.content FROM help_images i JOIN blobs b ON b.sha256 = i.sha256
      WHERE i.id = $1`,
    [id],
  );
  const row = rows[0];
  return row && { contentType: row.content_type, fileName: row.file_name, content: row.content };
}

export interface HelpSitemapEntry {
  kind: "article" | "category";
  number: number;
  translations: { lang: HelpLang; slug: string; updatedAt: Date | null }[];
}

/**
 * Every public published article (with the languages it is published in) and every category with at
 * least one of them (with the languages it is named in), for the sitemap.
 */
export async function findHelpSitemapEntries(
  db: Queryable,
  workspaceId: string,
): Promise<HelpSitemapEntry[]> {
  const rows = await db.query<{
    kind: "article" | "category";
    number: number;
    lang: HelpLang;
    slug: string;
    updated_at: Date | null;
  }>(
    `SELECT 'article' AS kind, a.number, t.lang, t.slug, t.published_at AS updated_at
       FROM help_articles a JOIN help_article_translations t ON t.article_id = a.id
      WHERE a.workspace_id = $1 AND a.deleted_at IS NULL AND a.visibility = 'public' AND t.title IS NOT NULL
     UNION ALL
     SELECT 'category', c.number, ct.lang, ct.slug, NULL
       FROM help_categories c JOIN help_category_translations ct ON ct.category_id = c.id
      WHERE c.workspace_id = $1 AND EXISTS (
              SELECT 1 FROM help_sections s JOIN help_articles a ON a.section_id = s.id
               WHERE s.category_id = c.id AND a.deleted_at IS NULL AND a.visibility = 'public'
                 AND EXISTS (SELECT 1 FROM help_article_translations t
                              WHERE t.article_id = a.id AND t.title IS NOT NULL))
      ORDER BY 1 DESC, 2, 3`,
    [workspaceId],
  );
  const entries = new Map<string, HelpSitemapEntry>();
  for (const row of rows) {
    const key = `${row.kind}:${row.number}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = { kind: row.kind, number: row.number, translations: [] };
      entries.set(key, entry);
    }
    entry.translations.push({ lang: row.lang, slug: row.slug, updatedAt: row.updated_at });
  }
  return [...entries.values()];
}

export interface HelpContactInbox {
  id: string;
  channel: "email" | "chat";
  address: string | null;
  widgetKey: string | null;
  calendarId: string | null;
}

/** The workspace's email inboxes with an address, and its chat inbox for the help center if it has one. */
export async function findHelpContactInboxes(
  db: Queryable,
  workspaceId: string,
  chatInboxId: string | null,
): Promise<HelpContactInbox[]> {
  const rows = await db.query<{
    id: string;
    channel: "email" | "chat";
    address: string | null;
    widget_key: string | null;
    calendar_id: string | null;
  }>(
    `SELECT id, channel, address, widget_key, calendar_id FROM inboxes
      WHERE workspace_id = $1
        AND ((channel = 'email' AND address IS NOT NULL) OR (channel = 'chat' AND id = $2))
      ORDER BY channel, lower(name), id`,
    [workspaceId, chatInboxId],
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    address: row.address,
    widgetKey: row.widget_key,
    calendarId: row.calendar_id,
  }));
}
