import {
  type HelpLang,
  type HelpQueryTerm,
  type TextWord,
  isWithinEdits,
  parseHelpQuery,
  splitWords,
  wordForms,
} from "./help-language.js";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);

/** A word of the text that matched, and which query term it matched (its index in the parsed query). */
interface Match extends TextWord {
  termIndex: number;
}

/**
 * The words of `text` that match a query term the way the index matches them: one of the word's forms
 * is the term, or starts with it (the word being typed), or is within its typo allowance. As in the
 * search, a term spelled like a word of the text is taken as spelled right and gets no typo allowance,
 * so "order" marks "order" and "orders" but not "border".
 */
function findMatches(text: string, terms: HelpQueryTerm[], lang: HelpLang): Match[] {
  if (terms.length === 0) return [];
  const words = splitWords(text);
  const formsOf = words.map((word) => wordForms(word.word, lang));
  const textForms = new Set(formsOf.flat());
  const exact = new Map<string, number>();
  terms.forEach((term, i) => exact.has(term.term) || exact.set(term.term, i));
  const prefixes = terms.flatMap((term, i) => (term.isPrefix ? [{ term, i }] : []));
  const isSpelledRight = (term: HelpQueryTerm) =>
    textForms.has(term.term) || (term.isPrefix && [...textForms].some((form) => form.startsWith(term.term)));
  const typos = terms.flatMap((term, i) => (term.maxEdits > 0 && !isSpelledRight(term) ? [{ term, i }] : []));

  // Which query term each distinct form of the text matches (-1: none); a text repeats its words.
  const termOfForm = new Map<string, number>();
  const termOf = (form: string) => {
    let found = termOfForm.get(form);
    if (found === undefined) {
      found =
        exact.get(form) ??
        prefixes.find(({ term }) => form.startsWith(term.term))?.i ??
        typos.find(({ term }) => isWithinEdits(form, term.term, term.maxEdits))?.i ??
        -1;
      termOfForm.set(form, found);
    }
    return found;
  };

  const matches: Match[] = [];
  for (const [k, word] of words.entries()) {
    const termIndex = (formsOf[k] ?? []).map(termOf).find((index) => index >= 0);
    if (termIndex !== undefined) matches.push({ ...word, termIndex });
  }
  return matches;
}

/** The text from `start` to `end`, escaped, with `<mark>` around the matches inside it. */
function markRange(text: string, matches: Match[], start: number, end: number): string {
  let html = "";
  let at = start;
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    html += `${escapeHtml(text.slice(at, match.start))}<mark>${escapeHtml(match.word)}</mark>`;
    at = match.end;
  }
  return html + escapeHtml(text.slice(at, end));
}

/**
 * `text` (an article's title or plain-text body) as HTML-escaped text with `<mark>` around each word
 * whose normalized form matches a term of `query`, the way the search matched it: inflected forms,
 * forms without diacritics, small typos, and the word being typed as a prefix.
 */
export function highlightText(text: string, query: string, lang: HelpLang): string {
  const matches = findMatches(text, parseHelpQuery(query, lang, "search"), lang);
  return markRange(text, matches, 0, text.length);
}

/** At most this share of a snippet comes before its first match, so the reader sees what leads to it. */
const LEAD_SHARE = 0.3;

/** The run of matches that fits in `length` characters and shows the most query words, then the most matches. */
function bestRun(matches: Match[], length: number): [Match, Match] | undefined {
  let best: { first: Match; last: Match; distinct: number; count: number } | undefined;
  for (let i = 0; i < matches.length; i++) {
    const first = matches[i] as Match;
    let j = i;
    while (j + 1 < matches.length && (matches[j + 1] as Match).end - first.start <= length) j++;
    const run = matches.slice(i, j + 1);
    const distinct = new Set(run.map((match) => match.termIndex)).size;
    if (!best || distinct > best.distinct || (distinct === best.distinct && run.length > best.count)) {
      best = { first, last: matches[j] as Match, distinct, count: run.length };
    }
  }
  return best && [best.first, best.last];
}

/**
 * About `length` characters of `body` around its best match (the stretch that shows the most different
 * query words, then the most matches), cut at word boundaries, "…" where text was left out; escaped and
 * highlighted as highlightText does. Without a match, the start of the body.
 */
export function snippetOf(body: string, query: string, lang: HelpLang, length = 160): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= length) return highlightText(text, query, lang);
  const matches = findMatches(text, parseHelpQuery(query, lang, "search"), lang);
  const run = bestRun(matches, length);

  let start = 0;
  let lastEnd = 0;
  if (run) {
    const [first, last] = run;
    const slack = Math.max(0, length - (last.end - first.start));
    start = Math.max(
      0,
      Math.min(first.start - Math.floor(Math.min(slack / 2, length * LEAD_SHARE)), text.length - length),
    );
    lastEnd = last.end;
    // Begin with a whole word, never after the first match.
    if (start > 0 && text[start - 1] !== " ") {
      const space = text.indexOf(" ", start);
      start = space === -1 || space + 1 > first.start ? first.start : space + 1;
    }
  }
  let end = Math.min(text.length, start + length);
  // End after a whole word, never before the last match.
  if (end < text.length && text[end] !== " ") {
    const space = text.lastIndexOf(" ", end);
    if (space > start && space >= lastEnd) end = space;
  }
  const head = start > 0 ? "…" : "";
  const tail = end < text.length ? "…" : "";
  return head + markRange(text, matches, start, end) + tail;
}
