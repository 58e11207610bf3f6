import fs from "node:fs/promises";
import { z } from "zod";
import { markdownToPlainText, renderHelpMarkdown } from "../../help-center/render-markdown.js";
import type { Database, Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { slugify } from "../lib/slugify.js";
import { recordEvent } from "../models/events.js";
import {
  HELP_LANGUAGES,
  insertHelpCategories,
  insertHelpSections,
  upsertHelpCategoryTranslations,
  upsertHelpSectionTranslations,
  type HelpLanguage,
} from "../models/help-categories.js";
import {
  bumpHelpContentVersion,
  hasHelpCenter,
  insertHelpCenter,
  takeCounterRange,
} from "../models/help-centers.js";
import { insertHelpArticles, insertHelpTranslations, type NewHelpArticle } from "../models/help-articles.js";
import { upsertHelpPages, type HelpPageKind } from "../models/help-pages.js";
import { packageRoot } from "../version.js";

/** The contact page's title in each language (the starter files carry only its introduction). */
const contactTitles: Record<HelpLanguage, string> = {
  en: "Contact us",
  ru: "Связаться с нами",
  hr: "Kontakt",
  sk: "Kontakt",
};

const ZStarterArticle = z.object({
  key: z.string().min(1),
  slug: z.string().min(1).optional(),
  title: z.string().min(1),
  description: z.string().default(""),
  keywords: z.string().default(""),
  body: z.string(),
});
const ZStarterContent = z.object({
  categories: z.array(
    z.object({
      key: z.string().min(1),
      name: z.string().min(1),
      description: z.string().default(""),
      sections: z.array(
        z.object({ key: z.string().min(1), name: z.string().min(1), articles: z.array(ZStarterArticle) }),
      ),
    }),
  ),
  contact: z.object({ intro: z.string() }),
  complaints: z.object({ title: z.string().min(1), description: z.string().default(""), body: z.string() }),
});
type TStarterContent = z.infer<typeof ZStarterContent>;
type TStarterArticle = z.infer<typeof ZStarterArticle> & { bodyHtml: string; bodyText: string };

/** The starter content of one language, rendered once (it is the same for every workspace). */
interface StarterLanguage {
  content: TStarterContent;
  /** By "category/section/article" keys. */
  articles: Map<string, TStarterArticle>;
  pages: { kind: HelpPageKind; title: string; body: string; bodyHtml: string }[];
}

let starter: Promise<Record<HelpLanguage, StarterLanguage>> | undefined;

async function readStarterLanguage(lang: HelpLanguage): Promise<StarterLanguage> {
  const file = new URL(`src/help-center/starter/${lang}.json`, packageRoot);
  const content = ZStarterContent.parse(JSON.parse(await fs.readFile(file, "utf8")));
  const articles = new Map<string, TStarterArticle>();
  for (const category of content.categories)
    for (const section of category.sections)
      for (const article of section.articles)
        articles.set(`${category.key}/${section.key}/${article.key}`, {
          ...article,
          bodyHtml: renderHelpMarkdown(article.body),
          bodyText: markdownToPlainText(article.body),
        });
  // The complaint procedure's description has no place in a page (its body says it all).
  const pages = [
    { kind: "contact" as const, title: contactTitles[lang], body: content.contact.intro },
    { kind: "complaints" as const, title: content.complaints.title, body: content.complaints.body },
  ].map((page) => ({ ...page, bodyHtml: renderHelpMarkdown(page.body) }));
  return { content, articles, pages };
}

/** The four starter files, read and rendered once per process (read again after a failure). */
export function loadHelpStarterContent(): Promise<Record<HelpLanguage, StarterLanguage>> {
  starter ??= Promise.all(HELP_LANGUAGES.map(readStarterLanguage)).then(
    ([en, ru, hr, sk]) => ({ en: en!, ru: ru!, hr: hr!, sk: sk! }),
    (error: unknown) => {
      starter = undefined;
      throw error;
    },
  );
  return starter;
}

/**
 * Creates the workspace's help center with the starter content (categories, sections and articles
 * published in all four languages, the contact and complaints pages) unless it has one. Safe when
 * requests race: only the transaction whose insert of the help center row wins seeds the content.
 * Throws when the starter files cannot be read (they ship with Heed).
 */
export async function ensureHelpCenter(db: Database, workspaceId: string): Promise<void> {
  if (await hasHelpCenter(db, workspaceId)) return;
  const content = await loadHelpStarterContent();
  await db.transaction(async (tx) => {
    if (!(await insertHelpCenter(tx, workspaceId))) return;
    const counts = await seedStarterContent(tx, workspaceId, content);
    await recordEvent(tx, { workspaceId, type: "help_center.created", payload: counts });
  });
}

/** Batch inserts of the starter content: a handful of statements whatever its size. */
async function seedStarterContent(
  tx: Queryable,
  workspaceId: string,
  content: Record<HelpLanguage, StarterLanguage>,
): Promise<{ categories: number; articles: number }> {
  // English gives the structure; each language's file is matched to it by keys.
  const structure = content.en.content.categories;
  const indexVersion = await bumpHelpContentVersion(tx, workspaceId);
  const firstCategory = await takeCounterRange(tx, workspaceId, "help_category", structure.length);
  const articleCount = structure.flatMap((c) => c.sections.flatMap((s) => s.articles)).length;
  const firstArticle = await takeCounterRange(tx, workspaceId, "help_article", articleCount);

  const find = <T extends { key: string }>(list: T[] | undefined, key: string) =>
    list?.find((item) => item.key === key);
  const categories: Parameters<typeof insertHelpCategories>[2] = [];
  const categoryTranslations: Parameters<typeof upsertHelpCategoryTranslations>[2] = [];
  const sections: Parameters<typeof insertHelpSections>[2] = [];
  const sectionTranslations: Parameters<typeof upsertHelpSectionTranslations>[2] = [];
  const articles: (NewHelpArticle & { path: string })[] = [];
  for (const [i, category] of structure.entries()) {
    const categoryId = newId();
    categories.push({ id: categoryId, number: firstCategory + i, position: i + 1, starterKey: category.key });
    for (const lang of HELP_LANGUAGES) {
      const translated = find(content[lang].content.categories, category.key);
      if (!translated) continue;
      const { name, description } = translated;
      const slug = slugify(name, slugify(category.key, "category"));
      categoryTranslations.push({ categoryId, lang, name, description, slug });
    }
    for (const [j, section] of category.sections.entries()) {
      const sectionId = newId();
      sections.push({ id: sectionId, categoryId, position: j + 1, starterKey: section.key });
      for (const lang of HELP_LANGUAGES) {
        const translated = find(find(content[lang].content.categories, category.key)?.sections, section.key);
        if (translated) sectionTranslations.push({ sectionId, lang, name: translated.name });
      }
      for (const [k, article] of section.articles.entries())
        articles.push({
          id: newId(),
          number: firstArticle + articles.length,
          sectionId,
          position: k + 1,
          visibility: "public",
          ownerId: null,
          reviewBy: null,
          starterKey: article.key,
          createdBy: null,
          path: `${category.key}/${section.key}/${article.key}`,
        });
    }
  }
  const translations = HELP_LANGUAGES.flatMap((lang) =>
    articles.flatMap((article) => {
      const text = content[lang].articles.get(article.path);
      if (!text) return [];
      const { title, description, keywords, body, bodyHtml, bodyText } = text;
      const slug = slugify(text.slug ?? title);
      const published = { bodyHtml, bodyText, indexVersion };
      return [
        { articleId: article.id, lang, slug, title, description, keywords, body, userId: null, published },
      ];
    }),
  );
  const pages = HELP_LANGUAGES.flatMap((lang) =>
    content[lang].pages.map((page) => ({ ...page, lang, updatedBy: null })),
  );

  await insertHelpCategories(tx, workspaceId, categories);
  await upsertHelpCategoryTranslations(tx, workspaceId, categoryTranslations);
  await insertHelpSections(tx, workspaceId, sections);
  await upsertHelpSectionTranslations(tx, workspaceId, sectionTranslations);
  await insertHelpArticles(tx, workspaceId, articles);
  await insertHelpTranslations(tx, workspaceId, translations);
  await upsertHelpPages(tx, workspaceId, pages);
  return { categories: categories.length, articles: articles.length };
}
