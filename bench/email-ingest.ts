/**
 * The email ingest benchmark: N mixed messages (bench/mail-corpus.ts) through Heed's real SMTP receiver
 * into a fresh database, with the worker loop turning them into conversations in the same process, as
 * `heed start` runs them. A child process (bench/mail-sender.ts) sends over a few reused connections and
 * reports each 250; this process polls inbound_emails (one query every `pollMs`) for when each message
 * leaves 'received'. Then it checks every message: none lost, none stored or turned into a message twice,
 * replies in their thread's conversation, unusable mail quarantined and automatic replies ignored; and
 * measures what the same database does with plain single-row inserts, for comparison.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createWorkspace } from "../src/server/commands/create-workspace.js";
import { createInbox } from "../src/server/commands/create-inbox.js";
import type { AppContext } from "../src/server/context.js";
import { parseMail } from "../src/server/email/parse-mail.js";
import { startSmtpReceiver } from "../src/server/email/smtp-receiver.js";
import { loadEnv } from "../src/server/env.js";
import { startJobs } from "../src/server/jobs/index.js";
import { randomToken } from "../src/server/lib/ids.js";
import { type MailKind, type MailOutcome, mailCorpus } from "./mail-corpus.js";
import type { SenderMessage, SenderStart, SentMail } from "./mail-sender.js";
import { describeMachine, type Machine } from "./report.js";
import { profileDatabase, type SqlProfileResult } from "./sql-profile.js";
import type { BenchMode, BenchTarget } from "./targets.js";
import { percentile } from "./workloads.js";

export interface EmailIngestOptions {
  messages: number;
  seed: number;
  /** SMTP connections the sender keeps open and reuses. */
  connections: number;
  pollMs: number;
  /** Give up on the messages still waiting when none became final for this long. */
  stallMs: number;
}

export const defaultEmailOptions: Omit<EmailIngestOptions, "messages"> = {
  seed: 1,
  connections: 4,
  pollMs: 25,
  stallMs: 60_000,
};

export interface EmailIngestResult {
  kind: "email-ingest";
  mode: BenchMode;
  startedAt: string;
  command: string;
  options: EmailIngestOptions;
  machine: Machine;
  database: { version: string };
  /** 1-minute load average before and after the run: how busy the shared machine was. */
  load: { before: number; after: number };
  corpus: {
    messages: number;
    bytes: number;
    medianBytes: number;
    byKind: Record<MailKind, number>;
    byCharset: Record<string, number>;
    withAttachments: number;
  };
  /** Milliseconds from the first message's send. */
  timing: {
    /** Acknowledged messages per second, from the first send to the last message becoming final. */
    perSecond: number;
    /** Acknowledged messages per second, from the first send to the last 250. */
    receivedPerSecond: number;
    lastAckMs: number;
    lastFinalMs: number;
    /** Send start to 250, all messages. */
    ack: { p50: number; p99: number };
    /** Send start until the poll saw it processed with its conversation: processed messages only. */
    visible: { p50: number; p95: number; p99: number; max: number; count: number };
    /** Most messages acknowledged but not yet seen final at one poll: how far ingest fell behind. */
    peakBacklog: number;
    /** Longest time mail waited and none became final (the worker idle, or stuck on one message). */
    longestPauseMs: number;
  };
  outcome: {
    processed: number;
    quarantined: number;
    ignored: number;
    /** Acknowledged but not final (or not stored at all) when the run gave up waiting. */
    lost: number;
    /** Stored twice, or more than one message for one Message-ID. */
    duplicated: number;
    /** Final with another status than the corpus expects. */
    unexpected: number;
    /** A reply that did not land in its thread's conversation. */
    misthreaded: number;
    /** Never acknowledged: refused for good, or still refused after the sender's retries. */
    refused: number;
    /** Sending attempts beyond the first (after a 4xx or a dropped connection). */
    retries: number;
    conversations: number;
    expectedConversations: number;
    /** Up to 10 of the messages behind the counts above, to start looking from. */
    samples: string[];
  };
  /** N single-row INSERTs of a typical message's bytes, each its own transaction, one at a time. */
  rawInsert: { rows: number; bytes: number; ms: number; perSecond: number };
  /** parseMail alone over a sample of the corpus, on this process's thread, one at a time. */
  parse: { messages: number; msPerMessage: number };
  memory: { rssBeforeMb: number; rssPeakMb: number };
  /**
   * CPU of this process over the run: cores used (all threads), the share of time the main thread's event
   * loop was busy, and CPU ms per message on the main thread (receiver, worker, parsing) and on the
   * others (in embedded mode above all the database's thread); null where /proc does not tell.
   */
  cpu: { cores: number; mainThreadBusy: number; msPerMessage: CpuPerMessage | null };
  sql: { receive: SqlProfileResult; worker: SqlProfileResult };
  /** Per second of the run: messages acknowledged and final so far, and the backlog. */
  timeline: { s: number; acked: number; final: number; backlog: number }[];
}

type Say = (message: string) => void;
type Tracked = SentMail & { finalAt?: number };

const now = () => performance.timeOrigin + performance.now();

/** CPU ms per message, by thread (Linux) and of the sending process. */
export interface CpuPerMessage {
  /** The main thread: receiver, worker, parsing. */
  main: number;
  /** Every other thread of Heed's process. */
  other: number;
  /** Of those, the busiest: the database's thread on the embedded database (absent in older results). */
  busiest?: number;
  /** The sender's process, which shares the machine's cores (absent in older results). */
  sender?: number;
}

/** CPU milliseconds of each thread of this process so far, by thread id, from Linux's /proc; null elsewhere. */
function threadCpuMs(): Map<string, number> | null {
  try {
    const threads = new Map<string, number>();
    for (const id of fs.readdirSync("/proc/self/task")) {
      const stat = fs.readFileSync(`/proc/self/task/${id}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime, in clock ticks of 10 ms.
      threads.set(id, (Number(fields[11]) + Number(fields[12])) * 10);
    }
    return threads;
  } catch {
    return null;
  }
}

/** Per message: the main thread, the other threads, the busiest of them, and the sender's process. */
function cpuPerMessage(
  before: Map<string, number> | null,
  after: Map<string, number> | null,
  messages: number,
  senderCpuMs: number | null,
): CpuPerMessage | null {
  if (!before || !after || messages === 0) return null;
  const used = [...after].map(([id, ms]) => ({ id, ms: ms - (before.get(id) ?? 0) }));
  const main = used.find((thread) => thread.id === String(process.pid))?.ms ?? 0;
  const others = used.filter((thread) => thread.id !== String(process.pid)).map((thread) => thread.ms);
  const per = (ms: number) => Math.round((ms / messages) * 10) / 10;
  return {
    main: per(main),
    other: per(others.reduce((sum, ms) => sum + ms, 0)),
    busiest: per(Math.max(0, ...others)),
    ...(senderCpuMs === null ? {} : { sender: per(senderCpuMs) }),
  };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const INBOX_ADDRESS = "support@bench.heed.example";
const PARSE_SAMPLE = 300;
/** How many of the oldest waiting messages one poll asks about. */
const POLL_WINDOW = 100;

/** The median-sized message of a corpus sample (the raw-insert payload) and parseMail's time over the sample. */
async function sampleCorpus(seed: number) {
  const sample = [...mailCorpus({ count: PARSE_SAMPLE, seed, to: INBOX_ADDRESS })];
  const started = performance.now();
  for (const mail of sample) await parseMail(mail.raw);
  const msPerMessage = (performance.now() - started) / sample.length;
  const sorted = sample.map((m) => m.raw).sort((a, b) => a.length - b.length);
  return { typical: sorted[sorted.length >> 1]!, msPerMessage };
}

/** Single-row INSERTs of `payload` into a scratch table, each committed on its own. */
async function timeRawInserts(target: BenchTarget, rows: number, payload: Buffer) {
  await target.db.query("CREATE TABLE bench_raw_inserts (id integer PRIMARY KEY, raw bytea NOT NULL)");
  const started = performance.now();
  for (let i = 0; i < rows; i++) {
    await target.db.query("INSERT INTO bench_raw_inserts (id, raw) VALUES ($1, $2)", [i, payload]);
  }
  const ms = performance.now() - started;
  await target.db.query("DROP TABLE bench_raw_inserts");
  return { rows, bytes: payload.length, ms: Math.round(ms), perSecond: Math.round((rows / ms) * 1000) };
}

function count<T extends string>(items: T[]): Record<T, number> {
  const out = {} as Record<T, number>;
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

/** Runs the benchmark on a fresh target; the caller closes it. */
export async function runEmailIngest(
  target: BenchTarget,
  options: EmailIngestOptions,
  meta: { command: string; say: Say },
): Promise<EmailIngestResult> {
  const { say } = meta;
  const startedAt = new Date().toISOString();
  const [{ version }] = (await target.db.query<{ version: string }>(
    `SELECT version() || ' (shared_buffers ' || current_setting('shared_buffers') ||
            ', work_mem ' || current_setting('work_mem') || ')' AS version`,
  )) as [{ version: string }];
  const env = loadEnv({
    NODE_ENV: "production",
    HEED_SECRET: randomToken(48),
    HEED_LOG_LEVEL: "warn",
    ...target.env,
  });
  const { workspace, owner } = await createWorkspace(target.db, {
    name: "Email ingest benchmark",
    owner: { email: "owner@bench.heed.example", name: "Bench Owner", password: null },
  });
  const actor = {
    userId: owner.id,
    workspaceId: workspace.id,
    role: "owner" as const,
    name: owner.name,
    via: "token" as const,
  };
  const inbox = await createInbox(target.db, actor, {
    name: "Support",
    channel: "email",
    address: INBOX_ADDRESS,
  });
  const sample = await sampleCorpus(options.seed);
  say(
    `  parseMail alone: ${sample.msPerMessage.toFixed(2)} ms per message (sample of ${PARSE_SAMPLE}); ` +
      `typical message ${sample.typical.length} bytes`,
  );

  // The receiver and the worker each get their own view of the one database, to tell their SQL apart.
  const receiveProfile = profileDatabase(target.db);
  const workerProfile = profileDatabase(target.db);
  const log = (level: "info" | "warn" | "error", message: string) => {
    if (level !== "info") say(`  heed ${level}: ${message}`);
  };
  const workerCtx: AppContext = { db: workerProfile.db, env };
  const jobs = startJobs(workerCtx, log, { sender: null });
  workerCtx.wakeWorker = () => jobs.poke();
  const receiver = await startSmtpReceiver(
    { db: receiveProfile.db, env },
    { port: 0, host: "127.0.0.1", log, onStored: (stored) => jobs.pokeInbound(stored) },
  );

  const child = fork(new URL("./mail-sender.ts", import.meta.url).pathname, [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const sent: Tracked[] = [];
  const refused: string[] = [];
  /** Acknowledged, not yet seen final, by sha256 (a re-send shares its original's bytes and row). */
  const pending = new Map<string, Tracked[]>();
  let isSenderDone = false;
  let senderCpuMs: number | null = null;
  let senderError: Error | null = null;
  let corpusBytes = 0;
  let lastProgress = now();
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: SenderMessage) => {
      if (message.type === "ready") {
        corpusBytes = message.bytes;
        resolve();
      } else if (message.type === "acked") {
        const mail: Tracked = message.mail;
        sent.push(mail);
        lastProgress = now();
        pending.set(mail.sha256, [...(pending.get(mail.sha256) ?? []), mail]);
      } else if (message.type === "refused") {
        refused.push(`#${message.index} refused: ${message.response}`);
      } else if (message.type === "done") {
        senderCpuMs = message.cpuMs;
        isSenderDone = true;
      }
    });
    child.once("exit", (code) => {
      if (code && !isSenderDone) senderError = new Error(`the mail sender exited with code ${code}`);
      isSenderDone = true;
      if (senderError) reject(senderError);
    });
  });
  const start: SenderStart = {
    type: "start",
    count: options.messages,
    seed: options.seed,
    to: INBOX_ADDRESS,
    host: "127.0.0.1",
    port: receiver.port,
    connections: options.connections,
  };
  child.send(start);
  say(`  composing ${options.messages.toLocaleString("en")} messages in the sender process…`);
  await ready;

  let rssPeak = process.memoryUsage.rss();
  const rssBefore = rssPeak;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 50);
  const loadBefore = os.loadavg()[0]!;
  const cpuBefore = process.cpuUsage();
  const threadsBefore = threadCpuMs();
  const eluBefore = performance.eventLoopUtilization();
  const t0 = now();
  child.send({ type: "go" });
  say(`  sending over ${options.connections} SMTP connections to 127.0.0.1:${receiver.port}…`);

  const timeline: EmailIngestResult["timeline"] = [];
  let peakBacklog = 0;
  let finalCount = 0;
  lastProgress = now();
  let nextReport = t0 + 5000;
  let nextSecond = t0 + 1000;
  let backlog = 0;
  let lastFinalAt = t0;
  let longestPause = 0;
  while (!(isSenderDone && pending.size === 0) && now() - lastProgress < options.stallMs) {
    const pollStarted = now();
    // The oldest acknowledged messages not yet seen final: the worker takes mail oldest first, so these
    // are the ones that can have changed, and the poll costs the same however long the queue grows.
    const asked = [...pending.keys()].slice(0, POLL_WINDOW);
    if (asked.length > 0) {
      const rows = await target.db.query<{ sha256: string }>(
        `SELECT sha256 FROM inbound_emails
          WHERE inbox_id = $1 AND sha256 = ANY($2::text[]) AND status <> 'received'`,
        [inbox.id, asked],
      );
      const seenAt = now();
      if (rows.length === 0) {
        const oldestAck = pending.get(asked[0]!)![0]!.ackedAt;
        longestPause = Math.max(longestPause, seenAt - Math.max(lastFinalAt, oldestAck));
      } else lastFinalAt = seenAt;
      for (const { sha256 } of rows) {
        for (const mail of pending.get(sha256)!) mail.finalAt = seenAt;
        finalCount += pending.get(sha256)!.length;
        pending.delete(sha256);
        lastProgress = seenAt;
      }
    }
    backlog = pending.size;
    peakBacklog = Math.max(peakBacklog, backlog);
    while (now() >= nextSecond) {
      timeline.push({
        s: Math.round((nextSecond - t0) / 1000),
        acked: sent.length,
        final: finalCount,
        backlog,
      });
      nextSecond += 1000;
    }
    if (now() >= nextReport) {
      say(
        `    ${Math.round((now() - t0) / 1000)} s: ${sent.length} acknowledged, ${finalCount} final, ${backlog} waiting`,
      );
      nextReport += 5000;
    }
    await sleep(Math.max(0, options.pollMs - (now() - pollStarted)));
  }
  const cpu = process.cpuUsage(cpuBefore);
  const threadsAfter = threadCpuMs();
  const elu = performance.eventLoopUtilization(eluBefore);
  const runMs = now() - t0;
  clearInterval(rssTimer);
  const loadAfter = os.loadavg()[0]!;
  if (pending.size > 0)
    say(`  gave up on ${pending.size} message(s) after ${options.stallMs / 1000} s without progress`);
  child.kill();
  await receiver.close();
  await jobs.stop();
  if (senderError) throw senderError;

  const { outcome, processed } = await checkOutcome(target, workspace.id, inbox.id, sent, refused);
  say(`  checked: ${JSON.stringify({ ...outcome, samples: undefined })}`);
  for (const line of outcome.samples) say(`    ${line}`);
  say(
    `  timing ${options.messages.toLocaleString("en")} single-row inserts of ${sample.typical.length} bytes…`,
  );
  const rawInsert = await timeRawInserts(target, options.messages, sample.typical);

  const distinct = sent.filter((m) => m.kind !== "resend");
  const visible = distinct
    .filter((m) => processed.has(m.index) && m.finalAt !== undefined)
    .map((m) => m.finalAt! - m.sentAt)
    .sort((a, b) => a - b);
  const acks = sent.map((m) => m.ackedAt - m.sentAt).sort((a, b) => a - b);
  const lastAckMs = Math.max(...sent.map((m) => m.ackedAt)) - t0;
  const lastFinalMs = Math.max(...sent.map((m) => m.finalAt ?? 0)) - t0;
  const round = (n: number) => Math.round(n * 10) / 10;
  const sizes = sent.map((m) => m.bytes).sort((a, b) => a - b);
  return {
    kind: "email-ingest",
    mode: target.mode,
    startedAt,
    command: meta.command,
    options,
    machine: describeMachine(),
    database: { version },
    load: { before: loadBefore, after: loadAfter },
    corpus: {
      messages: options.messages,
      bytes: corpusBytes,
      medianBytes: sizes[sizes.length >> 1] ?? 0,
      byKind: count(sent.map((m) => m.kind)),
      byCharset: count(distinct.map((m) => m.charset)),
      withAttachments: distinct.filter((m) => m.attachments > 0).length,
    },
    timing: {
      perSecond: round((sent.length / lastFinalMs) * 1000),
      receivedPerSecond: round((sent.length / lastAckMs) * 1000),
      lastAckMs: Math.round(lastAckMs),
      lastFinalMs: Math.round(lastFinalMs),
      ack: { p50: round(percentile(acks, 50)), p99: round(percentile(acks, 99)) },
      visible: {
        p50: round(percentile(visible, 50)),
        p95: round(percentile(visible, 95)),
        p99: round(percentile(visible, 99)),
        max: round(visible[visible.length - 1] ?? NaN),
        count: visible.length,
      },
      peakBacklog,
      longestPauseMs: Math.round(longestPause),
    },
    outcome,
    rawInsert,
    parse: { messages: PARSE_SAMPLE, msPerMessage: round(sample.msPerMessage * 100) / 100 },
    memory: { rssBeforeMb: Math.round(rssBefore / 1e6), rssPeakMb: Math.round(rssPeak / 1e6) },
    cpu: {
      cores: Math.round(((cpu.user + cpu.system) / 1000 / runMs) * 100) / 100,
      mainThreadBusy: Math.round(elu.utilization * 100) / 100,
      msPerMessage: cpuPerMessage(threadsBefore, threadsAfter, sent.length, senderCpuMs),
    },
    sql: { receive: receiveProfile.result(), worker: workerProfile.result() },
    timeline,
  };
}

/**
 * Compares what the database holds with what was sent, message by message; `processed` has the indexes of
 * the messages found processed as expected, with their message in their conversation.
 */
async function checkOutcome(
  target: BenchTarget,
  workspaceId: string,
  inboxId: string,
  sent: Tracked[],
  refused: string[],
): Promise<{ outcome: EmailIngestResult["outcome"]; processed: Set<number> }> {
  const rows = await target.db.query<{
    sha256: string;
    status: MailOutcome | "received";
    conversation_id: string | null;
    problem: string | null;
  }>("SELECT sha256, status, conversation_id, problem FROM inbound_emails WHERE inbox_id = $1", [inboxId]);
  const messages = await target.db.query<{
    email_message_id: string;
    conversation_id: string;
    copies: number;
  }>(
    `SELECT m.email_message_id, min(m.conversation_id::text) AS conversation_id, count(*) AS copies
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE c.workspace_id = $1 AND m.email_message_id IS NOT NULL
      GROUP BY m.email_message_id`,
    [workspaceId],
  );
  const [{ conversations }] = (await target.db.query<{ conversations: number }>(
    "SELECT count(*) AS conversations FROM conversations WHERE workspace_id = $1",
    [workspaceId],
  )) as [{ conversations: number }];
  const rowBySha = new Map(rows.map((row) => [row.sha256, row]));
  const messageById = new Map(messages.map((m) => [m.email_message_id, m]));
  const distinct = [...new Map(sent.filter((m) => m.kind !== "resend").map((m) => [m.sha256, m])).values()];
  const out = {
    processed: 0,
    quarantined: 0,
    ignored: 0,
    lost: 0,
    // Rows beyond one per distinct message sent (the unique index should make this impossible).
    duplicated: Math.max(0, rows.length - distinct.length),
    unexpected: 0,
    misthreaded: 0,
    refused: refused.length,
    retries: sent.reduce((sum, m) => sum + m.attempts - 1, 0),
    conversations,
    expectedConversations: distinct.filter((m) => m.kind === "new").length,
    samples: refused.slice(0, 3),
  };
  const processed = new Set<number>();
  const sample = (line: string) => {
    if (out.samples.length < 10) out.samples.push(line);
  };
  for (const mail of distinct) {
    const row = rowBySha.get(mail.sha256);
    const label = `#${mail.index} ${mail.kind} <${mail.messageId}>`;
    if (!row || row.status === "received") {
      out.lost++;
      sample(`${label}: ${row ? "still waiting" : "not stored"}`);
      continue;
    }
    out[row.status]++;
    if (row.status !== mail.expected) {
      out.unexpected++;
      sample(`${label}: ${row.status} (${row.problem ?? "no problem noted"}), expected ${mail.expected}`);
      continue;
    }
    if (row.status !== "processed") continue;
    const message = messageById.get(mail.messageId);
    if (!message || message.conversation_id !== row.conversation_id) {
      out.unexpected++;
      sample(
        `${label}: processed, but no message with its Message-ID in conversation ${row.conversation_id}`,
      );
    } else processed.add(mail.index);
    if (message && message.copies > 1) {
      out.duplicated++;
      sample(`${label}: ${message.copies} messages with its Message-ID`);
    }
    if (mail.threadRootId && messageById.get(mail.threadRootId)?.conversation_id !== row.conversation_id) {
      out.misthreaded++;
      sample(`${label}: not in the conversation of <${mail.threadRootId}>`);
    }
  }
  return { outcome: out, processed };
}
