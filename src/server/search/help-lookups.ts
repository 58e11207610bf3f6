import type { HelpQueryTerm } from "./help-language.js";
import type { HelpVocabulary } from "./help-vocabulary.js";

/** One term to look up in MiniSearch: a word of the query, or a stand-in for one (a completion, a typo fix). */
export interface Lookup {
  term: string;
  /** The word of the query it stands for. */
  of: string;
  weight: number;
  /** Edits MiniSearch may allow (false: the term as it is). */
  fuzzy: number | false;
  /** In so many articles that only their titles, keywords and descriptions are searched for it. */
  isCommon: boolean;
}

/** The word being typed is completed into at most this many known terms, the most frequent. */
const MAX_COMPLETIONS = 12;
/** A completion counts less than the word itself, and less the more letters it adds (as in MiniSearch). */
const completionWeight = (prefix: string, term: string) =>
  (0.375 * prefix.length) / (prefix.length + 0.3 * (term.length - prefix.length));
/** A typo fixed by swapping two letters counts like a MiniSearch fuzzy match at distance 1. */
const typoWeight = (term: string) => (0.45 * term.length) / (term.length + 1);

/**
 * A term in more articles than this is looked up in titles, keywords and descriptions only: in the
 * bodies it says little about any one article, and scoring thousands of them would cost more than the
 * rest of the search.
 */
const COMMON_TERM_ARTICLES = 1000;

/** At most this many words of a question are looked up (see questionTerms). */
const MAX_QUESTION_TERMS = 12;

/** The word with two neighbouring letters swapped, at each place ("dostva" → "odstva", …, "dostav"). */
function transpositions(term: string): string[] {
  const swapped: string[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] !== term[i + 1]) swapped.push(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
  }
  return swapped;
}

/**
 * What to look up for the words of a query, each term once (the query's own words first). A word some
 * article contains is taken as spelled right, which saves time and keeps "order" from "border". Another
 * is looked up with its typo allowance, and as the known words it becomes with two neighbouring letters
 * swapped ("dostva" → "dostav": one slip of the fingers, two edits for MiniSearch). The word being typed
 * is also completed into the most frequent known terms it starts.
 */
export function lookupsFor(terms: HelpQueryTerm[], vocabulary: HelpVocabulary): Lookup[] {
  const lookups = new Map<string, Lookup>();
  const put = (term: string, of: string, weight: number, fuzzy: number | false) => {
    if (lookups.has(term)) return;
    const isCommon = vocabulary.frequency(term) > COMMON_TERM_ARTICLES;
    lookups.set(term, { term, of, weight, fuzzy, isCommon });
  };
  for (const { term, maxEdits } of terms) {
    put(term, term, 1, vocabulary.frequency(term) > 0 ? false : maxEdits || false);
  }
  for (const { term, maxEdits, isPrefix } of terms) {
    if (maxEdits > 0 && vocabulary.frequency(term) === 0) {
      for (const swapped of transpositions(term)) {
        if (vocabulary.frequency(swapped) > 0) put(swapped, term, typoWeight(term), false);
      }
    }
    if (isPrefix) {
      for (const completion of vocabulary.completions(term, MAX_COMPLETIONS)) {
        put(completion, term, completionWeight(term, completion), false);
      }
    }
  }
  return [...lookups.values()];
}

/**
 * The words of a question worth looking up: the rarest known ones (they say what the question is about)
 * and unknown ones that may be typos; at most MAX_QUESTION_TERMS, so a pasted email costs no more than
 * a paragraph. Words no article contains and that cannot be typos are dropped.
 */
export function questionTerms(terms: HelpQueryTerm[], vocabulary: HelpVocabulary): HelpQueryTerm[] {
  const rarity = (term: HelpQueryTerm) => vocabulary.frequency(term.term) || Infinity;
  return terms
    .map((term, order) => ({ term, order }))
    .filter(({ term }) => vocabulary.frequency(term.term) > 0 || term.maxEdits > 0)
    .sort((a, b) => rarity(a.term) - rarity(b.term) || a.order - b.order)
    .slice(0, MAX_QUESTION_TERMS)
    .sort((a, b) => a.order - b.order)
    .map(({ term }) => term);
}
