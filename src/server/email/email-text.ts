import fs from "node:fs";
import { translate, type Catalog, type Params } from "../../shared/translate.js";
import type { Language } from "../lib/guess-language.js";
import { packageRoot } from "../version.js";

const catalogs = new Map<string, Catalog>();

function catalog(language: string): Catalog {
  let found = catalogs.get(language);
  if (!found) {
    const file = new URL(`locales/${language}/email.json`, packageRoot);
    found = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Catalog) : {};
    catalogs.set(language, found);
  }
  return found;
}

/** The text of Heed's own emails (invitations, acknowledgements) in a language, English as fallback. */
export function emailText(language: Language | string, key: string, params?: Params): string {
  return translate(catalog(language), catalog("en"), language, key, params);
}

/** A duration in words for "we answered in about …": minutes under two hours, then hours, then days. */
export function durationText(language: Language | string, seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 120) return emailText(language, "duration.minutes", { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return emailText(language, "duration.hours", { count: hours });
  return emailText(language, "duration.days", { count: Math.round(hours / 24) });
}
