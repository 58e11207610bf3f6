/**
 * The realtime benchmark: a real Heed server on loopback (this process, with the embedded database's
 * thread in embedded mode) holding thousands of chat-widget sockets and agents' sockets, while visitors
 * write and agents reply at a steady rate. A child process (bench/realtime-clients.ts) holds the sockets
 * and times each delivery on its own clock: a visitor's message to every agent socket (admins see every
 * inbox) and an agent's reply (POST /api/v1/conversations/:id/messages) to the visitor's socket. Saved as
 * bench/results/<time>-<mode>-realtime.json and rendered as the "Realtime" section of docs/benchmarks.md.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import prettier from "prettier";
import { buildApp } from "../src/server/app.js";
import { createInbox } from "../src/server/commands/create-inbox.js";
import { createUser } from "../src/server/commands/create-user.js";
import { createWorkspace } from "../src/server/commands/create-workspace.js";
import { loadEnv } from "../src/server/env.js";
import { hashToken, newId, randomToken } from "../src/server/lib/ids.js";
import { insertApiToken } from "../src/server/models/api-tokens.js";
import type {
  ClientsMessage,
  ClientsResult,
  ClientsStart,
  ParentMessage,
  Probe,
} from "./realtime-clients.js";
import { describeMachine, type Machine } from "./report.js";
import type { BenchMode, BenchTarget } from "./targets.js";
import { profileDatabase, type StatementTime } from "./sql-profile.js";
import { percentile } from "./workloads.js";

export interface RealtimeOptions {
  visitors: number;
  agents: number;
  /** Messages per second in all, half visitors' messages and half agents' replies. */
  rate: number;
  seconds: number;
}

export const defaultRealtimeOptions: RealtimeOptions = { visitors: 2000, agents: 100, rate: 50, seconds: 30 };

/** The target: delivery p99 under this many ms both ways (and nothing lost), on 2 cores. */
export const REALTIME_TARGET_P99_MS = 100;
/** Visitors that start a conversation and write in the steady phase (the others only stay connected). */
const MAX_TALKERS = 500;
const DRAIN_MS = 5_000;
const BATCH = 100;
const PROBES = 3;
const PROBE_GAP_MS = 50;

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RealtimeResult {
  kind: "realtime";
  mode: BenchMode;
  startedAt: string;
  command: string;
  options: RealtimeOptions;
  machine: Machine;
  database: { version: string };
  load: { before: number; after: number };
  connections: {
    agents: number;
    visitors: number;
    talkers: number;
    /** Loopback source addresses the visitors were spread over. */
    addresses: number;
    /** Time the talkers took to start their conversations (part of connectMs). */
    startMs: number;
    connectMs: number;
    failures: string[];
  };
  steady: { ms: number; sent: number; stored: number; perSecond: number };
  /** Visitor's send to each agent socket's message.created: one sample per agent per message. */
  visitorToAgent: Latency & { expected: number; lost: number; duplicates: number };
  /** Visitor's send to the last of the agent sockets receiving it (messages all got). */
  visitorToLastAgent: Latency;
  /** Visitor's send to the ack on their socket. */
  ack: Latency & { nacked: number };
  /** Just before the agent's POST to the visitor socket's `message`. */
  agentToVisitor: Latency & { lost: number; duplicates: number; failed: number };
  /** The POST's round trip (201). */
  replyHttp: Latency;
  /** This process: RSS (all threads), and the JS heap in use (the sockets' share shows best there). */
  memory: {
    rssBeforeMb: number;
    rssConnectedMb: number;
    rssPeakMb: number;
    rssAfterMb: number;
    heapBeforeMb: number;
    heapConnectedMb: number;
  };
  cpu: {
    /** This process over the steady phase (all threads: in embedded mode the database's too). */
    serverCores: number;
    serverMainThreadBusy: number;
    /** PostgreSQL's processes on this machine over the steady phase; null in embedded mode. */
    databaseCores: number | null;
    clientCores: number;
  };
  errors: { count: number; closedSockets: number; samples: string[] };
  /** The server's SQL over the steady phase: statements in all and per message stored, the busiest. */
  sql: { statements: number; perMessage: number; ms: number; top: StatementTime[] };
  /** Per second of the steady phase: the slowest delivery each way of the messages sent in it. */
  timeline: ClientsResult["timeline"];
  /** After the steady phase: new conversations started with every socket connected (see Probe). */
  probes: Probe[];
  target: { p99Ms: number; met: boolean };
}

type Say = (message: string) => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1e6);

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** CPU ms used so far by the PostgreSQL processes this machine shows (comm "postgres"), by pid. */
function postgresCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      if (!stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).startsWith("postgres")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

/** The statements run between two snapshots of a profile, the busiest first. */
function sqlDelta(before: StatementTime[], after: StatementTime[]) {
  const earlier = new Map(before.map((s) => [s.sql, s]));
  const ran = after
    .map((s) => ({
      sql: s.sql,
      count: s.count - (earlier.get(s.sql)?.count ?? 0),
      ms: s.ms - (earlier.get(s.sql)?.ms ?? 0),
    }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.ms - a.ms);
  return {
    statements: ran.reduce((sum, s) => sum + s.count, 0),
    perMessage: 0,
    ms: ran.reduce((sum, s) => sum + s.ms, 0),
    top: ran.slice(0, 8),
  };
}

/** Creates the workspace, the chat inbox and `count` admins with an API token each. */
async function setUp(target: BenchTarget, count: number) {
  const { workspace, owner } = await createWorkspace(target.db, {
    name: "Realtime benchmark",
    owner: { email: "owner@realtime.bench.example", name: "Bench Owner", password: null },
  });
  const actor = {
    userId: owner.id,
    workspaceId: workspace.id,
    role: "owner" as const,
    name: owner.name,
    via: "token" as const,
  };
  const inbox = await createInbox(target.db, actor, { name: "Chat", channel: "chat" });
  const tokens: string[] = [];
  for (let i = 1; i <= count; i++) {
    const user = await target.db.transaction((tx) =>
      createUser(tx, {
        workspaceId: workspace.id,
        email: `agent${i}@realtime.bench.example`,
        name: `Agent ${String(i).padStart(3, "0")}`,
        role: "admin",
        password: null,
      }),
    );
    const token = `heed_${randomToken()}`;
    await insertApiToken(target.db, {
      id: newId(),
      workspaceId: workspace.id,
      userId: user.id,
      name: "realtime bench",
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, 9),
    });
    tokens.push(token);
  }
  return { widgetKey: inbox.widget_key!, tokens };
}

/** Runs the benchmark on a fresh target; the caller closes it. */
export async function runRealtime(
  target: BenchTarget,
  options: RealtimeOptions,
  meta: { command: string; say: Say },
): Promise<RealtimeResult> {
  const { say } = meta;
  const startedAt = new Date().toISOString();
  const [{ version }] = (await target.db.query<{ version: string }>("SELECT version() AS version")) as [
    { version: string },
  ];
  const { widgetKey, tokens } = await setUp(target, options.agents);
  const talkers = Math.min(MAX_TALKERS, options.visitors);
  const visitorPerMinute = (options.rate / 2) * 60;
  // Per address at most 20 sockets (limit: 30 a minute) and about 60 messages a minute (limit: 120);
  // conversations start from other addresses, 10 each (limit: 20 per chat in 10 minutes). Each visitor
  // writes as often as the others (limit: 30 a minute).
  const addresses = Math.max(Math.ceil(options.visitors / 20), Math.ceil(visitorPerMinute / 60));
  const starterAddresses = Math.ceil(talkers / 10);
  if (visitorPerMinute / talkers > 20) {
    say(
      `  warning: ${round(visitorPerMinute / talkers)} messages a minute per visitor: near the widget's limit`,
    );
  }

  const env = loadEnv({
    NODE_ENV: "production",
    HEED_SECRET: randomToken(48),
    HEED_LOG_LEVEL: "warn",
    ...target.env,
  });
  // The app's statements are counted (a thin wrapper) to show where the database's time goes.
  const profile = profileDatabase(target.db);
  const app = await buildApp({ db: profile.db, env }, { webRoot: "/nonexistent" });
  const httpUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const child = fork(new URL("./realtime-clients.ts", import.meta.url).pathname, [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const queue: ClientsMessage[] = [];
  let wake = () => {};
  let exitCode: number | null | undefined;
  child.on("message", (message: ClientsMessage) => {
    if (message.type === "progress") say(`  ${message.text}`);
    else queue.push(message);
    wake();
  });
  // "close", not "exit": the messages still in the channel are delivered before it.
  child.once("close", (code) => {
    exitCode = code;
    wake();
  });
  const next = async <T extends ClientsMessage["type"]>(type: T) => {
    for (;;) {
      const message = queue.shift();
      if (message?.type === type) return message as Extract<ClientsMessage, { type: T }>;
      if (message) throw new Error(`expected ${type} from the clients, got ${message.type}`);
      if (exitCode !== undefined)
        throw new Error(`the client process ended (code ${exitCode}) before ${type}`);
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const tell = (message: ParentMessage) => child.send(message);

  try {
    const rssBefore = process.memoryUsage.rss();
    const heapBefore = process.memoryUsage().heapUsed;
    const loadBefore = os.loadavg()[0]!;
    const start: ClientsStart = {
      type: "start",
      httpUrl,
      widgetKey,
      origin: "https://shop.example",
      agentTokens: tokens,
      visitors: options.visitors,
      talkers,
      addresses,
      starterAddresses,
      probes: PROBES,
      probeGapMs: PROBE_GAP_MS,
      rate: options.rate,
      seconds: options.seconds,
      drainMs: DRAIN_MS,
      batch: BATCH,
    };
    say(
      `  connecting ${options.agents} agents and ${options.visitors} visitors (from ${addresses} addresses)…`,
    );
    tell(start);
    const connected = await next("connected");
    const rssConnected = process.memoryUsage.rss();
    const heapConnected = process.memoryUsage().heapUsed;
    say(
      `  ${connected.agents} agents and ${connected.visitors} visitors (${connected.talkers} with a conversation, ` +
        `started in ${(connected.startMs / 1000).toFixed(1)} s) connected in ${(connected.ms / 1000).toFixed(1)} s; ` +
        `RSS ${mb(rssBefore)} → ${mb(rssConnected)} MB, JS heap ${mb(heapBefore)} → ${mb(heapConnected)} MB`,
    );
    for (const failure of connected.failures) say(`  refused: ${failure}`);
    // Let the sidebar counts and presence of the connecting settle before the clock starts.
    await sleep(3_000);
    say(`  steady phase: ${options.rate} messages/s for ${options.seconds} s…`);

    let rssPeak = process.memoryUsage.rss();
    const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 100);
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const pgBefore = target.mode === "postgres" ? postgresCpuMs() : null;
    const sqlBefore = profile.result(Infinity).top;
    const t0 = performance.now();
    tell({ type: "go" });
    await next("steady-done");
    const steadyMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpuBefore);
    const elu = performance.eventLoopUtilization(eluBefore);
    const sql = sqlDelta(sqlBefore, profile.result(Infinity).top);
    let databaseCores: number | null = null;
    if (pgBefore) {
      let used = 0;
      for (const [pid, ms] of postgresCpuMs()) used += ms - (pgBefore.get(pid) ?? 0);
      databaseCores = Math.round((used / steadyMs) * 100) / 100;
    }
    const { result } = await next("result");
    clearInterval(rssTimer);
    const rssAfter = process.memoryUsage.rss();
    return summarize(result, {
      sql,
      mode: target.mode,
      startedAt,
      command: meta.command,
      options,
      machine: describeMachine(),
      database: { version },
      load: { before: loadBefore, after: os.loadavg()[0]! },
      connections: {
        agents: connected.agents,
        visitors: connected.visitors,
        talkers: connected.talkers,
        addresses,
        startMs: connected.startMs,
        connectMs: connected.ms,
        failures: connected.failures,
      },
      memory: {
        rssBeforeMb: mb(rssBefore),
        rssConnectedMb: mb(rssConnected),
        rssPeakMb: mb(rssPeak),
        rssAfterMb: mb(rssAfter),
        heapBeforeMb: mb(heapBefore),
        heapConnectedMb: mb(heapConnected),
      },
      cpu: {
        serverCores: Math.round(((cpu.user + cpu.system) / 1000 / steadyMs) * 100) / 100,
        serverMainThreadBusy: Math.round(elu.utilization * 100) / 100,
        databaseCores,
        clientCores: Math.round(result.cpuCores * 100) / 100,
      },
    });
  } finally {
    child.kill();
    await app.close();
  }
}

function summarize(
  r: ClientsResult,
  base: Omit<
    RealtimeResult,
    | "kind"
    | "steady"
    | "visitorToAgent"
    | "visitorToLastAgent"
    | "ack"
    | "agentToVisitor"
    | "replyHttp"
    | "errors"
    | "probes"
    | "timeline"
    | "target"
  >,
): RealtimeResult {
  const stored = r.visitor.acked + r.agent.created;
  const out: RealtimeResult = {
    kind: "realtime",
    ...base,
    sql: { ...base.sql, perMessage: round(base.sql.statements / Math.max(1, stored)) },
    steady: {
      ms: r.steadyMs,
      sent: r.visitor.sent + r.agent.sent,
      stored,
      perSecond: round((stored / r.steadyMs) * 1000),
    },
    visitorToAgent: {
      ...latency(r.visitor.deliveryMs),
      expected: r.visitor.expected,
      lost: r.visitor.lost,
      duplicates: r.visitor.duplicates,
    },
    visitorToLastAgent: latency(r.visitor.lastAgentMs),
    ack: { ...latency(r.visitor.ackMs), nacked: r.visitor.nacked },
    agentToVisitor: {
      ...latency(r.agent.deliveryMs),
      lost: r.agent.lost,
      duplicates: r.agent.duplicates,
      failed: r.agent.failed,
    },
    replyHttp: latency(r.agent.httpMs),
    errors: { count: r.errorCount, closedSockets: r.closedSockets, samples: r.errors },
    timeline: r.timeline,
    probes: r.probes.map((p) => ({
      newAckMs: round(p.newAckMs),
      nextAckMs: round(p.nextAckMs),
      nextAllAgentsMs: p.nextAllAgentsMs === null ? null : round(p.nextAllAgentsMs),
    })),
    target: { p99Ms: REALTIME_TARGET_P99_MS, met: false },
  };
  out.target.met =
    out.visitorToAgent.p99 < REALTIME_TARGET_P99_MS &&
    out.agentToVisitor.p99 < REALTIME_TARGET_P99_MS &&
    out.visitorToAgent.lost === 0 &&
    out.agentToVisitor.lost === 0 &&
    out.agentToVisitor.failed === 0 &&
    r.visitor.nacked === 0;
  return out;
}

/** The lines the run prints. */
export function describeRealtime(r: RealtimeResult): string[] {
  const l = (x: Latency) => `p50 ${x.p50} ms, p95 ${x.p95} ms, p99 ${x.p99} ms, max ${x.max} ms (${x.count})`;
  return [
    `${r.steady.perSecond} messages/s stored over ${(r.steady.ms / 1000).toFixed(1)} s (${r.steady.sent} sent)`,
    `visitor → agents: ${l(r.visitorToAgent)}; lost ${r.visitorToAgent.lost} of ${r.visitorToAgent.expected}, duplicated ${r.visitorToAgent.duplicates}`,
    `visitor → last agent: ${l(r.visitorToLastAgent)}`,
    `visitor ack: ${l(r.ack)}; refused ${r.ack.nacked}`,
    `agent → visitor: ${l(r.agentToVisitor)}; lost ${r.agentToVisitor.lost}, duplicated ${r.agentToVisitor.duplicates}, failed ${r.agentToVisitor.failed}`,
    `reply POST: ${l(r.replyHttp)}`,
    `RSS ${r.memory.rssBeforeMb} MB before connecting, ${r.memory.rssConnectedMb} MB connected, peak ${r.memory.rssPeakMb} MB`,
    `CPU cores: server ${r.cpu.serverCores} (main thread busy ${Math.round(r.cpu.serverMainThreadBusy * 100)}%)` +
      `${r.cpu.databaseCores === null ? "" : `, PostgreSQL ${r.cpu.databaseCores}`}, clients ${r.cpu.clientCores}`,
    ...r.probes.map(
      (p, i) =>
        `new conversation ${i + 1} with all connected: its ack ${p.newAckMs} ms; a talker's message ` +
        `${PROBE_GAP_MS} ms later: ack ${p.nextAckMs} ms, at every agent ${p.nextAllAgentsMs ?? "never"} ms`,
    ),
    `SQL over the steady phase: ${r.sql.statements} statements (${r.sql.perMessage} per message stored), ` +
      `${r.sql.ms} ms waited for; the busiest:`,
    ...r.sql.top.slice(0, 5).map((s) => `  ${s.count} × ${s.ms} ms: ${s.sql.slice(0, 100)}`),
    `slowest delivery per second sent, visitor → agent: ${r.timeline.map((t) => t.visitorToAgentMaxMs ?? "—").join(" ")}`,
    `slowest delivery per second sent, agent → visitor: ${r.timeline.map((t) => t.agentToVisitorMaxMs ?? "—").join(" ")}`,
    `errors ${r.errors.count}, sockets closed by the server ${r.errors.closedSockets}`,
    ...r.errors.samples.slice(0, 5).map((s) => `  ${s}`),
    `target p99 < ${r.target.p99Ms} ms both ways, nothing lost: ${r.target.met ? "met" : "MISSED"}`,
  ];
}

const resultsDir = new URL("results/", import.meta.url);
const fileSuffix = (mode: BenchMode) => `-${mode}-realtime.json`;

/** Writes the run as bench/results/<time>-<mode>-realtime.json; returns the path. */
export function saveRealtimeResult(result: RealtimeResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${result.startedAt.replace(/[:.]/g, "-")}${fileSuffix(result.mode)}`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved run of `mode` of the size given. */
export function latestRealtimeResult(mode: BenchMode, options: RealtimeOptions): RealtimeResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const files = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(fileSuffix(mode)))
    .sort()
    .reverse();
  for (const file of files) {
    const run = JSON.parse(fs.readFileSync(new URL(file, resultsDir), "utf8")) as RealtimeResult;
    const o = run.options;
    if (
      o.visitors === options.visitors &&
      o.agents === options.agents &&
      o.rate === options.rate &&
      o.seconds === options.seconds
    )
      return run;
  }
  return undefined;
}

const label = (mode: BenchMode) => (mode === "embedded" ? "Embedded (PGlite)" : "PostgreSQL server");
const pair = (x: Latency) => `${x.p50.toFixed(1)} / ${x.p99.toFixed(1)} ms`;
const worst = (r: RealtimeResult, of: (p: Probe) => number | null) => {
  const values = r.probes.map(of);
  if (values.length === 0) return "—";
  return values.includes(null) ? "never" : `${Math.max(...(values as number[])).toFixed(0)} ms`;
};

/** The docs section for the runs given (one per mode), between its markers. */
export function realtimeSection(results: RealtimeResult[]): string[] {
  const first = results[0]!;
  const m = first.machine;
  const o = first.options;
  const row = (name: string, cell: (r: RealtimeResult) => string) =>
    `| ${name} | ${results.map(cell).join(" | ")} |`;
  return [
    "<!-- realtime:start -->",
    "",
    "## Realtime",
    "",
    `A Heed server on loopback holds ${o.visitors.toLocaleString("en")} chat-widget sockets and ${o.agents} agent ` +
      `sockets (admins, so every visitor message reaches all of them) while ${o.rate} messages a second arrive for ` +
      `${o.seconds} s: half are visitors' messages over the widget socket, half agents' replies ` +
      "(`POST /api/v1/conversations/:id/messages`) to a random visitor's conversation (bench/realtime.ts).",
    "",
    `- **How:** a separate client process (bench/realtime-clients.ts) holds every socket. The agents connect; ` +
      `${first.connections.talkers} visitors start a conversation, ten at a time, each on a socket closed ` +
      "afterwards; then every visitor connects, 100 at a time (those with a conversation with their token), and " +
      "only those write in the steady phase; the rest stay connected and idle. Conversations start before the " +
      "other visitors connect because each new one makes every open widget socket look its own conversation " +
      "up again (see the probe rows). Visitors connect from many loopback addresses (127.x.y.z) so the widget's " +
      "per-address limits do not refuse them. Messages go out on a fixed schedule, not waiting for answers.",
    "- **Latency** is read on the client process's clock: **visitor → agent** from the visitor's send to each " +
      "agent socket's `message.created` event (one sample per agent per message); **agent → visitor** from just " +
      "before the reply's POST to the visitor socket's `message`; **ack** from the visitor's send to the " +
      "widget's `ack`. It includes the client process's own delays on the same cores.",
    `- **Lost:** deliveries expected but not received ${DRAIN_MS / 1000} s after the last send; **duplicated:** ` +
      "one message id delivered twice to one socket.",
    "- **RSS** of the server process (with the embedded database's thread in embedded mode) before the sockets " +
      "connect and once they have, and its JS heap in use; both move with garbage collection (the embedded " +
      "database's memory too), so a smaller number after connecting is possible. **CPU** over the steady " +
      "phase, in cores: the server process, PostgreSQL's processes on the same machine (PostgreSQL run) and " +
      "the client process.",
    "- **SQL per message:** statements the server ran over the steady phase (counted by wrapping its database " +
      "handle) divided by the messages stored; the busiest are listed below the table.",
    `- **New conversation probe:** after the steady phase, ${first.probes.length} times, a new visitor starts a ` +
      `conversation with every socket connected, and a talker writes ${PROBE_GAP_MS} ms later; the worst of them ` +
      "is shown.",
    `- **Target:** p99 < ${REALTIME_TARGET_P99_MS} ms both ways on 2 cores, nothing lost.`,
    "",
    `Measured ${first.startedAt.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB ` +
      `RAM, ${m.os}, Node ${m.node}; ` +
      results
        .map(
          (r) =>
            `${label(r.mode)}: ${r.database.version.split(" on ")[0]}, load average ${r.load.before.toFixed(1)} ` +
            `before and ${r.load.after.toFixed(1)} after`,
        )
        .join("; ") +
      ". The machine is shared, so other work may fall into a run.",
    "",
    "```sh",
    ...new Set(results.map((r) => r.command)),
    "```",
    "",
    `| | ${results.map((r) => label(r.mode)).join(" | ")} |`,
    `|---|${results.map(() => "--:|").join("")}`,
    row("connections: visitors / agents", (r) => `${r.connections.visitors} / ${r.connections.agents}`),
    row("messages/s stored (target rate)", (r) => `${r.steady.perSecond} (${r.options.rate})`),
    row("**visitor → agent p50 / p99**", (r) => `**${pair(r.visitorToAgent)}**`),
    row("visitor → last of the agents p50 / p99", (r) => pair(r.visitorToLastAgent)),
    row("**agent → visitor p50 / p99**", (r) => `**${pair(r.agentToVisitor)}**`),
    row("visitor ack p50 / p99", (r) => pair(r.ack)),
    row("reply POST p50 / p99", (r) => pair(r.replyHttp)),
    row(
      "max: visitor → agent / agent → visitor",
      (r) => `${r.visitorToAgent.max.toFixed(0)} / ${r.agentToVisitor.max.toFixed(0)} ms`,
    ),
    row(
      "lost / duplicated: visitor → agent",
      (r) =>
        `${r.visitorToAgent.lost} of ${r.visitorToAgent.expected.toLocaleString("en")} / ${r.visitorToAgent.duplicates}`,
    ),
    row(
      "lost / duplicated: agent → visitor",
      (r) => `${r.agentToVisitor.lost} / ${r.agentToVisitor.duplicates}`,
    ),
    row("RSS before / after connecting", (r) => `${r.memory.rssBeforeMb} / ${r.memory.rssConnectedMb} MB`),
    row(
      "JS heap before / after connecting",
      (r) => `${r.memory.heapBeforeMb} / ${r.memory.heapConnectedMb} MB`,
    ),
    row("RSS peak (steady phase, drain, probes)", (r) => `${r.memory.rssPeakMb} MB`),
    row(
      "CPU cores: server (main thread busy)",
      (r) => `${r.cpu.serverCores.toFixed(2)} (${Math.round(r.cpu.serverMainThreadBusy * 100)}%)`,
    ),
    row(
      "CPU cores: PostgreSQL / clients",
      (r) =>
        `${r.cpu.databaseCores === null ? "—" : r.cpu.databaseCores.toFixed(2)} / ${r.cpu.clientCores.toFixed(2)}`,
    ),
    row("SQL statements per message stored", (r) => r.sql.perMessage.toFixed(0)),
    row("new conversation probe: its ack", (r) => worst(r, (p) => p.newAckMs)),
    row(
      `new conversation probe: message ${PROBE_GAP_MS} ms later, ack / at every agent`,
      (r) => `${worst(r, (p) => p.nextAckMs)} / ${worst(r, (p) => p.nextAllAgentsMs)}`,
    ),
    row("errors / sockets closed by the server", (r) => `${r.errors.count} / ${r.errors.closedSockets}`),
    row(`target (p99 < ${REALTIME_TARGET_P99_MS} ms, nothing lost)`, (r) =>
      r.target.met ? "**met**" : "**missed**",
    ),
    "",
    "The statements with the most time waited for over the steady phase (count / ms, summed over concurrent " +
      "waits; the embedded database has one connection, the PostgreSQL pool ten):",
    "",
    `| Statement | ${results.map((r) => label(r.mode)).join(" | ")} |`,
    `|---|${results.map(() => "--:|").join("")}`,
    ...[...new Set(results.flatMap((r) => r.sql.top.slice(0, 5).map((s) => s.sql)))].map((sql) =>
      row(`\`${sql.replaceAll("|", "\\|").slice(0, 80)}${sql.length > 80 ? "…" : ""}\``, (r) => {
        const found = r.sql.top.find((s) => s.sql === sql);
        return found ? `${found.count.toLocaleString("en")} / ${found.ms.toLocaleString("en")}` : "";
      }),
    ),
    "",
    "```sh",
    "npm run bench -- --realtime                     # 2,000 visitors, 100 agents, 50 messages/s, 30 s (writes this section)",
    "npm run bench -- --realtime --visitors 200 --agents 10 --seconds 5   # a quick run (--docs writes it anyway)",
    "npm run bench -- --realtime --only embedded     # or --only postgres; --rate 50 sets messages per second",
    "```",
    "",
    "<!-- realtime:end -->",
  ];
}

const pageFile = new URL("../docs/benchmarks.md", import.meta.url);

/** Replaces the section between the realtime markers of docs/benchmarks.md (or appends it); its path. */
export async function writeRealtimeSection(results: RealtimeResult[]): Promise<string> {
  const page = fs.existsSync(pageFile) ? fs.readFileSync(pageFile, "utf8") : "# Benchmarks\n";
  const section = realtimeSection(results).join("\n");
  const start = page.indexOf("<!-- realtime:start -->");
  const endMarker = "<!-- realtime:end -->";
  const end = page.indexOf(endMarker);
  const text =
    start >= 0 && end > start
      ? page.slice(0, start) + section + page.slice(end + endMarker.length)
      : `${page.trimEnd()}\n\n${section}\n`;
  const config = (await prettier.resolveConfig(pageFile.pathname)) ?? {};
  fs.writeFileSync(pageFile, await prettier.format(text, { ...config, parser: "markdown" }));
  return path.relative(process.cwd(), pageFile.pathname);
}

/**
 * After the whole page was written again (bench/run.ts), puts back the section from the newest saved
 * full-size runs, if any.
 */
export async function restoreRealtimeSection(say: Say): Promise<void> {
  const saved = (["embedded", "postgres"] as const)
    .map((mode) => latestRealtimeResult(mode, defaultRealtimeOptions))
    .filter((r): r is RealtimeResult => r !== undefined);
  if (saved.length > 0) say(`wrote the Realtime section of ${await writeRealtimeSection(saved)} again`);
}
