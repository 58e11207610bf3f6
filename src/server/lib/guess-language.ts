export type Language = "en" | "ru" | "hr" | "sk";

// Letters only one of the two Latin-script languages uses. Croatian has no acute vowels; Slovak has no
// ć or đ. (č, š, ž are shared, so they decide nothing.)
const CROATIAN_LETTERS = /[ćđ]/giu;
const SLOVAK_LETTERS = /[áäéíĺľňóôŕťúýď]/giu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

// Frequent short words, written without diacritics (the text is compared after stripping them), so a
// message typed on an English keyboard is still recognised. One-letter words ("a", "i", "u") are left
// out: English has them too.
const WORDS: Record<"en" | "hr" | "sk", Set<string>> = {
  en: new Set(
    "the and is are was my you your not have has for with this that please thanks thank order what when where how can could would will from our".split(
      " ",
    ),
  ),
  hr: new Set(
    "je na da se nije sam su za sto kako molim hvala ali bih bi jos vec gdje kada mi vas vam moja moj nisam jer samo ovo".split(
      " ",
    ),
  ),
  sk: new Set(
    "je na sa som nie to ako prosim dakujem ale by uz kde kedy mi vas vam moja moj nemam som bola bolo aj ktory preco tak".split(
      " ",
    ),
  ),
};

const stripDiacritics = (text: string) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");

/**
 * Guesses which of Heed's four languages a customer wrote in, from the letters and the most frequent
 * words, so new conversations get the right stemming for search and the right reply-coach rules.
 * Returns null when the text gives no clear sign (e.g. only numbers); the caller picks a default.
 */
export function guessLanguage(text: string): Language | null {
  const cyrillic = text.match(CYRILLIC)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (cyrillic === 0 && latin === 0) return null;
  if (cyrillic > latin) return "ru";

  const scores = { en: 0, hr: 0, sk: 0 };
  scores.hr += 3 * (text.match(CROATIAN_LETTERS)?.length ?? 0);
  scores.sk += 3 * (text.match(SLOVAK_LETTERS)?.length ?? 0);
  // Whole words only: "3f2a9c1d" (an order or tracking code) must not count as the Slovak word "a".
  for (const word of stripDiacritics(text.toLowerCase()).split(/[\s\p{P}\p{S}]+/u)) {
    if (!/^[a-z]+$/.test(word)) continue;
    for (const language of ["en", "hr", "sk"] as const) {
      if (WORDS[language].has(word)) scores[language] += 1;
    }
  }
  const ranked = (Object.entries(scores) as ["en" | "hr" | "sk", number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return null;
  // A tie between the two Slavic languages is not a decision; English wins ties only when it leads.
  if (second && best[1] === second[1]) return null;
  return best[0];
}
