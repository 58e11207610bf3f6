/**
 * The shapes of a draft the coach reasons about: what is the agent's own prose (not a quote, a link or
 * code), its sentences, its paragraphs and its words. Every piece keeps offsets into the draft.
 */

/** A stretch of the draft: [start, end) in UTF-16 units. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Lines the agent quoted (the customer's words), markdown links and URLs, e-mail addresses, code; each
 * with a character it needs, so a draft without one skips the expression.
 */
const NOT_PROSE: [string, RegExp][] = [
  [">", /^[ \t]*>.*$/gm],
  ["`", /```[\s\S]*?(?:```|$)/g],
  ["`", /`[^`\n]+`/g],
  // Brackets are excluded inside, so an unclosed "[" or "(" stops at the next one (no quadratic scans).
  ["](", /!?\[[^[\]\n]*\]\([^()\n]*\)/g],
  ["<", /<(?:https?:\/\/|mailto:)[^>\s]*>/g],
  ["", /(?:https?:\/\/|www\.)[^\s<>()]+/gi],
  // Starts only where a run starts, or a long run without a dot after its "@" would take quadratic time.
  ["@", /(?<![^\s@<>()[\]"',;:])[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:.]{2,}/g],
];

/**
 * The draft with everything that is not the agent's own prose blanked out (spaces; line breaks kept),
 * the same length as the input, so rules cannot fire on a quoted complaint or a link's address.
 */
export function maskNonProse(text: string): string {
  let masked = text;
  for (const [needs, pattern] of NOT_PROSE) {
    if (needs !== "" && !masked.includes(needs)) continue;
    masked = masked.replace(pattern, (match) => match.replace(/[^\n]/g, " "));
  }
  return masked;
}

/**
 * A word: letters and digits, joined by an apostrophe or a hyphen inside ("don't", "e-mail"). Letters
 * are the Latin and Cyrillic ranges, written out: Unicode property classes cost several times more.
 */
const LETTERS = "A-Za-z0-9\\u00c0-\\u024f\\u0370-\\u052f";
const WORD = new RegExp(`[${LETTERS}]+(?:['’-][${LETTERS}]+)*`, "g");
const HAS_LETTER = new RegExp(`[${LETTERS}]`, "g");

/** The words of `text` with their spans. */
export function wordsOf(text: string, from = 0, to = text.length): (Span & { word: string })[] {
  const words: (Span & { word: string })[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m !== null && m.index < to; m = WORD.exec(text)) {
    words.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  }
  return words;
}

/** How many words lie in [start, end). */
export function countWords(text: string, start = 0, end = text.length): number {
  let count = 0;
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m !== null && m.index < end; m = WORD.exec(text)) count++;
  return count;
}

/** How many of `words` (in text order) start in [start, end): a binary search, for many spans of one text. */
export function countWordsIn(words: readonly Span[], start: number, end: number): number {
  return firstAtOrAfter(words, end) - firstAtOrAfter(words, start);
}

function firstAtOrAfter(words: readonly Span[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Shortenings whose dot does not end a sentence (folded, without the dot). */
const ABBREVIATIONS = new Set([
  "e.g",
  "i.e",
  "etc",
  "mr",
  "mrs",
  "ms",
  "dr",
  "approx",
  "vs",
  "т.е",
  "т.д",
  "т.п",
  "т.к",
  "г",
  "ул",
  "д",
  "пр",
  "напр",
  "tj",
  "npr",
  "itd",
  "tzv",
  "sv",
  "napr",
  "atď",
  "tzn",
  "resp",
  "ing",
  "mgr",
]);

/** Shortenings of "number" whose dot comes before a number: "No. 5", "br. 12", "č. 7". */
const NUMBER_SIGNS = new Set(["no", "nr", "br", "č", "čís", "ord"]);

/** A sentence ends at . ! ? … (one or more, maybe followed by quotes or brackets) and at a line break. */
const SENTENCE_END = /[.!?…]+["'”»)\]]*(?=\s|$)|\n/g;

/** The sentences of the (masked) draft, trimmed; a line break always ends one (list items, greetings). */
export function sentencesOf(text: string): Span[] {
  const sentences: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const span = trim(text, start, end);
    if (!span) return;
    HAS_LETTER.lastIndex = span.start;
    const letter = HAS_LETTER.exec(text);
    if (letter && letter.index < span.end) sentences.push(span);
  };
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    if (m[0] === "." && isInnerDot(text, start, m.index)) continue;
    const end = m.index + m[0].length;
    push(end);
    start = end;
  }
  push(text.length);
  return sentences;
}

const isWordUnit = (unit: number) =>
  (unit >= 48 && unit <= 57) ||
  (unit >= 65 && unit <= 90) ||
  (unit >= 97 && unit <= 122) ||
  (unit >= 0xc0 && unit <= 0x24f) ||
  (unit >= 0x370 && unit <= 0x52f);

/** Longer words before a dot are never shortenings: the common case returns at once. */
const MAX_SHORTENING = 6;

/** A dot that ends a shortening ("e.g.", "No. 5") or an ordinal date ("3. kolovoza"), not a sentence. */
function isInnerDot(text: string, start: number, dot: number): boolean {
  let from = dot;
  while (from > start && (isWordUnit(text.charCodeAt(from - 1)) || text.charCodeAt(from - 1) === 46)) {
    from--;
    if (dot - from > MAX_SHORTENING) return false;
  }
  if (from === dot) return false;
  const before = text.slice(from, dot).toLowerCase();
  const after = /^\s*(\S)/u.exec(text.slice(dot + 1, dot + 8))?.[1] ?? "";
  if (ABBREVIATIONS.has(before) || /^\p{L}$/u.test(before)) return true;
  if (NUMBER_SIGNS.has(before) && /\p{N}/u.test(after)) return true;
  // Croatian and Slovak write ordinal numbers and dates with a dot: "do 3. kolovoza", "15. 6. 2025".
  return /^\d{1,2}$/.test(before) && /[\p{Ll}\p{N}]/u.test(after);
}

const isSpace = (unit: number) =>
  unit === 32 || (unit >= 9 && unit <= 13) || unit === 0xa0 || unit === 0x2028;

function trim(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end > start ? { start, end } : null;
}

/** A line that is an item of a list: "- ", "* ", "• ", "1. ", "2) ". */
const LIST_ITEM = /^[ \t]*(?:[-*+•–]|\d{1,2}[.)])[ \t]+\S/;

/** The draft's lines, with whether each is a list item; blank lines are left out. */
export function linesOf(text: string): (Span & { isListItem: boolean; isBlankBefore: boolean })[] {
  const lines: (Span & { isListItem: boolean; isBlankBefore: boolean })[] = [];
  let start = 0;
  let isBlankBefore = false;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    if (line.trim() === "") isBlankBefore = lines.length > 0;
    else {
      lines.push({ start, end, isListItem: LIST_ITEM.test(line), isBlankBefore });
      isBlankBefore = false;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}
