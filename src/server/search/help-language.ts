import { stemmer as stemEnglish } from "@orama/stemmers/english";
import { stemmer as stemRussian } from "@orama/stemmers/russian";
import { stemmer as stemSerbian } from "@orama/stemmers/serbian";
import { stemSlovak } from "./help-stemmer-sk.js";
import { helpStopWordText } from "./help-stopwords.js";

/** The languages of the help center; each article exists in one of them and is searched in it only. */
export type HelpLang = "en" | "ru" | "hr" | "sk";

/** Every help center language, in a fixed order (one index each). */
export const helpLangs: readonly HelpLang[] = ["en", "ru", "hr", "sk"];

/** One value per help center language, made by `make`. */
export const perHelpLang = <T>(make: (lang: HelpLang) => T): Record<HelpLang, T> => ({
  en: make("en"),
  ru: make("ru"),
  hr: make("hr"),
  sk: make("sk"),
});

/** True for a language code the help center's search knows. */
export const isHelpLang = (value: string): value is HelpLang =>
  (helpLangs as readonly string[]).includes(value);

/** Letters, combining marks and digits; anything else (spaces, punctuation, apostrophes, hyphens) splits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** A lowercase word of plain ASCII letters and digits has nothing to fold. */
const PLAIN = /^[a-z0-9]*$/;
const DIGIT = /\p{N}/u;
/** Longer "words" are codes, hashes or glued garbage: indexed as they are, never stemmed. */
const MAX_WORD_LENGTH = 40;

/** Letters that have no decomposed form, so removing accents alone leaves them as they are. */
const UNDECOMPOSED: Record<string, string> = { đ: "d", ł: "l", ø: "o", ß: "ss", æ: "ae", œ: "oe" };

/** Each non-ASCII letter met so far, folded (see fold); words are folded letter by letter from here. */
const foldedLetters = new Map<string, string>();

function foldLetter(letter: string): string {
  let folded = foldedLetters.get(letter);
  if (folded === undefined) {
    if (CYRILLIC.test(letter)) folded = letter === "ё" ? "е" : letter;
    else folded = UNDECOMPOSED[letter] ?? letter.normalize("NFKD").replace(/\p{M}/gu, "");
    foldedLetters.set(letter, folded);
  }
  return folded;
}

/**
 * The lowercase word without diacritics, so "racun" meets "račun" and "postovne" meets "poštovné".
 * Cyrillic keeps its letters (й is not и) except ё, which Russian writes as е most of the time.
 */
function fold(word: string): string {
  if (PLAIN.test(word)) return word;
  let folded = "";
  for (const letter of word) folded += letter < "\u0080" ? letter : foldLetter(letter);
  return folded;
}

/**
 * The stem of a lowercase word. Croatian goes to Snowball's Serbian stemmer, which is built on Ljubešić
 * and Pandžić's stemmer for Croatian (same inflection; it also reduces ijekavian "ije/je" to "e", so
 * "cijena" → "cen"). Slovak has no maintained stemmer: help-stemmer-sk.ts, which works on folded words.
 * Latin words in a Russian text (brands, "email") are stemmed as English.
 */
function stem(word: string, lang: HelpLang): string {
  if (word.length > MAX_WORD_LENGTH || DIGIT.test(word)) return word;
  switch (lang) {
    case "en":
      return stemEnglish(word);
    case "ru":
      return CYRILLIC.test(word) ? stemRussian(word) : stemEnglish(word);
    case "hr": {
      // The stemmer cuts the final t of nouns in -at/-it in the nominative only ("povrat" → "povra" but
      // "povrata" → "povrat", "kredit" → "kredi"): keep it, so every case of the noun meets.
      const stemmed = stemSerbian(word);
      return stemmed + "t" === word ? word : stemmed;
    }
    case "sk":
      return stemSlovak(fold(word));
  }
}

/**
 * The stems of a lowercase word: of the word as written, folded ("vraćena" → "vracen"), then, when it
 * differs, of the word typed without diacritics ("vracena" → "vrac").
 */
function stemsOf(lower: string, folded: string, lang: HelpLang): string[] {
  if (lang === "sk") return [stem(folded, lang)];
  const asWritten = fold(stem(lower, lang));
  const typedPlain = folded === lower ? asWritten : stem(folded, lang);
  return asWritten === typedPlain ? [asWritten] : [asWritten, typedPlain];
}

const stopWords = perHelpLang((lang) => new Set(helpStopWordText[lang].trim().split(/\s+/).map(fold)));

/**
 * What each lowercase word indexes as, per language: its forms (see wordForms), or null for a stop word
 * or a lone letter. Indexing looks every word up here, so the cache is what keeps indexing fast; it is
 * cleared when full (queries bring endless new words).
 */
const wordCache = perHelpLang(() => new Map<string, readonly string[] | null>());
const WORD_CACHE_SIZE = 300_000;

function analyze(lower: string, lang: HelpLang): readonly string[] | null {
  const cache = wordCache[lang];
  let forms = cache.get(lower);
  if (forms === undefined) {
    const folded = fold(lower);
    const isContent = (lower.length > 1 || DIGIT.test(lower)) && !stopWords[lang].has(folded);
    forms = isContent ? stemsOf(lower, folded, lang) : null;
    if (cache.size >= WORD_CACHE_SIZE) cache.clear();
    cache.set(lower, forms);
  }
  return forms;
}

/**
 * The normalized forms of a word: first the stem of the word as written, without diacritics
 * ("vraćena" → "vracen"), then, when it differs, the stem of the word typed without them ("vracena" →
 * "vrac"). Indexing both lets a query typed either way meet the article; a query uses the first.
 * Empty for a stop word or a lone letter.
 */
export function wordForms(word: string, lang: HelpLang): readonly string[] {
  return analyze(word.toLowerCase(), lang) ?? [];
}

/**
 * The form search compares: lowercase, stemmed, without diacritics ("Возвратом" → "возврат",
 * "dostavu" → "dostav", "objednávky" → "objednavk", "Returning" → "return"). Stop words are
 * normalized too; tokenizeForSearch is what drops them.
 */
export function normalizeWord(word: string, lang: HelpLang): string {
  const lower = word.toLowerCase();
  return analyze(lower, lang)?.[0] ?? fold(stem(lower, lang));
}

/** True for a word the search ignores in `lang` ("the", "и", "je", "sa"), with or without diacritics. */
export function isStopWord(word: string, lang: HelpLang): boolean {
  return stopWords[lang].has(fold(word.toLowerCase()));
}

/** A word of a text and where it is, for highlighting. */
export interface TextWord {
  word: string;
  start: number;
  end: number;
}

/** The words of a text with their offsets (letters and digits; everything else separates). */
export function splitWords(text: string): TextWord[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    word: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/**
 * The normalized terms of a text in reading order, stop words and lone letters removed: what a query
 * looks for ("How do I return shoes?" → ["return", "shoe"]).
 */
export function tokenizeForSearch(text: string, lang: HelpLang): string[] {
  const terms: string[] = [];
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const forms = analyze(word, lang);
    if (forms?.[0] !== undefined) terms.push(forms[0]);
  }
  return terms;
}

/** Like tokenizeForSearch, with every form of each word (see wordForms): what the index stores. */
export function indexTermsOf(text: string, lang: HelpLang): string[] {
  const terms: string[] = [];
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const forms = analyze(word, lang);
    if (forms) for (const form of forms) terms.push(form);
  }
  return terms;
}

/**
 * How a query is read: "search" for what someone types in the search box (the last word may be
 * unfinished, so it also matches as a prefix); "question" for a whole customer message (every word is
 * finished, any content word may match).
 */
export type HelpSearchMode = "search" | "question";

/** One word of a query, normalized, and how loosely it may match. */
export interface HelpQueryTerm {
  term: string;
  /** Also matches index terms that start with it (the word being typed). */
  isPrefix: boolean;
  /** Edits allowed for a typo: 0 below 4 letters, 1 from 4, 2 from 8 (see maxEditsFor). */
  maxEdits: number;
}

/** Longer queries are cut here: a pasted email should not cost more than a paragraph. */
const MAX_QUERY_LENGTH = 1000;
/** The word being typed matches as a prefix from this many letters; shorter, it would match half the index. */
const MIN_PREFIX_LENGTH = 3;

/**
 * Edits allowed by the length of the word as typed, and never so many that a short stem could turn
 * into another word ("cats" → "cat" gets none).
 */
function maxEditsFor(typed: string, term: string): number {
  const byLength = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  return Math.max(0, Math.min(byLength, term.length - 3));
}

/**
 * The terms of a query, each once, in order. In "search" mode a last word not followed by a space or a
 * punctuation mark is being typed: it matches as a prefix, and is kept even when it is a stop word
 * ("can" may become "cancel").
 */
export function parseHelpQuery(query: string, lang: HelpLang, mode: HelpSearchMode): HelpQueryTerm[] {
  const text = query.slice(0, MAX_QUERY_LENGTH);
  const words = splitWords(text);
  const last = words.at(-1);
  const typing = mode === "search" && last !== undefined && last.end === text.length ? last : undefined;
  const terms = new Map<string, HelpQueryTerm>();
  for (const entry of words) {
    const isTyped = entry === typing;
    const lower = entry.word.toLowerCase();
    const normalized = analyze(lower, lang)?.[0];
    const term = normalized ?? (isTyped ? fold(lower) : "");
    if (term.length < (normalized ? 1 : MIN_PREFIX_LENGTH)) continue;
    const isPrefix = isTyped && term.length >= MIN_PREFIX_LENGTH;
    const maxEdits = normalized ? maxEditsFor(fold(lower), term) : 0;
    const seen = terms.get(term);
    terms.set(term, {
      term,
      isPrefix: isPrefix || (seen?.isPrefix ?? false),
      maxEdits: Math.max(maxEdits, seen?.maxEdits ?? 0),
    });
  }
  return [...terms.values()];
}

/**
 * True when `a` and `b` differ by at most `max` edits: a letter inserted, deleted or replaced, or two
 * neighbouring letters swapped (optimal string alignment distance).
 */
export function isWithinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  // Three rows of the distance table: two rows back (for swaps), the previous row, the current one.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? i) + 1, (current[j - 1] ?? j) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    before = previous;
    previous = current;
  }
  return (previous[b.length] ?? Infinity) <= max;
}
