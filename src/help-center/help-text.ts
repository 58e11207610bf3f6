import fs from "node:fs";
import { translate, type Catalog, type Params } from "../shared/translate.js";
import { packageRoot } from "../server/version.js";
import type { HelpLang } from "./languages.js";

const catalogs = new Map<string, Catalog>();

function catalog(language: string): Catalog {
  let found = catalogs.get(language);
  if (!found) {
    const file = new URL(`locales/${language}/help.json`, packageRoot);
    found = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Catalog) : {};
    catalogs.set(language, found);
  }
  return found;
}

/** A text of the public help center in a language (locales/<lang>/help.json), English as fallback. */
export function helpText(language: HelpLang, key: string, params?: Params): string {
  return translate(catalog(language), catalog("en"), language, key, params);
}

/** The texts of one language, bound: `t("search.button")`. */
export type HelpTexts = (key: string, params?: Params) => string;
export const helpTexts =
  (language: HelpLang): HelpTexts =>
  (key, params) =>
    helpText(language, key, params);

/** A duration in words for "we usually reply within …": minutes under two hours, then hours, then days. */
export function helpDuration(language: HelpLang, seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 120) return helpText(language, "duration.minutes", { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return helpText(language, "duration.hours", { count: hours });
  return helpText(language, "duration.days", { count: Math.round(hours / 24) });
}
