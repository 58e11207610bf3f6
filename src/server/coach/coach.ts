/**
 * The reply coach: reads an agent's draft and points at what customer-service practice advises
 * against (blocking or blaming words, jargon, sentences and blocks too long to read, no next step),
 * and for a complaint ticks off the LATTE steps (listen, acknowledge, take action, thank, explain).
 * Pure and synchronous: no database, no network; rules come from rules/{lang}.json.
 */
import { foldText } from "./fold-text.js";
import { detectLatte } from "./latte.js";
import {
  type CompiledRule,
  findMatches,
  hasMatch,
  LETTER,
  ruleSets,
  type RuleSet,
  type TRule,
  WORD_END,
} from "./rule-set.js";
import { countWordsIn, linesOf, maskNonProse, sentencesOf, type Span, wordsOf } from "./split-text.js";

export type CoachLang = "en" | "ru" | "hr" | "sk";
export type CoachRule = "negative" | "blaming" | "jargon" | "long-sentence" | "wall-of-text" | "no-next-step";
export type LatteStep = "listen" | "acknowledge" | "takeAction" | "thank" | "explain";

export interface CoachInput {
  /** The draft (markdown as typed), up to 20,000 characters. */
  text: string;
  lang: CoachLang;
  /** Show the LATTE checklist. */
  complaint?: boolean;
  /** A closing reply: no "no next step" finding. */
  closing?: boolean;
  /** The customer's last message, for "Listen" (the draft restates the problem). */
  customerText?: string;
  /** The workspace's own jargon terms, added to the built-in list. */
  jargon?: string[];
}

export interface CoachFinding {
  rule: CoachRule;
  /** The rule's id in its file, e.g. "negative.cannot". */
  id: string;
  /** UTF-16 offsets into `text` (end exclusive); the whole text for wall-of-text and no-next-step. */
  start: number;
  end: number;
  /** text.slice(start, end), at most 120 characters. */
  excerpt: string;
  /** What is wrong, in `lang`. */
  message: string;
  /** A positive alternative, or what to do, in `lang`. */
  suggestion: string | null;
}

export interface CoachResult {
  lang: CoachLang;
  /** In text order. */
  findings: CoachFinding[];
  /** Null unless the input is a complaint. */
  latte: null | Record<LatteStep, boolean>;
}

const MAX_EXCERPT = 120;
/** A draft that repeats one phrase hundreds of times needs no more marks than this per rule. */
const MAX_PER_RULE = 50;

/** The rule id of the workspace's own jargon terms in every rule file. */
export const WORKSPACE_JARGON_ID = "jargon.workspace";

/**
 * Coaches one draft. Findings come in text order (then by rule file order); a phrase matched by two
 * patterns of one rule is reported once. Never throws for any text; an unknown language is a bug of
 * the caller and throws.
 */
export function coachReply(input: CoachInput): CoachResult {
  const set = ruleSets[input.lang];
  if (!set) throw new Error(`The reply coach has no rules for the language ${String(input.lang)}`);
  const text = input.text;
  const prose = maskNonProse(text);
  const folded = foldText(prose);
  const findings: CoachFinding[] = [];
  const perRule = new Map<string, number>();
  const add = (rule: TRule, start: number, end: number, values: Record<string, string | number> = {}) => {
    const count = perRule.get(rule.id) ?? 0;
    if (count >= MAX_PER_RULE) return;
    perRule.set(rule.id, count + 1);
    findings.push({
      rule: rule.kind,
      id: rule.id,
      start,
      end,
      excerpt: excerptOf(text, start, end),
      message: fill(rule.message, values),
      suggestion: rule.suggestion === null ? null : fill(rule.suggestion, values),
    });
  };

  for (const compiled of set.phraseRules) {
    for (const [start, end] of findMatches(compiled.regex!, folded)) {
      add(compiled.rule, start, end, { term: text.slice(start, end) });
    }
  }
  const workspace = ruleOf(set, "jargon", WORKSPACE_JARGON_ID);
  const terms = workspace ? workspaceJargon(input.jargon ?? []) : null;
  if (workspace && terms) {
    for (const [start, end] of findMatches(terms, folded))
      add(workspace, start, end, { term: text.slice(start, end) });
  }

  const words = wordsOf(prose);
  const sentences = sentencesOf(prose);
  for (const { rule } of set.byKind.get("long-sentence") ?? []) {
    const max = rule.limits?.words ?? 30;
    for (const sentence of sentences) {
      const count = countWordsIn(words, sentence.start, sentence.end);
      if (count > max) add(rule, sentence.start, sentence.end, { words: count, max });
    }
  }

  const totalWords = words.length;
  for (const { rule } of set.byKind.get("wall-of-text") ?? []) {
    const wall = wallOfText(prose, words, rule);
    if (wall) add(rule, 0, text.length, wall);
  }

  for (const compiled of set.byKind.get("no-next-step") ?? []) {
    const minWords = compiled.rule.limits?.minWords ?? 3;
    if (!input.closing && totalWords >= minWords && !hasNextStep(set, compiled, prose, folded)) {
      add(compiled.rule, 0, text.length);
    }
  }

  findings.sort((a, b) => a.start - b.start || set.rank.get(a.id)! - set.rank.get(b.id)! || a.end - b.end);
  const latte = input.complaint
    ? detectLatte(set, { folded, words, sentences, customerText: input.customerText ?? "" })
    : null;
  return { lang: input.lang, findings, latte };
}

function ruleOf(set: RuleSet, kind: CoachRule, id: string): TRule | undefined {
  return set.byKind.get(kind)?.find((c) => c.rule.id === id)?.rule;
}

/** Why the draft is a wall of text, or null: a block over the paragraph limit, or a long unbroken draft. */
function wallOfText(prose: string, words: readonly Span[], rule: TRule): Record<string, number> | null {
  const paragraphMax = rule.limits?.paragraphWords ?? 80;
  const unbrokenMax = rule.limits?.unbrokenWords ?? 150;
  const lines = linesOf(prose);
  for (const line of lines) {
    const count = countWordsIn(words, line.start, line.end);
    if (count > paragraphMax) return { words: count, max: paragraphMax };
  }
  const isBroken = lines.some((line) => line.isListItem || line.isBlankBefore);
  return !isBroken && words.length > unbrokenMax ? { words: words.length, max: unbrokenMax } : null;
}

/** A question, a statement of what will be done or what to do, or a time: the customer knows what is next. */
function hasNextStep(set: RuleSet, rule: CompiledRule, prose: string, folded: string): boolean {
  if (prose.includes("?")) return true;
  return (rule.regex !== null && hasMatch(rule.regex, folded)) || hasMatch(set.signals.time, folded);
}

/** Terms are matched as whole words, folded; the expression is kept for the next call with the same list. */
const workspaceCache = new Map<string, RegExp | null>();
const WORKSPACE_CACHE_SIZE = 200;

function workspaceJargon(terms: readonly string[]): RegExp | null {
  const key = terms.join("\u0000");
  const cached = workspaceCache.get(key);
  if (cached !== undefined) return cached;
  const sources = terms
    .map((term) => foldText(term.trim()))
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .sort((a, b) => b.length - a.length)
    .map((term) => {
      // "хаб*" also matches "хабе", "хабом": a trailing star accepts any ending.
      const anyEnding = term.endsWith("*");
      const words = (anyEnding ? term.slice(0, -1) : term).trim().split(/\s+/);
      const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
      return anyEnding ? `${escaped}${LETTER}*` : escaped;
    });
  const regex = sources.length === 0 ? null : new RegExp(`(?:${sources.join("|")})${WORD_END}`, "g");
  if (workspaceCache.size >= WORKSPACE_CACHE_SIZE) workspaceCache.delete(workspaceCache.keys().next().value!);
  workspaceCache.set(key, regex);
  return regex;
}

function excerptOf(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  return slice.length <= MAX_EXCERPT ? slice : `${slice.slice(0, MAX_EXCERPT - 1)}…`;
}

/** "{term}" and the like in a message, replaced by the finding's values. */
function fill(template: string, values: Record<string, string | number>): string {
  if (!template.includes("{")) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
