/**
 * `npm run bench`: generates a large help desk in a fresh embedded database and a fresh PostgreSQL
 * database, then times the agent's everyday requests through the real app. See docs/benchmarks.md.
 *
 *   npm run bench [-- --conversations 100000] [--only embedded|postgres] [--requests 300] [--warmup 30]
 *                 [--backup] (also time heed backup / heed restore) [--docs] (write the page on a small run)
 *                 [--skip-analyze] (leave the planner without statistics, as an embedded install is)
 *                 [--render] (no run: write docs/benchmarks.md again from the saved results)
 *                 [--bundle] (only measure the web app's first-load size, then write the page)
 *                 [--email] (only the email ingest benchmark) [--messages 10000] [--connections 4]
 *                 [--realtime] (only the realtime benchmark) [--visitors 2000] [--agents 100] [--rate 50]
 *                 [--seconds 30]
 *                 [--help-center] (only the help-center benchmark) [--articles 5000]
 *                 [--coach] (only the reply-coach benchmark: 2,000-character drafts, no database)
 *
 * A full-size run also measures the web app bundle and runs the email ingest benchmark.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { buildApp } from "../src/server/app.js";
import { loadEnv } from "../src/server/env.js";
import { randomToken } from "../src/server/lib/ids.js";
import { type BackupTiming, timeBackupAndRestore } from "./backup-timing.js";
import { checkData, countRows } from "./check-data.js";
import { defaultEmailOptions, type EmailIngestResult, runEmailIngest } from "./email-ingest.js";
import { latestEmailResult, saveEmailResult } from "./email-report.js";
import {
  defaultRealtimeOptions,
  describeRealtime,
  latestRealtimeResult,
  type RealtimeResult,
  restoreRealtimeSection,
  runRealtime,
  saveRealtimeResult,
  writeRealtimeSection,
} from "./realtime.js";
import {
  defaultHelpCenterOptions,
  describeHelpCenter,
  type HelpCenterResult,
  latestHelpCenterResult,
  restoreHelpCenterSection,
  runHelpCenterBench,
  saveHelpCenterResult,
  writeHelpCenterSection,
} from "./help-center.js";
import { probeDatabase } from "./sql-probe.js";
import {
  defaultCoachOptions,
  restoreCoachSection,
  runCoachBench,
  saveCoachResult,
  writeCoachSection,
} from "./coach.js";
import { generateData } from "./generate.js";
import {
  describeMachine,
  latestBackup,
  latestBundle,
  latestResult,
  type RunResult,
  saveBundle,
  saveResult,
  targets,
  writeEmailSection,
  writeMarkdown,
} from "./report.js";
import {
  type BenchMode,
  type BenchTarget,
  benchServerUrl,
  openEmbeddedTarget,
  openPostgresTarget,
} from "./targets.js";
import { buildAndMeasureBundle, INITIAL_JS_BUDGET } from "./web-bundle.js";
import { buildWorkloads, measureAll } from "./workloads.js";

const FULL_SIZE = 100_000;
const EMAIL_FULL_SIZE = 10_000;

const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: String(FULL_SIZE) },
    only: { type: "string" },
    requests: { type: "string", default: "500" },
    warmup: { type: "string", default: "30" },
    docs: { type: "boolean", default: false },
    backup: { type: "boolean", default: false },
    "skip-analyze": { type: "boolean", default: false },
    render: { type: "boolean", default: false },
    bundle: { type: "boolean", default: false },
    email: { type: "boolean", default: false },
    messages: { type: "string", default: String(EMAIL_FULL_SIZE) },
    connections: { type: "string", default: String(defaultEmailOptions.connections) },
    realtime: { type: "boolean", default: false },
    visitors: { type: "string", default: String(defaultRealtimeOptions.visitors) },
    agents: { type: "string", default: String(defaultRealtimeOptions.agents) },
    rate: { type: "string", default: String(defaultRealtimeOptions.rate) },
    seconds: { type: "string", default: String(defaultRealtimeOptions.seconds) },
    "help-center": { type: "boolean", default: false },
    articles: { type: "string", default: String(defaultHelpCenterOptions.articles) },
    coach: { type: "boolean", default: false },
  },
});
const options = {
  conversations: Number(values.conversations),
  requests: Number(values.requests),
  warmup: Number(values.warmup),
  analyzed: !values["skip-analyze"],
};
if (!Number.isInteger(options.conversations) || options.conversations < 100) {
  throw new Error("--conversations must be a whole number of at least 100");
}
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages < 100) {
  throw new Error("--messages must be a whole number of at least 100");
}
const connections = Number(values.connections);
if (!Number.isInteger(connections) || connections < 1 || connections > 100) {
  throw new Error("--connections must be a whole number from 1 to 100");
}
if (values.only && values.only !== "embedded" && values.only !== "postgres") {
  throw new Error("--only must be embedded or postgres");
}
const modes: BenchMode[] = values.only ? [values.only as BenchMode] : ["embedded", "postgres"];
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;

const say = (message: string) => console.log(`[bench] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const openTarget = (mode: BenchMode) =>
  mode === "embedded" ? openEmbeddedTarget(say) : openPostgresTarget();

async function runOn(target: BenchTarget): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const [{ version }] = (await target.db.query<{ version: string }>(
    `SELECT version() || ' (shared_buffers ' || current_setting('shared_buffers') ||
            ', work_mem ' || current_setting('work_mem') || ')' AS version`,
  )) as [{ version: string }];
  say(`${target.mode}: generating ${options.conversations.toLocaleString("en")} conversations…`);
  const steps: Record<string, number> = {};
  const started = performance.now();
  const data = await generateData(target.db, {
    conversations: options.conversations,
    analyze: options.analyzed,
    onStep: (step, ms) => {
      steps[step] = Math.round(ms);
      say(`  ${step}: ${seconds(ms)}`);
    },
  });
  const totalMs = Math.round(performance.now() - started);
  const counts = await countRows(target.db, data.workspaceId);
  say(`  generated in ${seconds(totalMs)}: ${JSON.stringify(counts)}`);
  const checks = await checkData(target.db, data.workspaceId);
  const failed = checks.filter((c) => c.violations > 0);
  if (failed.length > 0) {
    throw new Error(
      `The generated data is inconsistent: ${failed.map((c) => `${c.name} (${c.violations})`).join("; ")}`,
    );
  }
  say(`  ${checks.length} consistency checks passed`);

  const env = loadEnv({
    NODE_ENV: "production",
    HEED_SECRET: randomToken(48),
    HEED_LOG_LEVEL: "warn",
    ...target.env,
  });
  const probe = probeDatabase(target.db);
  const app = await buildApp({ db: probe.db, env }, { webRoot: "/nonexistent", logger: false });
  await app.ready();
  const results = [];
  const loadBefore = os.loadavg()[0]!;
  try {
    const workloads = await buildWorkloads(app, data.me.token, target.db, data.workspaceId);
    for (const result of await measureAll(app, data.me.token, workloads, options, probe)) {
      const target = targets[result.group];
      const mark = target ? (result[target.percentile] < target.ms ? "ok" : "MISSED") : "";
      say(
        `  ${result.name}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms ${mark} ` +
          `(${result.queries} statements, ${result.sqlMs} ms in SQL)`,
      );
      results.push(result);
    }
  } finally {
    await app.close();
  }
  const loadAfter = os.loadavg()[0]!;
  let backup: BackupTiming | undefined;
  if (values.backup) {
    say(`  timing heed backup and heed restore…`);
    backup = await timeBackupAndRestore(target, data.workspaceId, () => openTarget(target.mode));
    say(
      `  backup ${seconds(backup.backupMs)} (${(backup.bytes / 1e6).toFixed(0)} MB), restore ${seconds(backup.restoreMs)}`,
    );
  }
  return {
    mode: target.mode,
    startedAt,
    command,
    options,
    machine: describeMachine(),
    database: { version, sizeBytes: await target.size() },
    load: { before: loadBefore, after: loadAfter },
    data: { counts, steps, totalMs, checks },
    workloads: results,
    ...(backup ? { backup } : {}),
  };
}

/** Builds the web app and saves what the inbox downloads at first load. */
async function measureBundle(): Promise<void> {
  say("web app: building and measuring the first-load bundle…");
  const bundle = await buildAndMeasureBundle();
  say(
    `  first-load JavaScript ${(bundle.initialJsGzip / 1024).toFixed(1)} KB gzip ` +
      `(budget ${INITIAL_JS_BUDGET / 1024} KB); results in ${saveBundle(bundle)}`,
  );
}

/** The email ingest benchmark on a fresh database of `mode`, saved; undefined when PostgreSQL is absent. */
async function ingestEmail(mode: BenchMode): Promise<EmailIngestResult | undefined> {
  const target = await openTarget(mode);
  if (!target) return undefined;
  say(`${mode}: email ingest of ${messages.toLocaleString("en")} messages…`);
  try {
    const result = await runEmailIngest(
      target,
      { ...defaultEmailOptions, messages, connections },
      { command, say },
    );
    const { timing, outcome } = result;
    say(
      `  ${timing.perSecond} messages/s (received ${timing.receivedPerSecond}/s); visible p50 ` +
        `${timing.visible.p50} ms, p99 ${timing.visible.p99} ms; lost ${outcome.lost}, duplicated ` +
        `${outcome.duplicated}; raw inserts ${result.rawInsert.perSecond}/s; peak RSS ${result.memory.rssPeakMb} MB`,
    );
    say(`${mode}: results in ${saveEmailResult(result)}`);
    return result;
  } finally {
    await target.close();
  }
}

if (values.coach) {
  // Only the reply-coach benchmark: pure CPU, no database; always writes its section of the page.
  say("reply coach: 2,000-character drafts in en, ru, hr, sk…");
  const result = runCoachBench(defaultCoachOptions, { command, say });
  say(`reply coach: results in ${saveCoachResult(result)}`);
  say(`wrote the Reply coach section of ${await writeCoachSection(result)}`);
  process.exit(0);
}

if (values["help-center"]) {
  // Only the help-center benchmark, on each database; the page's Help center section after a 5,000 run.
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 10) throw new Error("--articles must be a whole number ≥ 10");
  const help = { ...defaultHelpCenterOptions, articles };
  const done: HelpCenterResult[] = [];
  for (const mode of modes) {
    const target = await openTarget(mode);
    if (!target) {
      say(`postgres: no server answers at ${benchServerUrl}; skipping PostgreSQL`);
      continue;
    }
    say(`${mode}: help center with ${articles.toLocaleString("en")} generated articles…`);
    try {
      const result = await runHelpCenterBench(target, help, { command, say });
      for (const line of describeHelpCenter(result)) say(`  ${line}`);
      say(`${mode}: results in ${saveHelpCenterResult(result)}`);
      done.push(result);
    } finally {
      await target.close();
    }
  }
  if (done.length > 0 && (articles === defaultHelpCenterOptions.articles || values.docs)) {
    const page = (["embedded", "postgres"] as const)
      .map((mode) => done.find((r) => r.mode === mode) ?? latestHelpCenterResult(mode, articles))
      .filter((r): r is HelpCenterResult => r !== undefined);
    say(`wrote the Help center section of ${await writeHelpCenterSection(page)}`);
  }
  process.exit(0);
}

if (values.realtime) {
  // Only the realtime benchmark, on each database; the page's Realtime section after a full-size run.
  const realtime = {
    visitors: Number(values.visitors),
    agents: Number(values.agents),
    rate: Number(values.rate),
    seconds: Number(values.seconds),
  };
  if (
    !Object.values(realtime).every((n) => Number.isFinite(n) && n > 0) ||
    !Number.isInteger(realtime.agents) ||
    !Number.isInteger(realtime.visitors)
  ) {
    throw new Error("--visitors and --agents must be whole numbers, --rate and --seconds positive numbers");
  }
  const done: RealtimeResult[] = [];
  for (const mode of modes) {
    const target = await openTarget(mode);
    if (!target) {
      say(`postgres: no server answers at ${benchServerUrl}; skipping PostgreSQL`);
      continue;
    }
    say(
      `${mode}: realtime, ${realtime.visitors} visitors, ${realtime.agents} agents, ${realtime.rate} messages/s…`,
    );
    try {
      const result = await runRealtime(target, realtime, { command, say });
      for (const line of describeRealtime(result)) say(`  ${line}`);
      say(`${mode}: results in ${saveRealtimeResult(result)}`);
      done.push(result);
    } finally {
      await target.close();
    }
  }
  const isFullSize = (Object.keys(realtime) as (keyof typeof realtime)[]).every(
    (key) => realtime[key] === defaultRealtimeOptions[key],
  );
  if (done.length > 0 && (isFullSize || values.docs)) {
    const page = (["embedded", "postgres"] as const)
      .map((mode) => done.find((r) => r.mode === mode) ?? latestRealtimeResult(mode, realtime))
      .filter((r): r is RealtimeResult => r !== undefined);
    say(`wrote the Realtime section of ${await writeRealtimeSection(page)}`);
  } else if (done.length > 0) {
    say("docs/benchmarks.md not updated (only a run of the default size writes it; --docs for another)");
  }
  process.exit(0);
}

const runs: RunResult[] = [];
const emailRuns: EmailIngestResult[] = [];
const isBundleOnly = values.bundle;
const isEmailOnly = values.email;
const isFullRun = !values.render && !isBundleOnly && !isEmailOnly && options.conversations >= FULL_SIZE;
if (isBundleOnly || isFullRun) await measureBundle();
// --render: no run, only the page again from the saved results (after changing its layout).
for (const mode of values.render || isBundleOnly || isEmailOnly ? [] : modes) {
  const target = await openTarget(mode);
  if (!target) {
    say(
      `postgres: no server answers at ${benchServerUrl}; skipping PostgreSQL (set HEED_BENCH_DATABASE_URL)`,
    );
    continue;
  }
  try {
    const run = await runOn(target);
    say(`${mode}: results in ${saveResult(run)}`);
    runs.push(run);
  } finally {
    await target.close();
  }
}

for (const mode of isEmailOnly || isFullRun ? modes : []) {
  const result = await ingestEmail(mode);
  if (result) emailRuns.push(result);
  else say(`postgres: no server answers at ${benchServerUrl}; skipping PostgreSQL`);
}

if (
  values.render ||
  isBundleOnly ||
  (runs.length > 0 && options.analyzed && (values.docs || options.conversations >= FULL_SIZE)) ||
  (emailRuns.length > 0 &&
    (values.docs || (messages >= EMAIL_FULL_SIZE && connections === defaultEmailOptions.connections)))
) {
  // A page covers both modes: a mode not run this time keeps its last saved result of the same size.
  const page = (["embedded", "postgres"] as const)
    .map((mode) => runs.find((r) => r.mode === mode) ?? latestResult(mode, options.conversations))
    .filter((r): r is RunResult => r !== undefined)
    .map((r) => (r.backup ? r : { ...r, backup: latestBackup(r.mode, options.conversations) }));
  const email = (["embedded", "postgres"] as const)
    .map((mode) => emailRuns.find((r) => r.mode === mode) ?? latestEmailResult(mode, messages))
    .filter((r): r is EmailIngestResult => r !== undefined);
  if (page.length > 0) {
    say(`wrote ${await writeMarkdown(page, latestBundle(), email)}`);
    await restoreRealtimeSection(say);
    await restoreHelpCenterSection(say);
    await restoreCoachSection(say);
  } else if (email.length > 0) {
    // The rest of the page comes from results not saved here: only its email section is rewritten.
    say(`wrote the Email ingest section of ${await writeEmailSection(email)}`);
  } else say(`no saved results of ${options.conversations} conversations to write a page from`);
} else if (runs.length > 0 || emailRuns.length > 0) {
  say(
    "docs/benchmarks.md not updated (only a full-size run without --skip-analyze writes it; --docs for a smaller one)",
  );
}
