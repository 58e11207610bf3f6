/**
 * Translations and formats for the four languages. Catalogs are flat JSON in locales/<lang>/web.json
 * (the inbox), locales/<lang>/settings.json (the settings screens) and locales/<lang>/knowledge.json (the
 * help center's editor):
 * "key": "text with {name}", and plural keys as objects by CLDR category ({ "one", "few", "many",
 * "other" }), chosen with Intl.PluralRules, so Russian, Croatian and Slovak get their own plural forms.
 * English is bundled; the others load on demand. A key missing in a language falls back to English, and
 * one missing everywhere shows the key itself, so a gap is visible rather than blank.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import enKnowledge from "../../../locales/en/knowledge.json";
import enSettings from "../../../locales/en/settings.json";
import enWeb from "../../../locales/en/web.json";
import type { Language } from "../api/types.js";

import { translate, type Catalog, type Params } from "./translate.js";

export const languages: { code: Language; name: string }[] = [
  { code: "en", name: "English" },
  { code: "ru", name: "Русский" },
  { code: "hr", name: "Hrvatski" },
  { code: "sk", name: "Slovenčina" },
];

const loaders = import.meta.glob<{ default: Catalog }>([
  "../../../locales/*/web.json",
  "../../../locales/*/settings.json",
  "../../../locales/*/knowledge.json",
  "!../../../locales/en/*.json",
]);
const english = { ...(enWeb as Catalog), ...(enSettings as Catalog), ...(enKnowledge as Catalog) };
export type { Catalog, Params };

/** A language's catalog files merged; what is missing falls back to English key by key. */
async function loadCatalog(language: Language): Promise<Catalog> {
  if (language === "en") return english;
  const files = ["web", "settings", "knowledge"].map(
    (name) => loaders[`../../../locales/${language}/${name}.json`],
  );
  const parts = await Promise.all(files.map(async (load) => (load ? (await load()).default : {})));
  return Object.assign({}, ...parts) as Catalog;
}

export interface I18n {
  language: Language;
  t: (key: string, params?: Params) => string;
  setLanguage: (language: Language) => Promise<void>;
  /** "3 Dec 14:05" style, in the browser's time zone. */
  formatDateTime: (iso: string) => string;
  /** "5 minutes ago" / "in 2 hours". */
  formatRelative: (iso: string, now?: number) => string;
  /** "2 h 5 min" style length of a wait. */
  formatDuration: (ms: number) => string;
  formatNumber: (value: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

const STORAGE_KEY = "heed.language";

/** The language to start with: the one chosen last on this device, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && languages.some((l) => l.code === stored)) return stored as Language;
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (languages.some((l) => l.code === code)) return code as Language;
  }
  return "en";
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];

export function I18nProvider({ children, initial }: { children: ReactNode; initial: Language }) {
  const [state, setState] = useState<{ language: Language; catalog: Catalog }>({
    language: "en",
    catalog: english,
  });

  const setLanguage = useCallback(async (language: Language) => {
    const catalog = await loadCatalog(language);
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    setState({ language, catalog });
  }, []);

  useEffect(() => {
    void setLanguage(initial);
  }, [initial, setLanguage]);

  const value = useMemo<I18n>(() => {
    const { language, catalog } = state;
    const t = (key: string, params?: Params) => translate(catalog, english, language, key, params);
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
    const relative = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
    const number = new Intl.NumberFormat(language);
    return {
      language,
      t,
      setLanguage,
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatRelative: (iso, now = Date.now()) => {
        const diff = new Date(iso).getTime() - now;
        for (const [unit, ms] of relativeUnits) {
          if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
        }
        return t("time.justNow");
      },
      formatDuration: (ms) => {
        const minutes = Math.max(0, Math.floor(ms / 60_000));
        if (minutes < 60) return t("duration.minutes", { count: minutes });
        const hours = Math.floor(minutes / 60);
        if (hours < 48) return t("duration.hours", { count: hours });
        return t("duration.days", { count: Math.floor(hours / 24) });
      },
      formatNumber: (n) => number.format(n),
    };
  }, [state, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language's translate function and formats. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
