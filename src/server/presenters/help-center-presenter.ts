import { z } from "zod";
import {
  HELP_LANGUAGES,
  type HelpCategoryRow,
  type HelpLanguage,
  type HelpSectionRow,
} from "../models/help-categories.js";
import type { HelpCenterRow } from "../models/help-centers.js";
import type { HelpImageRow } from "../models/help-images.js";
import type { HelpPageRow } from "../models/help-pages.js";
import type { HelpCenterAbilities } from "../policies/help-center-policy.js";

export const ZHelpLanguage = z.enum(HELP_LANGUAGES);

/** An object with one optional key per language: only the languages that have a value are present. */
export const byLanguage = <T extends z.ZodType>(item: T) =>
  z.object({ en: item.optional(), ru: item.optional(), hr: item.optional(), sk: item.optional() });

/** Rows with a `lang` as an object keyed by language. */
export function keyedByLanguage<R extends { lang: HelpLanguage }, T>(
  rows: R[],
  present: (row: R) => T,
): Partial<Record<HelpLanguage, T>> {
  return Object.fromEntries(rows.map((row) => [row.lang, present(row)]));
}

/** Where uploaded images are served (publicly, by their random id). */
export const helpImagePath = (id: string): string => `/help/images/${id}`;

export const ZHelpCenter = z.object({
  title: z.string().nullable(),
  /** The workspace's name: the title shown when none is set. */
  defaultTitle: z.string(),
  host: z.string().nullable(),
  primaryColor: z.string(),
  logoImageId: z.string().nullable(),
  logoUrl: z.string().nullable(),
  chatInboxId: z.string().nullable(),
  defaultLanguage: ZHelpLanguage,
  languages: z.array(ZHelpLanguage),
  /** The help center's public address, e.g. http://127.0.0.1:3000/help. */
  publicUrl: z.string(),
  abilities: z.object({ canManage: z.boolean(), canCreateArticles: z.boolean() }),
});

export const presentHelpCenter = (
  row: HelpCenterRow,
  publicBase: string,
  abilities: HelpCenterAbilities,
): z.infer<typeof ZHelpCenter> => ({
  title: row.title,
  defaultTitle: row.workspace_name,
  host: row.host,
  primaryColor: row.primary_color,
  logoImageId: row.logo_image_id,
  logoUrl: row.logo_image_id ? helpImagePath(row.logo_image_id) : null,
  chatInboxId: row.chat_inbox_id,
  defaultLanguage: row.default_language,
  languages: [...HELP_LANGUAGES],
  publicUrl: `${publicBase}/help`,
  abilities: { canManage: abilities.canManage, canCreateArticles: abilities.canCreateArticles },
});

export const ZHelpSection = z.object({
  id: z.string(),
  categoryId: z.string(),
  position: z.number(),
  translations: byLanguage(z.object({ name: z.string() })),
  /** Articles in it (deleted ones not counted). */
  articleCount: z.number(),
});

export const presentHelpSection = (row: HelpSectionRow): z.infer<typeof ZHelpSection> => ({
  id: row.id,
  categoryId: row.category_id,
  position: row.position,
  translations: keyedByLanguage(row.translations, (t) => ({ name: t.name })),
  articleCount: row.article_count,
});

export const ZHelpCategory = z.object({
  id: z.string(),
  /** Its stable public address: /help/:lang/categories/:number-:slug. */
  number: z.number(),
  position: z.number(),
  translations: byLanguage(z.object({ name: z.string(), description: z.string(), slug: z.string() })),
  sections: z.array(ZHelpSection),
  articleCount: z.number(),
});

/** A category with its sections (those of `sections` that belong to it, in their order). */
export const presentHelpCategory = (
  row: HelpCategoryRow,
  sections: HelpSectionRow[],
): z.infer<typeof ZHelpCategory> => ({
  id: row.id,
  number: row.number,
  position: row.position,
  translations: keyedByLanguage(row.translations, (t) => ({
    name: t.name,
    description: t.description,
    slug: t.slug,
  })),
  sections: sections.filter((s) => s.category_id === row.id).map(presentHelpSection),
  articleCount: row.article_count,
});

export const ZHelpPage = z.object({
  kind: z.enum(["contact", "complaints"]),
  lang: ZHelpLanguage,
  title: z.string(),
  /** Markdown. */
  body: z.string(),
  updatedAt: z.string(),
});

export const presentHelpPage = (row: HelpPageRow): z.infer<typeof ZHelpPage> => ({
  kind: row.kind,
  lang: row.lang,
  title: row.title,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

export const ZHelpImage = z.object({
  id: z.string(),
  /** Relative to the help center's host: /help/images/:id. */
  url: z.string(),
  fileName: z.string(),
});

export const presentHelpImage = (row: HelpImageRow): z.infer<typeof ZHelpImage> => ({
  id: row.id,
  url: helpImagePath(row.id),
  fileName: row.file_name,
});
