import { z } from "zod";
import type { HelpFeedbackRow } from "../models/help-analytics.js";
import type {
  HelpArticleListRow,
  HelpArticleRow,
  HelpArticleTranslationRow,
  HelpArticleVersionRow,
} from "../models/help-articles.js";
import type { HelpArticleAbilities } from "../policies/help-center-policy.js";
import { helpArticleUrl } from "./help-urls.js";
import { byLanguage, keyedByLanguage, ZHelpLanguage } from "./help-center-presenter.js";

export const ZHelpVisibility = z.enum(["public", "internal"]);
/** draft: not published; published: readers see the draft as it is; changed: the draft differs. */
export const ZHelpArticleStatus = z.enum(["draft", "published", "changed"]);
const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZHelpful = z.object({ yes: z.number(), no: z.number() });

const ownerOf = (row: Pick<HelpArticleRow, "owner_id" | "owner_name">) =>
  row.owner_id ? { id: row.owner_id, name: row.owner_name ?? "" } : null;

export const ZHelpArticleSummary = z.object({
  id: z.string(),
  number: z.number(),
  sectionId: z.string().nullable(),
  visibility: ZHelpVisibility,
  owner: ZPerson.nullable(),
  /** YYYY-MM-DD. */
  reviewBy: z.string().nullable(),
  isReviewDue: z.boolean(),
  updatedAt: z.string(),
  /** Each language the article has, with its draft title. */
  languages: z.array(z.object({ lang: ZHelpLanguage, title: z.string(), status: ZHelpArticleStatus })),
  helpful: ZHelpful,
});

export const presentHelpArticleSummary = (
  row: HelpArticleListRow,
  helpful: { yes: number; no: number } | undefined,
): z.infer<typeof ZHelpArticleSummary> => ({
  id: row.id,
  number: row.number,
  sectionId: row.section_id,
  visibility: row.visibility,
  owner: ownerOf(row),
  reviewBy: row.review_by,
  isReviewDue: row.is_review_due,
  updatedAt: row.updated_at.toISOString(),
  languages: row.languages.map((l) => ({ lang: l.lang, title: l.title, status: l.status })),
  helpful: { yes: helpful?.yes ?? 0, no: helpful?.no ?? 0 },
});

const ZArticleText = z.object({
  title: z.string(),
  description: z.string(),
  keywords: z.string(),
  /** Markdown. */
  body: z.string(),
});

export const ZHelpArticleTranslation = z.object({
  slug: z.string(),
  status: ZHelpArticleStatus,
  /** The public address; null unless published and public. */
  url: z.string().nullable(),
  draft: ZArticleText.extend({ updatedAt: z.string() }),
  published: ZArticleText.extend({ version: z.number(), publishedAt: z.string() }).nullable(),
});

export const ZHelpArticle = z.object({
  id: z.string(),
  number: z.number(),
  sectionId: z.string().nullable(),
  visibility: ZHelpVisibility,
  ownerId: z.string().nullable(),
  owner: ZPerson.nullable(),
  reviewBy: z.string().nullable(),
  isReviewDue: z.boolean(),
  /** Tags whose conversations are offered this article for the closing reply. */
  tagIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  translations: byLanguage(ZHelpArticleTranslation),
  helpful: ZHelpful,
  abilities: z.object({
    canEdit: z.boolean(),
    canPublish: z.boolean(),
    canDelete: z.boolean(),
    canChangeOwner: z.boolean(),
    canChangeVisibility: z.boolean(),
  }),
});

function presentTranslation(
  article: HelpArticleRow,
  t: HelpArticleTranslationRow,
  publicBase: string,
): z.infer<typeof ZHelpArticleTranslation> {
  const published =
    t.title !== null && t.published_at !== null
      ? {
          title: t.title,
          description: t.description ?? "",
          keywords: t.keywords ?? "",
          body: t.body ?? "",
          version: t.version,
          publishedAt: t.published_at.toISOString(),
        }
      : null;
  return {
    slug: t.slug,
    status: t.status,
    url:
      published && article.visibility === "public"
        ? helpArticleUrl(publicBase, t.lang, article.number, t.slug)
        : null,
    draft: {
      title: t.draft_title,
      description: t.draft_description,
      keywords: t.draft_keywords,
      body: t.draft_body,
      updatedAt: t.draft_updated_at.toISOString(),
    },
    published,
  };
}

/** An article with every language, its tags, feedback counts and the actor's abilities. */
export const presentHelpArticle = (a: {
  article: HelpArticleRow;
  translations: HelpArticleTranslationRow[];
  tagIds: string[];
  helpful: { yes: number; no: number } | undefined;
  abilities: HelpArticleAbilities;
  publicBase: string;
}): z.infer<typeof ZHelpArticle> => ({
  id: a.article.id,
  number: a.article.number,
  sectionId: a.article.section_id,
  visibility: a.article.visibility,
  ownerId: a.article.owner_id,
  owner: ownerOf(a.article),
  reviewBy: a.article.review_by,
  isReviewDue: a.article.is_review_due,
  tagIds: a.tagIds,
  createdAt: a.article.created_at.toISOString(),
  updatedAt: a.article.updated_at.toISOString(),
  translations: keyedByLanguage(a.translations, (t) => presentTranslation(a.article, t, a.publicBase)),
  helpful: { yes: a.helpful?.yes ?? 0, no: a.helpful?.no ?? 0 },
  abilities: {
    canEdit: a.abilities.canEdit,
    canPublish: a.abilities.canPublish,
    canDelete: a.abilities.canDelete,
    canChangeOwner: a.abilities.canChangeOwner,
    canChangeVisibility: a.abilities.canChangeVisibility,
  },
});

export const ZHelpArticleVersion = z.object({
  version: z.number(),
  title: z.string(),
  publishedAt: z.string(),
  publishedBy: ZPerson.nullable(),
});

export const presentHelpArticleVersion = (
  row: HelpArticleVersionRow,
): z.infer<typeof ZHelpArticleVersion> => ({
  version: row.version,
  title: row.title,
  publishedAt: row.published_at.toISOString(),
  publishedBy: row.published_by ? { id: row.published_by, name: row.publisher_name ?? "" } : null,
});

export const ZHelpFeedback = z.object({
  id: z.string(),
  lang: ZHelpLanguage,
  isHelpful: z.boolean(),
  comment: z.string(),
  /** When the reader gave (or last changed) this answer. */
  createdAt: z.string(),
});

export const presentHelpFeedback = (row: HelpFeedbackRow): z.infer<typeof ZHelpFeedback> => ({
  id: row.id,
  lang: row.lang,
  isHelpful: row.is_helpful,
  comment: row.comment,
  createdAt: row.updated_at.toISOString(),
});
