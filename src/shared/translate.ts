/** A catalog entry: a text, or a plural entry by CLDR category ("one", "few", "many", "other"). */
export type Entry = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Catalog = Record<string, Entry>;
export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders (numbers formatted for the language); unknown ones stay as written. */
export function fill(text: string, params?: Params, locale?: string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? value.toLocaleString(locale) : value;
  });
}

/**
 * Looks `key` up in `catalog`, then in `fallback` (English); a key missing from both comes back as the
 * key itself, so a gap shows instead of a blank. Plural entries are chosen by `params.count` with the
 * language's own plural rules (Intl.PluralRules), so "2 разговора" and "5 разговоров" differ.
 */
export function translate(
  catalog: Catalog,
  fallback: Catalog,
  language: string,
  key: string,
  params?: Params,
): string {
  const entry = catalog[key] ?? fallback[key];
  if (entry === undefined) return key;
  if (typeof entry === "string") return fill(entry, params, language);
  const category = new Intl.PluralRules(language).select(Number(params?.count ?? 0));
  const other = fallback[key];
  const text =
    entry[category] ??
    entry.other ??
    (typeof other === "object" ? (other[category] ?? other.other) : undefined) ??
    key;
  return fill(text, params, language);
}
