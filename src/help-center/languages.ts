import type { Language } from "../server/lib/guess-language.js";

/** A language the help center is written in. */
export type HelpLang = Language;

/** The help center's languages, in the order the language switch shows them. */
export const helpLanguages: readonly HelpLang[] = ["en", "ru", "hr", "sk"];

export const isHelpLang = (value: string): value is HelpLang => (helpLanguages as string[]).includes(value);

/** Each language's name in itself, for the language switch. */
export const languageAutonyms: Record<HelpLang, string> = {
  en: "English",
  ru: "Русский",
  hr: "Hrvatski",
  sk: "Slovenčina",
};

/** Open Graph locales (language_TERRITORY). */
export const ogLocales: Record<HelpLang, string> = { en: "en_US", ru: "ru_RU", hr: "hr_HR", sk: "sk_SK" };

/** `language` named in `uiLang` ("английский" on a Russian page). */
export function languageName(language: HelpLang, uiLang: HelpLang): string {
  return new Intl.DisplayNames([uiLang], { type: "language" }).of(language) ?? languageAutonyms[language];
}

/**
 * The reader's language from an Accept-Language header: the help-center language with the highest
 * weight (matched by primary subtag, so hr-HR and sk-SK count), else `fallback`. A weight of 0 refuses.
 */
export function pickLanguage(acceptLanguage: string | undefined, fallback: HelpLang): HelpLang {
  let best: HelpLang = fallback;
  let bestQ = 0;
  for (const part of (acceptLanguage ?? "").split(",").slice(0, 30)) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const primary = tag.trim().split("-")[0] ?? "";
    if (!isHelpLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    // Earlier entries win ties, as the header lists them in the reader's order.
    if (Number.isFinite(q) && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
