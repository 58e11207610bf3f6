/**
 * The coach's rules are data (rules/{lang}.json), so a language or a phrase is added without touching
 * the engine. This module reads and checks the files once at start and compiles every pattern into one
 * regular expression per rule.
 */
import fs from "node:fs";
import { z } from "zod";
import { packageRoot } from "../version.js";
import type { CoachLang, CoachRule } from "./coach.js";
import { foldPattern } from "./fold-text.js";

/** Every language the coach has rules for, in a fixed order. */
export const coachLangs = ["en", "ru", "hr", "sk"] as const satisfies readonly CoachLang[];

/** Every rule kind, in the order reports list them. */
export const coachRuleKinds = [
  "negative",
  "blaming",
  "jargon",
  "long-sentence",
  "wall-of-text",
  "no-next-step",
] as const satisfies readonly CoachRule[];

/** An example a rule must (or must not) flag: the draft, and what the composer would send with it. */
const ZExample = z.union([
  z.string().min(1),
  z.object({
    text: z.string().min(1),
    closing: z.boolean().optional(),
    jargon: z.array(z.string()).optional(),
  }),
]);
export type TRuleExample = z.infer<typeof ZExample>;

const ZRule = z.object({
  id: z.string().regex(/^[a-z-]+\.[a-z0-9-]+$/),
  kind: z.enum(coachRuleKinds),
  note: z.string().optional(),
  patterns: z.array(z.string().min(1)),
  limits: z
    .object({
      words: z.number().int().positive().optional(),
      paragraphWords: z.number().int().positive().optional(),
      unbrokenWords: z.number().int().positive().optional(),
      minWords: z.number().int().nonnegative().optional(),
    })
    .optional(),
  message: z.string().min(1),
  suggestion: z.string().min(1).nullable(),
  mustFlag: z.array(ZExample).min(2),
  mustNotFlag: z.array(ZExample).min(2),
});
export type TRule = z.infer<typeof ZRule>;

const ZSignals = z.object({
  time: z.array(z.string().min(1)).min(1),
  future: z.array(z.string().min(1)).min(1),
  listen: z.array(z.string().min(1)).min(1),
  acknowledge: z.array(z.string().min(1)).min(1),
  takeAction: z.array(z.string().min(1)).min(1),
  thank: z.array(z.string().min(1)).min(1),
  explain: z.array(z.string().min(1)),
});
type TSignalName = keyof z.infer<typeof ZSignals>;

const ZRuleFile = z.object({
  lang: z.enum(coachLangs),
  about: z.string().optional(),
  stopwords: z.array(z.string()),
  signals: ZSignals,
  rules: z.array(ZRule).min(1),
});
export type TRuleFile = z.infer<typeof ZRuleFile>;

/** A rule ready to run: its file entry and, for rules that match phrases, one compiled expression. */
export interface CompiledRule {
  rule: TRule;
  regex: RegExp | null;
}

/** One language's rules and signals, compiled. */
export interface RuleSet {
  lang: CoachLang;
  file: TRuleFile;
  /** Rules that match phrases (negative, blaming, built-in jargon), in file order. */
  phraseRules: CompiledRule[];
  byKind: Map<CoachRule, CompiledRule[]>;
  /** Each rule id's place in the file: findings at one offset are listed in this order. */
  rank: Map<string, number>;
  signals: Record<TSignalName, RegExp>;
  stopwords: Set<string>;
}

/**
 * Folded text is lower case Latin and Cyrillic: letters are these ranges, so the expressions can run
 * without the `u` flag, whose Unicode classes cost several times more per character.
 */
const RANGES: Record<string, string> = {
  L: "a-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u052f",
  N: "0-9",
  M: "\\u0300-\\u036f",
};
/** Letters, marks and digits: what a word is made of, on both sides of a word boundary. */
export const LETTER = `[${RANGES.L}${RANGES.M}${RANGES.N}]`;
/** The end of a word: no letter follows, or the match itself ended on something else. */
export const WORD_END = `(?:(?!${LETTER})|(?<!${LETTER}))`;
const IS_LETTER = /[\p{L}\p{M}\p{N}]/u;

/**
 * Shorthands the rule files use, so patterns stay readable:
 *  - a space is one or more spaces or line breaks, " ?" is optional space;
 *  - `{w}` is the rest of a word (an inflection ending): `тикет{w}` matches тикет, тикета, тикетами;
 *  - `{gap}` is up to three other words in between: `we {gap}unable`;
 *  - `{start}` is the start of a sentence (start of text, after . ! ? … or a line break).
 * Every pattern is matched as whole words (the start is checked by `findMatches`, the end here) and
 * folded like the text (lower case, no diacritics).
 */
export function expandPattern(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const unit = pattern[i]!;
    if (unit === "\\") {
      out += unit + (pattern[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (unit === "]") inClass = false;
      out += unit;
    } else if (unit === "[") {
      inClass = true;
      out += unit;
    } else if (unit === " ") {
      if (pattern[i + 1] === "?") {
        out += "\\s*";
        i++;
      } else out += "\\s+";
    } else if (pattern.startsWith("{w}", i)) {
      out += "\\p{L}*";
      i += 2;
    } else if (pattern.startsWith("{gap}", i)) {
      out += "(?:[\\p{L}\\p{N}'-]+\\s+){0,3}";
      i += 4;
    } else if (pattern.startsWith("{start}", i)) {
      out += `(?<=(?:^|[.!?…\\n])[\\s"'()*_-]{0,6})`;
      i += 6;
    } else out += unit;
  }
  return withoutUnicodeClasses(lookbehindLast(foldPattern(out)));
}

/** `\p{L}`, `\p{N}` and `\p{M}` as plain ranges (see RANGES), inside a character class or not. */
function withoutUnicodeClasses(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const unit = source[i]!;
    const property = /^\\p\{([LNM])\}/.exec(source.slice(i, i + 5));
    if (property) {
      const ranges = RANGES[property[1]!]!;
      out += inClass ? ranges : `[${ranges}]`;
      i += 4;
    } else if (unit === "\\") {
      out += unit + (source[i + 1] ?? "");
      i++;
    } else {
      if (inClass && unit === "]") inClass = false;
      else if (!inClass && unit === "[") inClass = true;
      out += unit;
    }
  }
  return out;
}

/**
 * A pattern that starts with a lookbehind would run it at every position of the draft; checked after
 * the rest has matched instead (`(?<!X)body` → `body(?<!X body)`), it runs only where the body matched.
 */
function lookbehindLast(source: string): string {
  if (!source.startsWith("(?<!") && !source.startsWith("(?<=")) return source;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const unit = source[i]!;
    if (unit === "\\") i++;
    else if (inClass) inClass = unit !== "]";
    else if (unit === "[") inClass = true;
    else if (unit === "(") depth++;
    else if (unit === ")" && --depth === 0) {
      const condition = source.slice(4, i);
      const body = source.slice(i + 1);
      return body === "" ? source : `(?:${body})${source.slice(0, 4)}${condition}(?:${body}))`;
    }
  }
  return source;
}

/** One expression for a list of patterns; throws naming the owner when one does not compile. */
export function compilePatterns(patterns: readonly string[], owner: string): RegExp {
  const sources = patterns.map((p) => {
    const source = expandPattern(p);
    try {
      new RegExp(source);
    } catch (error) {
      throw new Error(
        `${owner}: the pattern ${JSON.stringify(p)} is not a valid expression: ${String(error)}`,
      );
    }
    return source;
  });
  // One word-end check after the alternatives, not one per alternative: it keeps V8's fast scan.
  return new RegExp(sources.length > 0 ? `(?:${sources.join("|")})${WORD_END}` : "(?!)", "g");
}

/**
 * The matches of a compiled expression in folded text, as [start, end) spans, each starting a word
 * (a match that starts inside a word is skipped); overlapping matches are merged into one span.
 */
export function findMatches(regex: RegExp, text: string): [number, number][] {
  const spans: [number, number][] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const start = m.index;
    if (m[0].length === 0 || (start > 0 && isInsideWord(text, start))) {
      regex.lastIndex = start + 1;
      continue;
    }
    const end = start + m[0].length;
    const last = spans[spans.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  return spans;
}

/** Whether the expression matches anywhere in the folded text, at the start of a word. */
export function hasMatch(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length > 0 && !(m.index > 0 && isInsideWord(text, m.index))) return true;
    regex.lastIndex = m.index + 1;
  }
  return false;
}

/** A match starting here would start in the middle of a word. */
function isInsideWord(text: string, start: number): boolean {
  return IS_LETTER.test(text[start - 1]!) && IS_LETTER.test(text[start]!);
}

/** Reads, checks and compiles a rule file; throws with the file and the field when it is wrong. */
export function compileRuleFile(raw: unknown, source: string): RuleSet {
  const parsed = ZRuleFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const file = parsed.data;
  const seen = new Set<string>();
  const byKind = new Map<CoachRule, CompiledRule[]>();
  const phraseRules: CompiledRule[] = [];
  for (const rule of file.rules) {
    if (seen.has(rule.id)) throw new Error(`${source}: the rule id ${rule.id} is used twice`);
    seen.add(rule.id);
    if (!rule.id.startsWith(`${rule.kind}.`)) {
      throw new Error(`${source}: the rule id ${rule.id} must start with its kind, ${rule.kind}.`);
    }
    const compiled: CompiledRule = {
      rule,
      regex: rule.patterns.length > 0 ? compilePatterns(rule.patterns, `${source} ${rule.id}`) : null,
    };
    byKind.set(rule.kind, [...(byKind.get(rule.kind) ?? []), compiled]);
    if (compiled.regex && rule.kind !== "no-next-step") phraseRules.push(compiled);
  }
  const signals = Object.fromEntries(
    Object.entries(file.signals).map(([name, patterns]) => [
      name,
      compilePatterns(patterns, `${source} signals.${name}`),
    ]),
  ) as Record<TSignalName, RegExp>;
  return {
    lang: file.lang,
    file,
    phraseRules,
    byKind,
    rank: new Map(file.rules.map((rule, index) => [rule.id, index])),
    signals,
    stopwords: new Set(file.stopwords.map((w) => foldPattern(w))),
  };
}

/** The rule file of a language, as shipped in the package (source checkout and build alike). */
export function readRuleFile(lang: CoachLang): unknown {
  const file = new URL(`src/server/coach/rules/${lang}.json`, packageRoot);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Every language's rules, compiled once when the module loads. */
export const ruleSets: Record<CoachLang, RuleSet> = Object.fromEntries(
  coachLangs.map((lang) => [lang, compileRuleFile(readRuleFile(lang), `rules/${lang}.json`)]),
) as Record<CoachLang, RuleSet>;
