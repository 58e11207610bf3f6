/**
 * The help center's API shapes (docs/help-center-api.md), taken from the server's own zod schemas as
 * types only, like api/types.ts: a changed schema fails the web app's typecheck instead of a screen.
 */
import type { z } from "zod";
import type { ZHelpAnalytics } from "../../server/presenters/help-analytics-presenter.js";
import type {
  ZHelpArticle,
  ZHelpArticleStatus,
  ZHelpArticleSummary,
  ZHelpArticleVersion,
  ZHelpFeedback,
  ZHelpVisibility,
} from "../../server/presenters/help-article-presenter.js";
import type {
  ZHelpCategory,
  ZHelpCenter,
  ZHelpImage,
  ZHelpPage,
  ZHelpSection,
} from "../../server/presenters/help-center-presenter.js";
import type {
  ZCreateHelpArticleBody,
  ZHelpDraftBody,
  ZListHelpArticlesQuery,
  ZUpdateHelpArticleBody,
} from "../../server/routes/help-articles.js";
import type {
  ZCreateHelpCategoryBody,
  ZCreateHelpSectionBody,
  ZUpdateHelpCategoryBody,
  ZUpdateHelpCenterBody,
  ZUpdateHelpSectionBody,
} from "../../server/routes/help-center.js";
import type { ZSaveHelpPageBody } from "../../server/routes/help-center-pages.js";
import type { Language } from "./types.js";

export type { Language };

/** Values per language: only the languages that have one are present. */
export type TTranslations<T> = Partial<Record<Language, T>>;

/** GET /help-center: its settings, where it is published, and what the caller may do. */
export type THelpCenter = z.infer<typeof ZHelpCenter>;
export type THelpCenterPatch = z.input<typeof ZUpdateHelpCenterBody>;

export type THelpCategory = z.infer<typeof ZHelpCategory>;
export type THelpSection = z.infer<typeof ZHelpSection>;
export type TCreateCategoryBody = z.input<typeof ZCreateHelpCategoryBody>;
export type TUpdateCategoryBody = z.input<typeof ZUpdateHelpCategoryBody>;
export type TCreateSectionBody = z.input<typeof ZCreateHelpSectionBody>;
export type TUpdateSectionBody = z.input<typeof ZUpdateHelpSectionBody>;

export type TArticleVisibility = z.infer<typeof ZHelpVisibility>;
/** "changed": published, with a newer draft not yet published. */
export type TTranslationStatus = z.infer<typeof ZHelpArticleStatus>;

/** A row of GET /help-center/articles. */
export type THelpArticleSummary = z.infer<typeof ZHelpArticleSummary>;
/** `?q=&sectionId=&visibility=&owner=me&review=due` of GET /help-center/articles (paging apart). */
export type TArticleFilters = Omit<z.input<typeof ZListHelpArticlesQuery>, "limit" | "cursor">;

/** GET /help-center/articles/:id */
export type THelpArticle = z.infer<typeof ZHelpArticle>;
export type TArticleTranslation = NonNullable<THelpArticle["translations"][Language]>;
export type TArticleAbilities = THelpArticle["abilities"];
/** The text of one language, as the editor holds it. */
export type TArticleContent = Pick<
  TArticleTranslation["draft"],
  "title" | "description" | "keywords" | "body"
>;

export type TCreateArticleBody = z.input<typeof ZCreateHelpArticleBody>;
export type TArticlePatch = z.input<typeof ZUpdateHelpArticleBody>;
export type TTranslationBody = z.input<typeof ZHelpDraftBody>;

export type TArticleVersion = z.infer<typeof ZHelpArticleVersion>;
export type TArticleFeedback = z.infer<typeof ZHelpFeedback>;
export type THelpImage = z.infer<typeof ZHelpImage>;

export type THelpPage = z.infer<typeof ZHelpPage>;
export type THelpPageKind = THelpPage["kind"];
export type TSaveHelpPageBody = z.input<typeof ZSaveHelpPageBody>;

/** GET /help-center/analytics?days= (definitions: docs/help-center.md). */
export type THelpAnalytics = z.infer<typeof ZHelpAnalytics>;
