/**
 * What a benchmark run found, as JSON (bench/results/, not committed) and as the Markdown page
 * docs/benchmarks.md, with the machine and the exact command so a reader can judge and repeat it.
 */
import { bundleSection, type BundleResult } from "./web-bundle.js";
import type { EmailIngestResult } from "./email-ingest.js";
import { emailSection } from "./email-report.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import prettier from "prettier";
import type { DataCheck } from "./check-data.js";
import type { BenchMode } from "./targets.js";
import type { WorkloadResult } from "./workloads.js";

export interface RunResult {
  mode: BenchMode;
  startedAt: string;
  command: string;
  options: { conversations: number; requests: number; warmup: number; analyzed: boolean };
  machine: Machine;
  database: { version: string; sizeBytes: number };
  /** 1-minute load average before and after the timed requests: how busy the shared machine was. */
  load: { before: number; after: number };
  data: {
    counts: Record<string, number>;
    steps: Record<string, number>;
    totalMs: number;
    checks: DataCheck[];
  };
  workloads: WorkloadResult[];
  /** With --backup: `heed backup` of the data set and `heed restore` of it into a fresh database. */
  backup?: { bytes: number; backupMs: number; restoreMs: number };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** The targets from the brief: what "fast enough" means for each group, and the percentile it is judged on. */
export const targets: Record<string, { percentile: "p95" | "p99"; ms: number }> = {
  list: { percentile: "p99", ms: 20 },
  open: { percentile: "p99", ms: 20 },
  search: { percentile: "p95", ms: 100 },
};

export const resultsDir = new URL("results/", import.meta.url);

/** Writes the run as bench/results/<time>-<mode>-<size>.json; returns the path. */
export function saveResult(result: RunResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const suffix = result.options.analyzed ? "" : "-unanalyzed";
  const file = new URL(`${stamp}-${result.mode}-${result.options.conversations}${suffix}.json`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved run of `mode` on a data set of `conversations`, for a page covering both modes. */
export function latestResult(mode: BenchMode, conversations: number): RunResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const files = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(`-${mode}-${conversations}.json`))
    .sort();
  const last = files[files.length - 1];
  return last ? (JSON.parse(fs.readFileSync(new URL(last, resultsDir), "utf8")) as RunResult) : undefined;
}

/**
 * The newest saved backup timing of `mode` on a data set of `conversations`: a run without --backup keeps
 * the page's backup table from an earlier run instead of dropping it.
 */
export function latestBackup(mode: BenchMode, conversations: number): RunResult["backup"] | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const files = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(`-${mode}-${conversations}.json`))
    .sort()
    .reverse();
  for (const file of files) {
    const run = JSON.parse(fs.readFileSync(new URL(file, resultsDir), "utf8")) as RunResult;
    if (run.backup) return run.backup;
  }
  return undefined;
}

const ms = (n: number) =>
  n >= 10_000
    ? `${(n / 1000).toFixed(0)} s`
    : n >= 1000
      ? `${(n / 1000).toFixed(1)} s`
      : `${n.toFixed(0)} ms`;
const num = (n: number) => n.toLocaleString("en");

function verdict(result: WorkloadResult): string {
  const target = targets[result.group];
  if (!target) return "—";
  const value = result[target.percentile];
  return `${target.percentile} < ${target.ms} ms: ${value < target.ms ? "**met**" : "**missed**"}`;
}

/** "Targets met by 3 of 14 requests (…)": the verdict line above a table. */
function summary(run: RunResult): string {
  const judged = run.workloads.filter((w) => targets[w.group]);
  const met = judged.filter((w) => w[targets[w.group]!.percentile] < targets[w.group]!.ms);
  const missed = judged.filter((w) => !met.includes(w)).map((w) => w.name);
  return (
    `Targets met by ${met.length} of ${judged.length} request types` +
    (missed.length > 0 ? `; missed: ${missed.join("; ")}.` : ".")
  );
}

function resultTable(run: RunResult): string[] {
  const lines = [
    "| Request | p50 ms | p95 ms | p99 ms | mean ms | max ms | timed requests | items per answer | SQL statements | SQL ms (mean) | target |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const w of run.workloads) {
    lines.push(
      `| ${w.name} | ${w.p50.toFixed(1)} | ${w.p95.toFixed(1)} | ${w.p99.toFixed(1)} | ${w.mean.toFixed(1)} | ` +
        `${w.max.toFixed(1)} | ${w.count} | ${w.group === "folders" ? "—" : w.items} | ${w.queries} | ` +
        `${w.sqlMs.toFixed(1)} | ${verdict(w)} |`,
    );
  }
  return lines;
}

function backupSection(runs: RunResult[]): string[] {
  const timed = runs.filter((r) => r.backup);
  if (timed.length === 0) return [];
  return [
    "## Backup and restore",
    "",
    "`heed backup` of the whole data set, then `heed restore` of that file into a fresh database of the same",
    "kind (one transaction; row counts compared afterwards).",
    "",
    "| Database | backup | file size | restore |",
    "|---|--:|--:|--:|",
    ...timed.map(
      (r) =>
        `| ${r.mode === "embedded" ? "Embedded (PGlite)" : "PostgreSQL server"} | ${ms(r.backup!.backupMs)} | ` +
        `${(r.backup!.bytes / 1e6).toFixed(0)} MB | ${ms(r.backup!.restoreMs)} |`,
    ),
    "",
  ];
}

/** Saves a bundle measurement as bench/results/<time>-bundle.json. */
export function saveBundle(result: BundleResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${result.measuredAt.replace(/[:.]/g, "-")}-bundle.json`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved bundle measurement. */
export function latestBundle(): BundleResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const last = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith("-bundle.json"))
    .sort()
    .pop();
  return last ? (JSON.parse(fs.readFileSync(new URL(last, resultsDir), "utf8")) as BundleResult) : undefined;
}

/** The Markdown page for the runs given (one per mode that ran or has a saved result). */
export function renderMarkdown(
  runs: RunResult[],
  bundle?: BundleResult,
  email: EmailIngestResult[] = [],
): string {
  const first = runs[0]!;
  const m = first.machine;
  const label = (mode: BenchMode) => (mode === "embedded" ? "Embedded (PGlite)" : "PostgreSQL server");
  const out: string[] = [
    "# Benchmarks",
    "",
    "How fast the agent's everyday requests are on a large help desk, in both storage modes. Written by",
    "`npm run bench` (bench/run.ts); the numbers below are from the last full run, not edited by hand.",
    "",
    "## How it is measured",
    "",
    `- **Data:** ${num(first.data.counts.conversations ?? 0)} conversations with ${num(first.data.counts.messages ?? 0)} messages, ` +
      `${num(first.data.counts.customers ?? 0)} customers with ${num(first.data.counts.identities ?? 0)} identities, 4 inboxes ` +
      "(one members-only), 25 agents, 3 teams, 18 tags; text in English, Russian, Croatian and Slovak; timestamps over 60 days; " +
      "55% resolved, 25% open, 12% pending, 8% snoozed. Generated by set-based SQL (bench/generate.ts) into a fresh " +
      "database, with every derived column (search vector, preview, counts, waiting time, folder counters) checked " +
      "against the rows it derives from (bench/check-data.ts) before anything is timed.",
    "- **Requests** go through the real app in-process (`buildApp` + `app.inject` with a Bearer token): routing, " +
      "authentication, validation, SQL, presenters and JSON serialization; no network socket. One request at a time, " +
      `as the agent with the most conversations; ${first.options.warmup} untimed warm-up requests, then ` +
      `${first.options.requests} timed ones per row, interleaved: round after round, one request of each row in a ` +
      "shuffled order, so a burst of outside load or a drift over the run falls on every row alike.",
    "- **Folders:** mine = open and assigned to me; unassigned = open and assigned to nobody; open, pending, " +
      'snoozed, resolved = that status. "Page 5" follows `nextCursor` four times, as a client scrolling would.',
    "- **Open** picks 500 random conversations; **search** cycles through " +
      "words in the four languages, including inflected Russian (заказы, доставку, пароля) and Croatian/Slovak " +
      "typed without diacritics (narudzba, racun, objednavka, vratenie penazi), customer names and product names.",
    "- **SQL statements / SQL ms:** per request, counted by wrapping the app's database handle (BEGIN and " +
      "COMMIT count as statements); SQL ms is the time the app waited for them, wire round trips included " +
      "(in embedded mode, to the PGlite thread over its Unix socket). The rest of a request's time is the app.",
    "- **Targets:** list and open p99 < 20 ms; search p95 < 100 ms.",
    "",
    "## Machine",
    "",
    `- CPU: ${m.cpu}, ${m.cores} cores; RAM: ${m.memoryGb} GB; ${m.os}; Node ${m.node}`,
    ...runs.map((r) => `- ${label(r.mode)}: ${r.database.version}`),
    "- The machine was **shared** with other engineers running test suites while this ran, so the numbers " +
      "include their noise; treat single outliers in max/p99 with that in mind.",
    "",
    "Command:",
    "",
    "```sh",
    ...new Set(runs.map((r) => r.command)),
    "```",
    "",
    "## Results",
    "",
  ];
  for (const run of runs) {
    out.push(
      `### ${label(run.mode)} — ${run.startedAt.slice(0, 16).replace("T", " ")} UTC`,
      "",
      `Load average (1 min) on the ${m.cores} cores: ${run.load.before.toFixed(1)} before the timed requests, ` +
        `${run.load.after.toFixed(1)} after. ${summary(run)}`,
      "",
      ...resultTable(run),
      "",
    );
  }
  out.push(
    "## Generating the data",
    "",
    "| Step | " + runs.map((r) => label(r.mode)).join(" | ") + " |",
    "|---|" + runs.map(() => "--:|").join(""),
  );
  const steps = [...new Set(runs.flatMap((r) => Object.keys(r.data.steps)))];
  for (const step of steps) {
    out.push(
      `| ${step} | ${runs.map((r) => (r.data.steps[step] === undefined ? "" : ms(r.data.steps[step]))).join(" | ")} |`,
    );
  }
  out.push(
    `| **total** | ${runs.map((r) => `**${ms(r.data.totalMs)}**`).join(" | ")} |`,
    `| size on disk (after a checkpoint) | ${runs.map((r) => `${(r.database.sizeBytes / 1e6).toFixed(0)} MB`).join(" | ")} |`,
    "",
    "Rows: " +
      Object.entries(first.data.counts)
        .map(([table, n]) => `${table} ${num(n)}`)
        .join(", ") +
      ".",
    "",
    ...backupSection(runs),
    ...bundleSection(bundle),
    ...emailSection(email),
    "## Running it",
    "",
    "```sh",
    "npm run bench                                   # 100,000 conversations, both databases (writes this page)",
    "npm run bench -- --conversations 10000          # a quick run (results JSON only)",
    "npm run bench -- --only embedded                # or --only postgres",
    "npm run bench -- --backup                       # also time heed backup and heed restore of the data set",
    "npm run bench -- --render                       # rewrite this page from the saved results, no run",
    "npm run bench -- --bundle                       # only measure the web app bundle, then rewrite this page",
    "HEED_BENCH_DATABASE_URL=postgres://… npm run bench   # another PostgreSQL server (default postgres://postgres@127.0.0.1:5432)",
    "```",
    "",
    "Each run creates a fresh embedded data folder in a temporary directory and a fresh database on the",
    "PostgreSQL server, and removes both afterwards. Without a reachable server the PostgreSQL part is",
    "skipped with a message. Results are saved as JSON in bench/results/ (not committed); this page is",
    "rewritten only by a full-size run (or with `--docs`).",
    "",
  );
  return out.join("\n");
}

const pageFile = new URL("../docs/benchmarks.md", import.meta.url);

/** Writes docs/benchmarks.md formatted as `npm run lint` expects; returns its path. */
async function writePage(markdown: string): Promise<string> {
  fs.mkdirSync(new URL(".", pageFile), { recursive: true });
  const config = (await prettier.resolveConfig(pageFile.pathname)) ?? {};
  fs.writeFileSync(pageFile, await prettier.format(markdown, { ...config, parser: "markdown" }));
  return path.relative(process.cwd(), pageFile.pathname);
}

/** Rewrites docs/benchmarks.md from the runs given. */
export async function writeMarkdown(
  runs: RunResult[],
  bundle = latestBundle(),
  email: EmailIngestResult[] = [],
): Promise<string> {
  return writePage(renderMarkdown(runs, bundle, email));
}

/**
 * Replaces (or adds, before "Running it") only the "Email ingest" section of docs/benchmarks.md, for when
 * the results the rest of the page is written from are not saved on this machine: the other sections
 * stay as they are.
 */
export async function writeEmailSection(email: EmailIngestResult[]): Promise<string> {
  const page = fs.existsSync(pageFile) ? fs.readFileSync(pageFile, "utf8") : "# Benchmarks\n";
  const lines = page.split("\n");
  const section = emailSection(email);
  const start = lines.indexOf("## Email ingest");
  if (start >= 0) {
    const next = lines.findIndex((line, i) => i > start && line.startsWith("## "));
    lines.splice(start, (next < 0 ? lines.length : next) - start, ...section);
  } else {
    const runningIt = lines.indexOf("## Running it");
    lines.splice(runningIt < 0 ? lines.length : runningIt, 0, ...section);
  }
  return writePage(lines.join("\n"));
}
