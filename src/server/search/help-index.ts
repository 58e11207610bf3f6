import MiniSearch, { type Query, type SearchResult } from "minisearch";
import {
  type HelpLang,
  type HelpQueryTerm,
  type HelpSearchMode,
  helpLangs,
  indexTermsOf,
  isHelpLang,
  parseHelpQuery,
  perHelpLang,
} from "./help-language.js";
import { type Lookup, lookupsFor, questionTerms } from "./help-lookups.js";
import { createHelpVocabulary, type HelpVocabulary } from "./help-vocabulary.js";

/** What the search knows of one article in one language. `body` is plain text, not markdown. */
export interface HelpSearchDocument {
  id: string;
  lang: HelpLang;
  title: string;
  description: string;
  keywords: string;
  body: string;
}

/** One article found: its id, its score (higher is better) and the normalized index terms it matched. */
export interface HelpSearchHit {
  id: string;
  score: number;
  terms: string[];
}

/** How to search: how many hits, and how to read the query. */
export interface HelpSearchOptions {
  /** At most this many hits: 20 in "search" mode, 5 in "question" mode unless given. */
  limit?: number;
  /** "search" (default) for a typed query, "question" for a whole customer message. */
  mode?: HelpSearchMode;
}

/** The help center's in-memory search: one index per language, updated article by article. */
export interface HelpIndex {
  /** Adds an article, or replaces the one with the same id and language. Throws on an unknown language. */
  add(doc: HelpSearchDocument): void;
  /** Removes an article from its language's index; nothing happens if it is not there. */
  remove(id: string, lang: HelpLang): void;
  /** True when the article is indexed in that language. */
  has(id: string, lang: HelpLang): boolean;
  /** Articles indexed, all languages together. */
  readonly size: number;
  /** Articles of `lang` matching `query`, best first; equal scores in id order, so answers are repeatable. */
  search(query: string, lang: HelpLang, options?: HelpSearchOptions): HelpSearchHit[];
}

const FIELDS = ["title", "keywords", "description", "body"] as const;
type Field = (typeof FIELDS)[number];
const SHORT_FIELDS: Field[] = ["title", "keywords", "description"];

/** A word in the title counts three times one in the body; keywords and description twice. */
const FIELD_BOOSTS: Record<Field, number> = { title: 3, keywords: 2, description: 2, body: 1 };

/**
 * A question's hit must reach this share of the best hit's score; below it, the words it shares with the
 * question are incidental ("two" in "after two weeks" meeting "two-factor").
 */
const QUESTION_MIN_SCORE_RATIO = 0.25;

/**
 * An article as MiniSearch stores it: each field holds its normalized terms joined by spaces, so words are
 * stemmed once, and removing the article later gives MiniSearch back exactly the terms it indexed.
 */
type IndexedDoc = { id: string } & Record<Field, string>;

interface LanguageIndex {
  miniSearch: MiniSearch<IndexedDoc>;
  docs: Map<string, IndexedDoc>;
  vocabulary: HelpVocabulary;
}

function createLanguageIndex(): LanguageIndex {
  const miniSearch = new MiniSearch<IndexedDoc>({
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => (text ? text.split(" ") : []),
    processTerm: (term) => term,
  });
  return { miniSearch, docs: new Map(), vocabulary: createHelpVocabulary() };
}

const termsOf = (doc: IndexedDoc) => FIELDS.flatMap((field) => (doc[field] ? doc[field].split(" ") : []));

/** A scored article before ranking: `matched` counts the words of the query it matched. */
interface Candidate {
  result: SearchResult;
  id: string;
  score: number;
  matched: number;
}

/**
 * The articles matching any lookup (see lookupsFor), scored. Like MiniSearch, a score is multiplied by
 * the number of query words matched, so articles matching more of the query rank higher without
 * dropping those that match only some; a word matched through several stand-ins counts once.
 * `isNarrowed`: common terms are looked up in the short fields only.
 */
function findCandidates(index: LanguageIndex, lookups: Lookup[], isNarrowed: boolean): Candidate[] {
  const wordOf = new Map(lookups.map((lookup) => [lookup.term, lookup.of]));
  const hasStandIns = lookups.some((lookup) => lookup.of !== lookup.term);
  const query: Query = {
    combineWith: "OR",
    queries: lookups.map((lookup) => ({
      queries: [lookup.term],
      fuzzy: lookup.fuzzy,
      boostTerm: () => lookup.weight,
      ...(isNarrowed && lookup.isCommon ? { fields: SHORT_FIELDS } : {}),
    })),
  };
  const results = index.miniSearch.search(query, {
    tokenize: (text) => [text],
    processTerm: (term) => term,
    boost: FIELD_BOOSTS,
  });
  return results.map((result) => {
    // MiniSearch multiplied by the number of lookups matched; count words of the query instead.
    const looked = result.queryTerms.length;
    const matched = hasStandIns ? new Set(result.queryTerms.map((term) => wordOf.get(term))).size : looked;
    return { result, id: String(result.id), matched, score: (result.score / Math.max(1, looked)) * matched };
  });
}

/**
 * Whether a question's hit is worth suggesting: with several words in the question it must share two of
 * them, or one in its title or keywords.
 */
function isQuestionEvidence({ result, matched }: Candidate, termCount: number): boolean {
  if (matched >= Math.min(2, termCount)) return true;
  return Object.values(result.match).some(
    (fields) => fields.includes("title") || fields.includes("keywords"),
  );
}

const ranksAbove = (a: Candidate, b: Candidate) => a.score > b.score || (a.score === b.score && a.id < b.id);

/** The `limit` best candidates that `keep` accepts, best first (equal scores in id order). */
function bestCandidates(
  candidates: Candidate[],
  limit: number,
  keep: (c: Candidate) => boolean,
): Candidate[] {
  const best: Candidate[] = [];
  for (const candidate of candidates) {
    const last = best.at(-1);
    if (best.length >= limit && last && !ranksAbove(candidate, last)) continue;
    if (!keep(candidate)) continue;
    let at = best.length;
    while (at > 0 && ranksAbove(candidate, best[at - 1] as Candidate)) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Creates the help center's search over `docs` (any languages). Pure and in memory: the caller adds an
 * article when it is published or edited and removes it when it is unpublished. Throws like `add`.
 */
export function createHelpIndex(docs: HelpSearchDocument[] = []): HelpIndex {
  const indexes = perHelpLang(createLanguageIndex);

  function remove(id: string, lang: HelpLang): void {
    const index = indexes[lang];
    const doc = index?.docs.get(id);
    if (!index || !doc) return;
    // remove (not discard): it updates the index at once, so scores never depend on a background vacuum.
    index.miniSearch.remove(doc);
    index.docs.delete(id);
    index.vocabulary.count(termsOf(doc), -1);
  }

  function add(doc: HelpSearchDocument): void {
    if (!isHelpLang(doc.lang)) throw new Error(`Unknown help center language: ${String(doc.lang)}`);
    remove(doc.id, doc.lang);
    const index = indexes[doc.lang];
    const title = indexTermsOf(doc.title, doc.lang);
    const keywords = indexTermsOf(doc.keywords, doc.lang);
    const description = indexTermsOf(doc.description, doc.lang);
    const body = indexTermsOf(doc.body, doc.lang);
    const indexed: IndexedDoc = {
      id: doc.id,
      title: title.join(" "),
      keywords: keywords.join(" "),
      description: description.join(" "),
      body: body.join(" "),
    };
    index.miniSearch.add(indexed);
    index.docs.set(doc.id, indexed);
    index.vocabulary.count([...title, ...keywords, ...description, ...body], 1);
  }

  function search(query: string, lang: HelpLang, options: HelpSearchOptions = {}): HelpSearchHit[] {
    const mode = options.mode ?? "search";
    const limit = options.limit ?? (mode === "question" ? 5 : 20);
    const index = indexes[lang];
    if (!index || limit <= 0) return [];
    let terms: HelpQueryTerm[] = parseHelpQuery(query, lang, mode);
    if (mode === "question") terms = questionTerms(terms, index.vocabulary);
    if (terms.length === 0) return [];

    const lookups = lookupsFor(terms, index.vocabulary);
    let candidates = findCandidates(index, lookups, true);
    // A common word found in no title, keywords or description: look in the bodies after all.
    if (candidates.length === 0 && lookups.some((lookup) => lookup.isCommon)) {
      candidates = findCandidates(index, lookups, false);
    }
    let keep = (_candidate: Candidate) => true;
    if (mode === "question") {
      const best = candidates.reduce((max, candidate) => Math.max(max, candidate.score), 0);
      keep = (candidate) =>
        candidate.score >= best * QUESTION_MIN_SCORE_RATIO && isQuestionEvidence(candidate, terms.length);
    }
    return bestCandidates(candidates, limit, keep).map(({ id, score, result }) => ({
      id,
      score,
      terms: result.terms,
    }));
  }

  for (const doc of docs) add(doc);

  return {
    add,
    remove,
    has: (id, lang) => indexes[lang]?.docs.has(id) ?? false,
    get size() {
      return helpLangs.reduce((total, lang) => total + indexes[lang].docs.size, 0);
    },
    search,
  };
}
