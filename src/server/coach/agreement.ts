/**
 * Scores the coach against a hand-labelled set of replies (test/fixtures/{set}/{lang}.json): per rule
 * kind over every reply, per LATTE step over the complaints, and writes the table docs/reply-coach.md
 * shows for that set. Used by held-out.test.ts; not part of the server.
 */
import fs from "node:fs";
import { z } from "zod";
import { type CoachLang, type CoachRule, coachReply, type LatteStep } from "./coach.js";
import { coachLangs, coachRuleKinds } from "./rule-set.js";

export const latteSteps: { step: LatteStep; label: string }[] = [
  { step: "listen", label: "listen" },
  { step: "acknowledge", label: "acknowledge" },
  { step: "takeAction", label: "take-action" },
  { step: "thank", label: "thank" },
  { step: "explain", label: "explain" },
];

const ZItem = z.object({
  id: z.string(),
  context: z.object({ complaint: z.boolean(), closing: z.boolean() }),
  customer: z.string(),
  reply: z.string(),
  flags: z.array(z.enum(coachRuleKinds)),
  latte: z.array(z.enum(["listen", "acknowledge", "take-action", "thank", "explain"])),
});
export type TLabelledReply = z.infer<typeof ZItem>;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** The replies of one set (a folder under test/fixtures) in one language. */
export const readLabelledSet = (set: string, lang: CoachLang): TLabelledReply[] =>
  z
    .array(ZItem)
    .parse(
      JSON.parse(
        fs.readFileSync(new URL(`../../../test/fixtures/${set}/${lang}.json`, import.meta.url), "utf8"),
      ),
    );

const empty = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const tally = (counts: Counts, expected: boolean, predicted: boolean) => {
  if (expected && predicted) counts.tp++;
  else if (predicted) counts.fp++;
  else if (expected) counts.fn++;
};

/** Scores of one language: per rule kind over every item, per LATTE step over the complaints. */
function evaluateLang(set: string, lang: CoachLang) {
  const rules = Object.fromEntries(coachRuleKinds.map((kind) => [kind, empty()])) as Record<
    CoachRule,
    Counts
  >;
  const latte = Object.fromEntries(latteSteps.map(({ step }) => [step, empty()])) as Record<
    LatteStep,
    Counts
  >;
  const items = readLabelledSet(set, lang);
  for (const item of items) {
    const result = coachReply({
      text: item.reply,
      lang,
      complaint: item.context.complaint,
      closing: item.context.closing,
      customerText: item.customer,
    });
    const found = new Set(result.findings.map((f) => f.rule));
    for (const kind of coachRuleKinds) tally(rules[kind], item.flags.includes(kind), found.has(kind));
    if (!item.context.complaint) continue;
    for (const { step, label } of latteSteps) {
      tally(latte[step], (item.latte as string[]).includes(label), result.latte?.[step] ?? false);
    }
  }
  return { items: items.length, complaints: items.filter((i) => i.context.complaint).length, rules, latte };
}

export const sum = (all: Counts[]): Counts =>
  all.reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), empty());
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);
export const f1 = (c: Counts) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn) ?? 1;
const num = (value: number | null) => (value === null ? "—" : value.toFixed(2));
const cell = (c: Counts) => `${num(precision(c))} / ${num(recall(c))} (${c.tp}/${c.fp}/${c.fn})`;

/** Every language of one set, and the micro-averaged totals over all of them. */
export function evaluateSet(set: string) {
  const results = Object.fromEntries(coachLangs.map((lang) => [lang, evaluateLang(set, lang)])) as Record<
    CoachLang,
    ReturnType<typeof evaluateLang>
  >;
  const ruleTotal = sum(coachLangs.flatMap((lang) => Object.values(results[lang].rules)));
  const latteTotal = sum(coachLangs.flatMap((lang) => Object.values(results[lang].latte)));
  return { results, ruleTotal, latteTotal };
}

/** The regular expression of a page section between `<!-- {marker}:start -->` and its end. */
export const sectionPattern = (marker: string) =>
  new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`);

/** The page's section of one set, between its markers. */
export function reportSection(
  marker: string,
  { results, ruleTotal, latteTotal }: ReturnType<typeof evaluateSet>,
  floors: { rules: number; latte: number },
): string {
  const header = `| | ${coachLangs.join(" | ")} | all |\n|---|${coachLangs.map(() => "---").join("|")}|---|`;
  const row = (label: string, pick: (lang: CoachLang) => Counts) =>
    `| ${label} | ${coachLangs.map((lang) => cell(pick(lang))).join(" | ")} | ${cell(sum(coachLangs.map(pick)))} |`;
  return [
    `<!-- ${marker}:start -->`,
    "",
    `Replies: ${coachLangs.map((lang) => `${lang} ${results[lang].items}`).join(", ")} ` +
      `(complaints, scored for LATTE: ${coachLangs.map((lang) => `${lang} ${results[lang].complaints}`).join(", ")}). ` +
      "Each cell: precision / recall (true positives / false positives / false negatives), counted per reply: " +
      "a reply either has a finding of the kind or not.",
    "",
    header,
    ...coachRuleKinds.map((kind) => row(kind, (lang) => results[lang].rules[kind])),
    row("**all rules (micro)**", (lang) => sum(Object.values(results[lang].rules))),
    "",
    header,
    ...latteSteps.map(({ step, label }) => row(label, (lang) => results[lang].latte[step])),
    row("**all steps (micro)**", (lang) => sum(Object.values(results[lang].latte))),
    "",
    `Micro-averaged F1 over the four languages: rules **${f1(ruleTotal).toFixed(2)}**, LATTE ` +
      `**${f1(latteTotal).toFixed(2)}**. The test fails below the floor: rules ${floors.rules.toFixed(2)}, ` +
      `LATTE ${floors.latte.toFixed(2)}.`,
    "",
    `<!-- ${marker}:end -->`,
  ].join("\n");
}

/** Compares tables as prettier may align them: cells trimmed, runs of spaces and dashes collapsed. */
export const normalize = (text: string) =>
  text
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/\s*\|\s*/g, "|")
        .replace(/:?-{3,}:?/g, "---")
        .replace(/\s+/g, " "),
    )
    .filter((line) => line !== "")
    .join("\n");
