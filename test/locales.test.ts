import fs from "node:fs";
import { describe, expect, it } from "vitest";

// The catalogs of every language must say everything English says, with the plural forms their own
// language needs and the same placeholders, or a screen shows English or a raw "{name}" to the user.
type Entry = string | Record<string, string>;
const root = new URL("../locales/", import.meta.url);
const languages = ["ru", "hr", "sk"];
const files = fs.readdirSync(new URL("en/", root)).filter((f) => f.endsWith(".json"));
const read = (lang: string, file: string): Record<string, Entry> =>
  JSON.parse(fs.readFileSync(new URL(`${lang}/${file}`, root), "utf8")) as Record<string, Entry>;
const placeholders = (entry: Entry) =>
  [
    ...new Set(
      (typeof entry === "string" ? [entry] : Object.values(entry)).flatMap((t) => t.match(/\{\w+\}/g) ?? []),
    ),
  ].sort();

/** The plural categories a language uses for whole numbers (what a count can be). */
function integerCategories(lang: string): string[] {
  const rules = new Intl.PluralRules(lang);
  const seen = new Set<string>();
  for (let n = 0; n <= 200; n++) seen.add(rules.select(n));
  return [...seen].sort();
}

describe.each(files)("locales/*/%s", (file) => {
  const en = read("en", file);
  it.each(languages)("%s has every English key, with the same placeholders", (lang) => {
    const catalog = read(lang, file);
    const missing = Object.keys(en).filter((key) => !(key in catalog));
    expect(missing).toEqual([]);
    const extra = Object.keys(catalog).filter((key) => !(key in en));
    expect(extra).toEqual([]);
    for (const [key, entry] of Object.entries(en)) {
      expect(placeholders(catalog[key]!), `${lang} ${key}`).toEqual(placeholders(entry));
    }
  });

  it.each(languages)("%s gives every plural entry each form its whole numbers need", (lang) => {
    const catalog = read(lang, file);
    for (const [key, entry] of Object.entries(catalog)) {
      if (typeof en[key] === "string") {
        expect(typeof entry, `${lang} ${key}`).toBe("string");
        continue;
      }
      // Entries counted by {count} need every category; others (e.g. a list of tag names) need "other".
      const counted = placeholders(en[key]!).includes("{count}");
      const need = counted ? integerCategories(lang) : ["other"];
      for (const category of need) {
        expect((entry as Record<string, string>)[category], `${lang} ${key} ${category}`).toBeTruthy();
      }
    }
  });
});
