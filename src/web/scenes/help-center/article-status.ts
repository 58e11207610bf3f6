/**
 * What the article screens say about translations: each language's state (published, changed since,
 * draft, missing) in the fixed order of the help center's languages, and which title or name to show in
 * the reader's UI language.
 */
import type {
  Language,
  TTranslations,
  TTranslationStatus,
  THelpArticle,
  THelpArticleSummary,
} from "../../api/help-center-types.js";

/** The help center's languages, in the order tabs and chips show them. */
export const helpLanguages: readonly Language[] = ["en", "ru", "hr", "sk"];

/** A language's state as a chip shows it: the API's three, and "missing" for a language not written. */
export type TChipStatus = TTranslationStatus | "missing";

/** One chip per help-center language, in order, for a row of the article list. */
export function languageChips(
  languages: THelpArticleSummary["languages"],
): { lang: Language; status: TChipStatus }[] {
  return helpLanguages.map((lang) => ({
    lang,
    status: languages.find((entry) => entry.lang === lang)?.status ?? "missing",
  }));
}

/** A language's state in a full article (the editor's tabs). */
export function translationStatus(article: THelpArticle | undefined, lang: Language): TChipStatus {
  return article?.translations[lang]?.status ?? "missing";
}

/** The title in the reader's language when that translation exists, else the first one there is. */
export function articleTitle(languages: THelpArticleSummary["languages"], uiLanguage: Language): string {
  const own = languages.find((entry) => entry.lang === uiLanguage && entry.title.trim());
  return (own ?? languages.find((entry) => entry.title.trim()))?.title ?? "";
}

/** A category's or section's name in the reader's language, else in the first language that has one. */
export function localName(translations: TTranslations<{ name: string }>, uiLanguage: Language): string {
  const own = translations[uiLanguage]?.name;
  if (own) return own;
  for (const lang of helpLanguages) {
    const name = translations[lang]?.name;
    if (name) return name;
  }
  return "";
}

/** The language an article opens in: the reader's when written, else the first written, else theirs. */
export function openingLanguage(article: THelpArticle | undefined, uiLanguage: Language): Language {
  if (!article || article.translations[uiLanguage]) return uiLanguage;
  return helpLanguages.find((lang) => article.translations[lang]) ?? uiLanguage;
}
