import type { Queryable } from "../db/types.js";

/** The help center's languages, in the order lists show them. */
export const HELP_LANGUAGES = ["en", "ru", "hr", "sk"] as const;
export type HelpLanguage = (typeof HELP_LANGUAGES)[number];

export interface HelpCategoryTranslation {
  lang: HelpLanguage;
  name: string;
  description: string;
  slug: string;
}

export interface HelpCategoryRow {
  id: string;
  workspace_id: string;
  number: number;
  position: number;
  starter_key: string | null;
  translations: HelpCategoryTranslation[];
  /** Articles (not deleted) in its sections. */
  article_count: number;
}

export interface HelpSectionRow {
  id: string;
  workspace_id: string;
  category_id: string;
  position: number;
  starter_key: string | null;
  translations: { lang: HelpLanguage; name: string }[];
  article_count: number;
}

const categoryColumns = `c.id, c.workspace_id, c.number, c.position, c.starter_key,
  coalesce((SELECT json_agg(json_build_object('lang', t.lang, 'name', t.name, 'description', t.description,
                                              'slug', t.slug) ORDER BY t.lang)
              FROM help_category_translations t WHERE t.category_id = c.id), '[]') AS translations,
  (SELECT count(*)::int FROM help_articles a JOIN help_sections s ON s.id = a.section_id
    WHERE s.category_id = c.id AND a.deleted_at IS NULL) AS article_count`;

const sectionColumns = `s.id, s.workspace_id, s.category_id, s.position, s.starter_key,
  coalesce((SELECT json_agg(json_build_object('lang', t.lang, 'name', t.name) ORDER BY t.lang)
              FROM help_section_translations t WHERE t.section_id = s.id), '[]') AS translations,
  (SELECT count(*)::int FROM help_articles a WHERE a.section_id = s.id AND a.deleted_at IS NULL)
    AS article_count`;

/** The workspace's categories in their order (position, then number). */
export async function findHelpCategories(db: Queryable, workspaceId: string): Promise<HelpCategoryRow[]> {
  return db.query<HelpCategoryRow>(
    `SELECT ${categoryColumns} FROM help_categories c WHERE c.workspace_id = $1 ORDER BY c.position, c.number`,
    [workspaceId],
  );
}

/** One category of the workspace; undefined when missing or another workspace's. */
export async function findHelpCategory(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<HelpCategoryRow | undefined> {
  const rows = await db.query<HelpCategoryRow>(
    `SELECT ${categoryColumns} FROM help_categories c WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/** Sections of the workspace (all categories, or one), by position then creation. */
export async function findHelpSections(
  db: Queryable,
  workspaceId: string,
  categoryId: string | null = null,
): Promise<HelpSectionRow[]> {
  return db.query<HelpSectionRow>(
    `SELECT ${sectionColumns} FROM help_sections s
      WHERE s.workspace_id = $1 AND ($2::uuid IS NULL OR s.category_id = $2)
      ORDER BY s.position, s.created_at, s.id`,
    [workspaceId, categoryId],
  );
}

export async function findHelpSection(
  db: Queryable,
  workspaceId: string,
  id: string,
): Promise<HelpSectionRow | undefined> {
  const rows = await db.query<HelpSectionRow>(
    `SELECT ${sectionColumns} FROM help_sections s WHERE s.workspace_id = $1 AND s.id = $2`,
    [workspaceId, id],
  );
  return rows[0];
}

/** Categories in one statement (the starter content inserts several); positions given. */
export async function insertHelpCategories(
  tx: Queryable,
  workspaceId: string,
  rows: { id: string; number: number; position: number; starterKey: string | null }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO help_categories (id, workspace_id, number, position, starter_key)
     SELECT id, $1, number, position, starter_key
       FROM unnest($2::uuid[], $3::int[], $4::int[], $5::text[]) AS r (id, number, position, starter_key)`,
    [
      workspaceId,
      rows.map((r) => r.id),
      rows.map((r) => r.number),
      rows.map((r) => r.position),
      rows.map((r) => r.starterKey),
    ],
  );
}

/** The position after the workspace's last category (new categories go last). */
export async function nextHelpCategoryPosition(tx: Queryable, workspaceId: string): Promise<number> {
  const rows = await tx.query<{ position: number }>(
    "SELECT coalesce(max(position), 0) + 1 AS position FROM help_categories WHERE workspace_id = $1",
    [workspaceId],
  );
  return rows[0]!.position;
}

/** Adds or replaces category translations (one row per category and language). */
export async function upsertHelpCategoryTranslations(
  tx: Queryable,
  workspaceId: string,
  rows: ({ categoryId: string } & HelpCategoryTranslation)[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO help_category_translations (category_id, workspace_id, lang, name, description, slug)
     SELECT category_id, $1, lang, name, description, slug
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
            AS r (category_id, lang, name, description, slug)
     ON CONFLICT (category_id, lang) DO UPDATE
       SET name = excluded.name, description = excluded.description, slug = excluded.slug`,
    [
      workspaceId,
      rows.map((r) => r.categoryId),
      rows.map((r) => r.lang),
      rows.map((r) => r.name),
      rows.map((r) => r.description),
      rows.map((r) => r.slug),
    ],
  );
}

export async function updateHelpCategoryPosition(
  tx: Queryable,
  workspaceId: string,
  id: string,
  position: number,
): Promise<void> {
  await tx.query("UPDATE help_categories SET position = $3 WHERE workspace_id = $1 AND id = $2", [
    workspaceId,
    id,
    position,
  ]);
}

/**
 * Locks a category of the workspace: "update" to delete it (with its sections, so no article moves into
 * one meanwhile), "share" to put a section in it. False when not found.
 */
export async function lockHelpCategory(
  tx: Queryable,
  workspaceId: string,
  id: string,
  mode: "update" | "share",
): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM help_categories WHERE workspace_id = $1 AND id = $2 FOR ${mode === "update" ? "UPDATE" : "SHARE"}`,
    [workspaceId, id],
  );
  if (rows.length > 0 && mode === "update")
    await tx.query("SELECT 1 FROM help_sections WHERE category_id = $1 FOR UPDATE", [id]);
  return rows.length > 0;
}

/** Deletes a category with its sections (articles in them lose their section). */
export async function deleteHelpCategoryRow(tx: Queryable, workspaceId: string, id: string): Promise<void> {
  await tx.query("DELETE FROM help_categories WHERE workspace_id = $1 AND id = $2", [workspaceId, id]);
}

/** Sections in one statement; positions given. */
export async function insertHelpSections(
  tx: Queryable,
  workspaceId: string,
  rows: { id: string; categoryId: string; position: number; starterKey: string | null }[],
): Promise<void> {
  await tx.query(
    `INSERT INTO help_sections (id, workspace_id, category_id, position, starter_key)
     SELECT id, $1, category_id, position, starter_key
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[]) AS r (id, category_id, position, starter_key)`,
    [
      workspaceId,
      rows.map((r) => r.id),
      rows.map((r) => r.categoryId),
      rows.map((r) => r.position),
      rows.map((r) => r.starterKey),
    ],
  );
}

/** The position after the category's last section. */
export async function nextHelpSectionPosition(tx: Queryable, categoryId: string): Promise<number> {
  const rows = await tx.query<{ position: number }>(
    "SELECT coalesce(max(position), 0) + 1 AS position FROM help_sections WHERE category_id = $1",
    [categoryId],
  );
  return rows[0]!.position;
}

export async function upsertHelpSectionTranslations(
  tx: Queryable,
  workspaceId: string,
  rows: { sectionId: string; lang: HelpLanguage; name: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO help_section_translations (section_id, workspace_id, lang, name)
     SELECT section_id, $1, lang, name FROM unnest($2::uuid[], $3::text[], $4::text[]) AS r (section_id, lang, name)
     ON CONFLICT (section_id, lang) DO UPDATE SET name = excluded.name`,
    [workspaceId, rows.map((r) => r.sectionId), rows.map((r) => r.lang), rows.map((r) => r.name)],
  );
}

/** Moves a section to another category and/or position; fields left undefined keep their value. */
export async function updateHelpSectionRow(
  tx: Queryable,
  workspaceId: string,
  id: string,
  patch: { categoryId?: string; position?: number },
): Promise<void> {
  await tx.query(
    `UPDATE help_sections SET category_id = coalesce($3, category_id), position = coalesce($4, position)
      WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id, patch.categoryId ?? null, patch.position ?? null],
  );
}

/**
 * Locks a section of the workspace: "update" to delete it, "share" to put an article in it, so a
 * deletion counts every article that arrived before it. False when not found.
 */
export async function lockHelpSection(
  tx: Queryable,
  workspaceId: string,
  id: string,
  mode: "update" | "share",
): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM help_sections WHERE workspace_id = $1 AND id = $2 FOR ${mode === "update" ? "UPDATE" : "SHARE"}`,
    [workspaceId, id],
  );
  return rows.length > 0;
}

export async function deleteHelpSectionRow(tx: Queryable, workspaceId: string, id: string): Promise<void> {
  await tx.query("DELETE FROM help_sections WHERE workspace_id = $1 AND id = $2", [workspaceId, id]);
}

/** Articles (not deleted) in a category's sections, or in one section. */
export async function countHelpArticlesIn(
  tx: Queryable,
  where: { categoryId: string } | { sectionId: string },
): Promise<number> {
  const rows =
    "categoryId" in where
      ? await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM help_articles a JOIN help_sections s ON s.id = a.section_id
            WHERE s.category_id = $1 AND a.deleted_at IS NULL`,
          [where.categoryId],
        )
      : await tx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM help_articles WHERE section_id = $1 AND deleted_at IS NULL",
          [where.sectionId],
        );
  return rows[0]!.n;
}
