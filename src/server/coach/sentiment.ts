/**
 * How a message feels, from word lists (lexicons/{lang}.json): enough to tell an angry complaint from
 * a question or a thank-you, which is what marks a conversation as a complaint for the coach. No model,
 * no network; a few microseconds per message.
 */
import fs from "node:fs";
import { z } from "zod";
import { packageRoot } from "../version.js";
import type { CoachLang } from "./coach.js";
import { foldText } from "./fold-text.js";

export type Sentiment = "negative" | "neutral" | "positive";

const ZLexicon = z.object({
  lang: z.enum(["en", "ru", "hr", "sk"]),
  about: z.string().optional(),
  /** Word → weight in [-3, 3]; "stem*" matches any ending, "two words" a pair in a row. */
  words: z.record(z.string(), z.number().min(-3).max(3)),
  /** Words that turn the next sentiment word (within three words) around: "not happy". */
  negators: z.array(z.string()),
  /** Words that make the next sentiment word stronger (> 1) or weaker (< 1): "very", "a bit". */
  intensifiers: z.record(z.string(), z.number().positive()),
  /** "but" and its kin: what follows weighs more than what came before, in the same sentence. */
  contrast: z.array(z.string()),
});

interface Pair {
  second: string;
  isPrefix: boolean;
  weight: number;
}

interface Lexicon {
  exact: Map<string, number>;
  stems: Map<string, number>;
  pairs: Map<string, Pair[]>;
  negators: Set<string>;
  intensifiers: Map<string, number>;
  contrast: Set<string>;
}

/** The shortest stem a "stem*" entry may have, so "no*" cannot swallow half the language. */
const MIN_STEM = 3;
/** How far a negator or an intensifier reaches, in words. */
const NEGATION_REACH = 3;
const INTENSIFIER_REACH = 2;
/**
 * A negated word turns around: "not happy" is about as bad as "unhappy", but "not bad" is only a little
 * good (people say it of things they merely accept).
 */
const NEGATED_POSITIVE = -1;
const NEGATED_NEGATIVE = -0.4;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const SHOUTED = 1.3;
const PER_EXCLAMATION = 0.1;
const MAX_EXCLAMATIONS = 3;
/** Squashes a sum of weights into (-1, 1); 15 is where a couple of clear words reach about ±0.5. */
const SQUASH = 15;
/** |score| at or above this is not neutral. */
const THRESHOLD = 0.3;

function compileLexicon(raw: unknown, source: string): Lexicon {
  const parsed = ZLexicon.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const lexicon: Lexicon = {
    exact: new Map(),
    stems: new Map(),
    pairs: new Map(),
    negators: new Set(parsed.data.negators.map(foldText)),
    intensifiers: new Map(Object.entries(parsed.data.intensifiers).map(([w, f]) => [foldText(w), f])),
    contrast: new Set(parsed.data.contrast.map(foldText)),
  };
  for (const [entry, weight] of Object.entries(parsed.data.words)) {
    const folded = foldText(entry.trim());
    const isPrefix = folded.endsWith("*");
    const word = isPrefix ? folded.slice(0, -1) : folded;
    const parts = word.split(/\s+/);
    if (parts.length === 2) {
      const [first, second] = parts as [string, string];
      lexicon.pairs.set(first, [...(lexicon.pairs.get(first) ?? []), { second, isPrefix, weight }]);
    } else if (parts.length !== 1) {
      throw new Error(`${source}: "${entry}": an entry is one word or two`);
    } else if (isPrefix) {
      if (word.length < MIN_STEM) throw new Error(`${source}: "${entry}": a stem needs ${MIN_STEM}+ letters`);
      lexicon.stems.set(word, weight);
    } else lexicon.exact.set(word, weight);
  }
  return lexicon;
}

const lexicons = Object.fromEntries(
  (["en", "ru", "hr", "sk"] as const satisfies readonly CoachLang[]).map((lang) => {
    const file = new URL(`src/server/coach/lexicons/${lang}.json`, packageRoot);
    return [lang, compileLexicon(JSON.parse(fs.readFileSync(file, "utf8")), `lexicons/${lang}.json`)];
  }),
) as Record<CoachLang, Lexicon>;

/** The weight of one folded word: exact entry first, then the longest matching stem. */
function weightOf(lexicon: Lexicon, word: string): number | undefined {
  const exact = lexicon.exact.get(word);
  if (exact !== undefined) return exact;
  for (let length = word.length; length >= MIN_STEM; length--) {
    const stem = lexicon.stems.get(word.slice(0, length));
    if (stem !== undefined) return stem;
  }
  return undefined;
}

function pairAt(lexicon: Lexicon, words: readonly string[], i: number): number | undefined {
  const pairs = lexicon.pairs.get(words[i]!);
  const next = words[i + 1];
  if (!pairs || next === undefined) return undefined;
  return pairs.find((p) => (p.isPrefix ? next.startsWith(p.second) : next === p.second))?.weight;
}

const SENTENCE = /[^.!?…\n]+[.!?…]*/g;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** The sum of one sentence's word weights, with negation, intensifiers, contrast and shouting. */
function scoreSentence(lexicon: Lexicon, sentence: string): number {
  const original = sentence.match(WORD) ?? [];
  const words = original.map(foldText);
  let before = 0;
  let after = 0;
  let isAfterContrast = false;
  let negatedUntil = -1;
  let boost = 1;
  let boostedUntil = -1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (lexicon.contrast.has(word)) {
      isAfterContrast = true;
      continue;
    }
    const pair = pairAt(lexicon, words, i);
    // A pair ("doesn't work", "не работает") carries its own negation.
    let weight = pair ?? weightOf(lexicon, word);
    if (weight === undefined) {
      if (lexicon.negators.has(word)) negatedUntil = i + NEGATION_REACH;
      const factor = lexicon.intensifiers.get(word);
      if (factor !== undefined) {
        boost = factor;
        boostedUntil = i + INTENSIFIER_REACH;
      }
      continue;
    }
    if (pair === undefined && i <= negatedUntil) weight *= weight > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
    if (i <= boostedUntil) weight *= boost;
    const shown = original[i]!;
    if (shown.length >= 3 && shown === shown.toUpperCase() && shown !== shown.toLowerCase())
      weight *= SHOUTED;
    if (isAfterContrast) after += weight;
    else before += weight;
    if (pair !== undefined) i++;
    negatedUntil = -1;
  }
  return isAfterContrast ? before * BEFORE_CONTRAST + after * AFTER_CONTRAST : before;
}

/**
 * The sentiment of a message in `lang` and a score in [-1, 1] (negative below -0.3, positive above 0.3).
 * Used to treat a conversation as a complaint when the customer's last message is negative.
 */
export function sentimentOf(text: string, lang: CoachLang): { sentiment: Sentiment; score: number } {
  const lexicon = lexicons[lang];
  if (!lexicon) throw new Error(`No sentiment lexicon for the language ${String(lang)}`);
  let sum = 0;
  for (const sentence of text.match(SENTENCE) ?? []) sum += scoreSentence(lexicon, sentence);
  const exclamations = Math.min((text.match(/!/g) ?? []).length, MAX_EXCLAMATIONS);
  sum *= 1 + PER_EXCLAMATION * exclamations;
  const score = Math.round((sum / Math.sqrt(sum * sum + SQUASH)) * 1000) / 1000;
  const sentiment = score <= -THRESHOLD ? "negative" : score >= THRESHOLD ? "positive" : "neutral";
  return { sentiment, score };
}
