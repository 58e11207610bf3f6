/**
 * `npm run bench`: generates a large help desk in a fresh embedded database and a fresh PostgreSQL
 * database, then times the agent's everyday requests through the real app. See docs/benchmarks.md.
 *
 *   npm run bench [-- --conversations 100000] [--only embedded|postgres] [--requests 300] [--warmup 30]
 *                 [--backup] (also time heed backup / heed restore) [--docs] (write the page on a small run)
 *                 [--skip-analyze] (leave the planner without statistics, as an embedded install is)
 *                 [--render] (no run: write docs/benchmarks.md again from the saved results)
 *                 [--bundle] (only measure the web app's first-load size, then write the page)
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { buildApp } from "../src/server/app.js";
import { loadEnv } from "../src/server/env.js";
import { randomToken } from "../src/server/lib/ids.js";
import { type BackupTiming, timeBackupAndRestore } from "./backup-timing.js";
import { checkData, countRows } from "./check-data.js";
import { probeDatabase } from "./sql-probe.js";
import { generateData } from "./generate.js";
import {
  describeMachine,
  latestBackup,
  latestResult,
  type RunResult,
  saveBundle,
  saveResult,
  targets,
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

const runs: RunResult[] = [];
const isBundleOnly = values.bundle;
if (isBundleOnly || (!values.render && options.conversations >= FULL_SIZE)) await measureBundle();
// --render: no run, only the page again from the saved results (after changing its layout).
for (const mode of values.render || isBundleOnly ? [] : modes) {
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

if (
  values.render ||
  isBundleOnly ||
  (runs.length > 0 && options.analyzed && (values.docs || options.conversations >= FULL_SIZE))
) {
  // A page covers both modes: a mode not run this time keeps its last saved result of the same size.
  const page = (["embedded", "postgres"] as const)
    .map((mode) => runs.find((r) => r.mode === mode) ?? latestResult(mode, options.conversations))
    .filter((r): r is RunResult => r !== undefined)
    .map((r) => (r.backup ? r : { ...r, backup: latestBackup(r.mode, options.conversations) }));
  if (page.length === 0)
    say(`no saved results of ${options.conversations} conversations to write a page from`);
  else say(`wrote ${await writeMarkdown(page)}`);
} else if (runs.length > 0) {
  say(
    "docs/benchmarks.md not updated (only a full-size run without --skip-analyze writes it; --docs for a smaller one)",
  );
}
