/**
 * The reply-coach benchmark: how long `coachReply` takes on a 2,000-character draft in each language,
 * the composer's worst everyday case (a complaint, so LATTE runs; the customer's message; a workspace
 * jargon list). Pure CPU, no database: one call at a time after a warm-up. Saved as
 * bench/results/<time>-coach.json and rendered as the "Reply coach" section of docs/benchmarks.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import prettier from "prettier";
import { type CoachLang, type CoachResult, coachReply } from "../src/server/coach/coach.js";
import { coachLangs, compileRuleFile, readRuleFile } from "../src/server/coach/rule-set.js";
import { describeMachine, type Machine } from "./report.js";
import { percentile } from "./workloads.js";

export interface CoachBenchOptions {
  /** Characters per draft. */
  chars: number;
  /** Different drafts per language, cycled through. */
  drafts: number;
  calls: number;
  warmup: number;
}
export const defaultCoachOptions: CoachBenchOptions = { chars: 2000, drafts: 100, calls: 5000, warmup: 200 };

/** The target from the issue: a draft is coached within 5 ms. */
export const COACH_TARGET_MS = 5;

export interface CoachTiming {
  lang: CoachLang;
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Findings per draft on average: the drafts are realistic, not empty of problems. */
  findings: number;
}

export interface CoachBenchResult {
  startedAt: string;
  command: string;
  options: CoachBenchOptions;
  machine: Machine;
  load: { before: number; after: number };
  /** Reading, checking and compiling the four rule files (done once, when the module loads). */
  compileMs: number;
  /** The very first call (cold expressions). */
  firstCallMs: number;
  languages: CoachTiming[];
}

const LANGS: CoachLang[] = ["en", "ru", "hr", "sk"];

/** A small deterministic generator, so every run coaches the same drafts. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface RuleFile {
  rules: { mustFlag: (string | { text: string })[]; mustNotFlag: (string | { text: string })[] }[];
}

/** Sentences of the language: the rule files' own examples, good and bad, so drafts get findings. */
function sentences(lang: CoachLang): string[] {
  const file = new URL(`../src/server/coach/rules/${lang}.json`, import.meta.url);
  const rules = (JSON.parse(fs.readFileSync(file, "utf8")) as RuleFile).rules;
  return rules
    .flatMap((rule) => [...rule.mustFlag, ...rule.mustNotFlag])
    .map((example) => (typeof example === "string" ? example : example.text))
    .filter((text) => text.length < 400);
}

/** Drafts of exactly `chars` characters: a greeting, paragraphs of examples, now and then a list. */
export function buildDrafts(lang: CoachLang, options: CoachBenchOptions): string[] {
  const pool = sentences(lang);
  const next = random(LANGS.indexOf(lang) + 1);
  const pick = () => pool[Math.floor(next() * pool.length)]!;
  const drafts: string[] = [];
  for (let d = 0; d < options.drafts; d++) {
    let text = "Hi,\n\n";
    while (text.length < options.chars) {
      const roll = next();
      if (roll < 0.15) text += `\n\n- ${pick()}\n- ${pick()}\n\n`;
      else if (roll < 0.3) text += `\n\n${pick()}`;
      else text += ` ${pick()}`;
    }
    drafts.push(text.slice(0, options.chars));
  }
  return drafts;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Runs the benchmark; `say` prints progress. */
export function runCoachBench(
  options: CoachBenchOptions,
  context: { command: string; say: (message: string) => void },
): CoachBenchResult {
  const startedAt = new Date().toISOString();
  const loadBefore = os.loadavg()[0]!;
  const compileStarted = performance.now();
  for (const lang of coachLangs) compileRuleFile(readRuleFile(lang), lang);
  const compileMs = round(performance.now() - compileStarted);
  const jargon = ["Hub B", "xdock", "DPX Flex", "pick list", "zona*"];
  const drafts = Object.fromEntries(LANGS.map((lang) => [lang, buildDrafts(lang, options)])) as Record<
    CoachLang,
    string[]
  >;
  const call = (lang: CoachLang, i: number): CoachResult => {
    const list = drafts[lang];
    return coachReply({
      text: list[i % list.length]!,
      lang,
      complaint: true,
      closing: false,
      customerText: list[(i + 1) % list.length]!.slice(0, 400),
      jargon,
    });
  };
  const firstStarted = performance.now();
  call("en", 0);
  const firstCallMs = round(performance.now() - firstStarted);
  for (let i = 0; i < options.warmup; i++) for (const lang of LANGS) call(lang, i);
  // Interleaved, one call of each language per round in a shuffled order, so a burst of outside load
  // on the shared machine falls on every language alike.
  const times = Object.fromEntries(LANGS.map((lang) => [lang, [] as number[]])) as Record<
    CoachLang,
    number[]
  >;
  const findings = Object.fromEntries(LANGS.map((lang) => [lang, 0])) as Record<CoachLang, number>;
  const shuffle = random(42);
  for (let i = 0; i < options.calls; i++) {
    const order = [...LANGS];
    for (let j = order.length - 1; j > 0; j--) {
      const k = Math.floor(shuffle() * (j + 1));
      [order[j], order[k]] = [order[k]!, order[j]!];
    }
    for (const lang of order) {
      const started = performance.now();
      const result = call(lang, i);
      times[lang].push(performance.now() - started);
      findings[lang] += result.findings.length;
    }
  }
  const languages = LANGS.map((lang): CoachTiming => {
    const sorted = [...times[lang]].sort((a, b) => a - b);
    const timing: CoachTiming = {
      lang,
      calls: options.calls,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]!),
      mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
      findings: Math.round((findings[lang] / options.calls) * 10) / 10,
    };
    context.say(`  ${describeCoachTiming(timing)}`);
    return timing;
  });
  return {
    startedAt,
    command: context.command,
    options,
    machine: describeMachine(),
    load: { before: loadBefore, after: os.loadavg()[0]! },
    compileMs,
    firstCallMs,
    languages,
  };
}

/** One language's line as the run prints it. */
export function describeCoachTiming(t: CoachTiming): string {
  const mark = t.p99 < COACH_TARGET_MS ? "ok" : "MISSED";
  return `${t.lang}: p50 ${t.p50} ms, p95 ${t.p95} ms, p99 ${t.p99} ms, max ${t.max} ms ${mark} (${t.findings} findings per draft)`;
}

const resultsDir = new URL("results/", import.meta.url);
const SUFFIX = "-coach.json";

export function saveCoachResult(result: CoachBenchResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${result.startedAt.replace(/[:.]/g, "-")}${SUFFIX}`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved run. */
export function latestCoachResult(): CoachBenchResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const file = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()
    .pop();
  return file
    ? (JSON.parse(fs.readFileSync(new URL(file, resultsDir), "utf8")) as CoachBenchResult)
    : undefined;
}

/** The docs section, between its markers. */
export function coachSection(r: CoachBenchResult): string[] {
  const m = r.machine;
  const met = r.languages.every((t) => t.p99 < COACH_TARGET_MS);
  return [
    "<!-- coach:start -->",
    "",
    "## Reply coach",
    "",
    `\`coachReply\` (src/server/coach) on drafts of exactly ${r.options.chars.toLocaleString("en")} characters, ` +
      `${r.options.drafts} different drafts per language built from the rule files' own example sentences ` +
      "(with paragraphs and lists, so the drafts have findings), each coached as a complaint with the " +
      "customer's message and a five-term workspace jargon list: every rule and every LATTE step runs. " +
      `In-process, one call at a time, ${r.options.warmup} untimed calls then ${r.options.calls.toLocaleString("en")} ` +
      "timed ones per language, interleaved: round after round, one call of each language in a shuffled " +
      `order (bench/coach.ts). **Target:** p99 < ${COACH_TARGET_MS} ms.`,
    "",
    `Measured ${r.startedAt.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ` +
      `${m.os}, Node ${m.node}; load average ${r.load.before.toFixed(1)} before and ${r.load.after.toFixed(1)} after ` +
      "(the machine is shared, so other work may fall into a run). Reading and compiling the four rule files, " +
      `done once when the module loads, takes ${r.compileMs} ms; the first call took ${r.firstCallMs} ms.`,
    "",
    "```sh",
    r.command,
    "```",
    "",
    "| Language | p50 ms | p95 ms | p99 ms | max ms | mean ms | timed calls | findings per draft | target |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ...r.languages.map(
      (t) =>
        `| ${t.lang} | ${t.p50} | ${t.p95} | ${t.p99} | ${t.max} | ${t.mean} | ${t.calls} | ${t.findings} | ` +
        `p99 < ${COACH_TARGET_MS} ms: **${t.p99 < COACH_TARGET_MS ? "met" : "missed"}** |`,
    ),
    "",
    `Target ${met ? "met" : "missed"} in ${r.languages.filter((t) => t.p99 < COACH_TARGET_MS).length} of ` +
      `${r.languages.length} languages.`,
    "",
    "<!-- coach:end -->",
  ];
}

/** Writes the section into docs/benchmarks.md: replaced between its markers, or added at the end. */
export async function writeCoachSection(result: CoachBenchResult): Promise<string> {
  const file = new URL("../docs/benchmarks.md", import.meta.url);
  const page = fs.readFileSync(file, "utf8");
  const section = coachSection(result).join("\n");
  const pattern = /<!-- coach:start -->[\s\S]*<!-- coach:end -->/;
  const next = pattern.test(page) ? page.replace(pattern, section) : `${page.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, await prettier.format(next, { parser: "markdown", filepath: file.pathname }));
  return path.relative(process.cwd(), file.pathname);
}

/** After the page is written anew from the main results: put the last saved Reply coach section back. */
export async function restoreCoachSection(say: (message: string) => void): Promise<void> {
  const saved = latestCoachResult();
  if (saved) say(`wrote the Reply coach section of ${await writeCoachSection(saved)} again`);
}
