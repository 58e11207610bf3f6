/**
 * The email ingest benchmark's results: saved as bench/results/<time>-<mode>-email-<messages>.json and
 * rendered as the "Email ingest" section of docs/benchmarks.md.
 */
import fs from "node:fs";
import path from "node:path";
import type { EmailIngestResult } from "./email-ingest.js";
import type { BenchMode } from "./targets.js";

/** The target: messages per second on the embedded database on 2 cores. */
export const EMAIL_TARGET_PER_SECOND = 200;

const resultsDir = new URL("results/", import.meta.url);
const fileSuffix = (mode: BenchMode, messages: number) => `-${mode}-email-${messages}.json`;

/** Writes the run as bench/results/<time>-<mode>-email-<messages>.json; returns the path. */
export function saveEmailResult(result: EmailIngestResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const file = new URL(`${stamp}${fileSuffix(result.mode, result.options.messages)}`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved email ingest run of `mode` with `messages` messages. */
export function latestEmailResult(mode: BenchMode, messages: number): EmailIngestResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const last = fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(fileSuffix(mode, messages)))
    .sort()
    .pop();
  return last
    ? (JSON.parse(fs.readFileSync(new URL(last, resultsDir), "utf8")) as EmailIngestResult)
    : undefined;
}

const label = (mode: BenchMode) => (mode === "embedded" ? "Embedded (PGlite)" : "PostgreSQL server");
const num = (n: number) => n.toLocaleString("en");
const ms = (n: number) =>
  n >= 10_000
    ? `${(n / 1000).toFixed(0)} s`
    : n >= 1000
      ? `${(n / 1000).toFixed(1)} s`
      : `${n.toFixed(0)} ms`;
const perMessage = (total: number, r: EmailIngestResult) => (total / r.corpus.messages).toFixed(2);

function corpusLine(r: EmailIngestResult): string {
  const kinds = r.corpus.byKind;
  const charsets = Object.entries(r.corpus.byCharset)
    .sort((a, b) => b[1] - a[1])
    .map(([charset, n]) => `${charset} ${num(n)}`)
    .join(", ");
  return (
    `${num(r.corpus.messages)} messages (${(r.corpus.bytes / 1e6).toFixed(0)} MB, median ` +
    `${(r.corpus.medianBytes / 1024).toFixed(1)} KB) written as mail clients write them (bench/mail-corpus.ts, seed ` +
    `${r.options.seed}): ${num(kinds.new ?? 0)} start a conversation, ${num(kinds.reply ?? 0)} answer an earlier ` +
    `message of the run (same sender, In-Reply-To and References: they must land in its conversation), ` +
    `${num(r.corpus.withAttachments)} carry attachments (2–200 KB, RFC 2231 and RFC 2047 file names), ` +
    `${num(kinds.malformed ?? 0)} are unusable (no From, a From without an address, MIME nested past the ` +
    `parser's limit: to be quarantined), ${num(kinds["auto-reply"] ?? 0)} are automatic replies (to be ignored) ` +
    `and ${num(kinds.resend ?? 0)} are exact re-sends of an earlier message's bytes (to be stored once). ` +
    `English, Russian, Croatian and Slovak; charsets ${charsets}; plain text, multipart/alternative with ` +
    `Outlook-style HTML, 8bit, quoted-printable and base64; RFC 2047 subjects and names.`
  );
}

/**
 * What was measured on the way to the target, before and after, on one machine within the hour (the
 * machine's speed varies by a quarter over a day): kept with the section, which each run rewrites.
 */
const EMAIL_HISTORY = [
  "**What changed it, measured** (embedded, 10,000 messages unless said, each against the commit before " +
    "on the same machine within the hour):",
  "",
  "- 2026-12-03, fewer round trips (a new conversation 4 statements instead of 10, a threaded reply 4 " +
    'instead of 8; docs/architecture.md, "Round trips per message"), SMTP stores grouped into one ' +
    "statement while one runs, raw mail stored uncompressed (a 14 KB store 570–780 µs → 440–450 µs): " +
    "126–131 → **165 messages/s**, time until visible p99 6.5–8 s → 0.46 s; PostgreSQL 208 (144 when last " +
    "measured, on another day). Then clocks without a target started in the statement that inserts the " +
    "conversation (3 statements for a new conversation): 3,000 messages 160 → 168–173, 10,000 165 → 166.",
  "- Tried and left out, 3,000 messages: parsing on a worker thread of its own (133–135 messages/s " +
    "against 136–147 without: on two cores a third busy thread made every database round trip slower); " +
    "background transactions that end early when a request waits for the connection (127–147 against " +
    "150–151 without: transactions of one message); 3, 5 or 20 messages per transaction instead of 10 " +
    "(139, 150, 157 against 152–157); one socket write per round trip in the database thread, and that " +
    "thread at normal priority (no difference beyond noise).",
  "- 2026-12-03, second session, on a slower machine (AMD EPYC; parseMail 2.0 ms a message against 0.96, " +
    "raw inserts 1,300–2,100/s against 4,790, up to 23% CPU steal): the receiver hands the bytes it " +
    "committed to the worker of its process instead of the worker reading them back (bytea leaves the " +
    "database hex-encoded); the next ten messages are parsed while the transaction of the ten before " +
    "runs; no claim on the embedded database (the mark checks each message still waited); a reply's " +
    "conversation locked in the statement that says whether the customer already waits; the inbox " +
    "setting read once per call; a new conversation's row, first message and events in one statement; a " +
    "message's files in one. Worker statements per message 3.9 → 2.7. 10,000 messages against d5e20ac, " +
    "alternating within the hour: 98–102 messages/s against 89–108, the same within this machine's " +
    "noise; time until visible p50 490–620 ms → 136 ms, p99 1.7–2.6 s → 0.26–0.30 s.",
  "- Tried and left out this session, 3,000 messages: the worker waiting 10 or 20 ms after a poke to " +
    "gather more mail per transaction (73.5 and 66.1 messages/s against 84.1 without); the database " +
    "thread at normal priority again (98.9 and 87.1, noise); the receiver and worker meeting in a " +
    "worker that only starts after the last 250 (the worker alone drained about 94/s: the receiver was " +
    "not what held it back).",
  "- What bounds it now: the database thread's own work, about 7 ms of CPU a message on this machine " +
    "(the main thread 4 ms), not the round trips: cutting statements by a third changed nothing " +
    "measurable. A probe in PGlite: the search document of a 2 KB Croatian body (`heed_document`, two " +
    "`to_tsvector` readings) costs about 2.4 ms there, and is computed for every first message and again " +
    "for every reply (which also rewrites the conversation row and its 14 indexes); then the GIN pending " +
    "list, TOAST and WAL of the raw bytes, foreign-key checks. Next: build the search document outside " +
    "the ingest transaction (search seconds behind) or from a bounded prefix of a long message, and " +
    "measure the reply's conversation update.",
  "- 2026-12-03, third session, same kind of machine (its speed varied by half within minutes: raw " +
    "inserts 1,200–3,800/s). Where a message's time goes, measured: the database thread works about 60% " +
    "of the run and waits 40% (1.7–1.8 ms a statement working, 1.1–1.3 ms between statements; 0.8 ms " +
    "between two statements of one transaction even with the next one already queued); replaying the " +
    "run's statements in PGlite on one thread, without the socket, takes 4.7–5.8 ms of SQL a message, and " +
    "the search document is not the cost (an empty vector instead: a new conversation's statement 2.33 → " +
    "2.29 ms, a reply's 2.18 → 1.48 ms; the earlier probe measured a cold call). All threads and the " +
    "sender together use 13–17 ms of CPU a message here: two fully busy cores would carry 120–150 " +
    "messages/s; 200 needs 10 ms. With 4 connections the run goes in lockstep: each 250 waits for the " +
    "worker's transaction (p50 36–45 ms), so at most about 110 messages/s can arrive; with 16 " +
    "(`--connections 16`) 99–115 messages/s arrive faster than they are ingested (visible after 1.3–2 s).",
  '- The messages of a transaction run side by side in lanes (docs/architecture.md, "Lanes"), 3,000 ' +
    "messages alternating with the commit before: 82.5 → 89.6, 89.5 → 93.6, 99.1 → 99.9 and 85.2 → 99.5 " +
    "messages/s; transaction time per message 8.2 → 7.1, 7.5 → 6.9, 6.8 → 6.4 and 7.8 → 6.7 ms. With 16 " +
    "connections no difference (99.2 against 94.5 on a slower minute). 10,000 messages alternating with " +
    "7b7780e: 84.0 → 84.6 and 84.5 → 95.6 messages/s (the table's run, 79.1, came on a slower quarter " +
    "of an hour: raw inserts 2,303/s there against 2,381–2,721/s in the pairs).",
  "- Tried and left out this session, 3,000 messages: the parser fed 16 KB at a time so results of the " +
    "database are handled between slices (transaction time per message 7.81 against 7.81 ms); the next " +
    "chunk parsed only after the commit (250 after 46 → 22 ms, but the worker fell behind: visible after " +
    "0.6–1.2 s, same throughput); `--single-threaded-gc` (V8's helper threads 1 ms a message less, the " +
    "main and database threads 1.5 ms more); the database thread at normal priority (no change); " +
    "`max_wal_size` 256 MB instead of 16 (88–96 against 89–101); V8's WebAssembly tiering flags (noise).",
  "- 2026-12-04, same kind of machine, faster than the day before (raw inserts 2,800–7,900/s, rising " +
    "through the session): the driver pipelines (`pipeline: true`), so the lanes' statements reach the " +
    "database thread together instead of each after the answer before it (docs/architecture.md, " +
    '"Lanes"). Alternating with 7a1b631, 3,000 messages: 94.5 → 144.6, 126.7 → 157.8 and 156.8 → 194.6 ' +
    "messages/s; 10,000 messages: 202.2 → 228.7 (the commit before already passed 200 on this fast " +
    "machine). With 16 connections, 3,000 messages: 218.8–230 arrive and are ingested (received " +
    "243–247/s, visible after about a second); with 4, 172–217: each 250 still waits for the " +
    "worker's transaction.",
  "- Tried and left out this session (3,000 and 6,000 messages, alternating): the answers to one read " +
    "of the database thread's socket written back at once (1.4 writes a read → 1; 216 → 218, 209 → 218, " +
    "233 → 193 messages/s: noise); the main and database threads pinned to different cores with " +
    "`taskset` (an experiment: 217–301 against 207–266 unpinned). A CPU profile of the database thread " +
    "shows a sixth of its time inside its socket writes: the main thread it wakes takes its core; with " +
    "the database thread at normal priority that time moves to the main thread's writes instead.",
];

/** The docs section for the runs given (one per mode); empty without any. */
export function emailSection(results: EmailIngestResult[]): string[] {
  if (results.length === 0) return [];
  const first = results[0]!;
  const m = first.machine;
  const row = (name: string, cell: (r: EmailIngestResult) => string) =>
    `| ${name} | ${results.map(cell).join(" | ")} |`;
  const embedded = results.find((r) => r.mode === "embedded");
  const isMet = (r: EmailIngestResult) =>
    r.timing.perSecond >= EMAIL_TARGET_PER_SECOND && r.outcome.lost === 0 && r.outcome.duplicated === 0;
  const statements = [...new Set(results.flatMap((r) => r.sql.worker.top.slice(0, 8).map((s) => s.sql)))];
  return [
    "## Email ingest",
    "",
    `${corpusLine(first)}`,
    "",
    `- **How:** a separate sender process pushes them through Heed's real SMTP receiver on loopback over ` +
      `${first.options.connections} reused connections, each as fast as the receiver answers 250, into a fresh ` +
      "database. The worker loop runs in the receiver's process and is poked by each stored message, as " +
      "`heed start` runs them (bench/email-ingest.ts).",
    "- **Messages/s:** acknowledged messages over the time from the first send until the last one became final " +
      "(processed, quarantined or ignored); **received/s:** until the last 250.",
    `- **Time until visible:** from the start of a message's SMTP transaction until a poll of inbound_emails ` +
      `(one query every ${first.options.pollMs} ms) saw it processed with its conversation; processed messages ` +
      "only. When ingest is slower than receipt it includes the wait behind the mail received before.",
    `- **Lost:** acknowledged but not final ${first.options.stallMs / 1000} s after the last progress; ` +
      "**duplicated:** stored twice, or more than one message with one Message-ID; **wrong conversation:** " +
      "a reply not in its thread's conversation; **unexpected:** another outcome than the corpus says.",
    `- **Raw inserts:** as many single-row INSERTs of a typical message (${num(first.rawInsert.bytes)} bytes, bytea) ` +
      "into a scratch table of the same database, each its own transaction, one at a time: what the database " +
      "does at all, without Heed.",
    "- **Peak RSS:** of the process running the receiver, the worker and (embedded) the database, sampled " +
      "every 50 ms; the sender's process is not counted. **CPU per message:** the main thread runs the " +
      "receiver, the worker and parsing; of the other threads, the busiest is the embedded database's, the " +
      "rest are V8's helpers (garbage collection, compiling); the sender's process shares the same cores.",
    `- **Target:** at least ${EMAIL_TARGET_PER_SECOND} messages/s on the embedded database on 2 cores, 0 lost, 0 duplicated.`,
    "",
    `Measured ${first.startedAt.slice(0, 16).replace("T", " ")} UTC on ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB ` +
      `RAM, ${m.os}, Node ${m.node}; ` +
      results
        .map(
          (r) =>
            `${label(r.mode)}: ${r.database.version.split(" on ")[0]}, load average ${r.load.before.toFixed(1)} before and ${r.load.after.toFixed(1)} after`,
        )
        .join("; ") +
      ".",
    "",
    "```sh",
    ...new Set(results.map((r) => r.command)),
    "```",
    "",
    `| | ${results.map((r) => label(r.mode)).join(" | ")} |`,
    `|---|${results.map(() => "--:|").join("")}`,
    row("**messages/s** (first send to last final)", (r) => `**${r.timing.perSecond.toFixed(0)}**`),
    row("received/s (first send to last 250)", (r) => r.timing.receivedPerSecond.toFixed(0)),
    row("wall time: last 250 / last final", (r) => `${ms(r.timing.lastAckMs)} / ${ms(r.timing.lastFinalMs)}`),
    row(
      "time until visible p50 / p95 / p99",
      (r) => `${ms(r.timing.visible.p50)} / ${ms(r.timing.visible.p95)} / ${ms(r.timing.visible.p99)}`,
    ),
    row("time until visible, max", (r) => ms(r.timing.visible.max)),
    row("250 after, p50 / p99", (r) => `${ms(r.timing.ack.p50)} / ${ms(r.timing.ack.p99)}`),
    row("most messages waiting at once", (r) => num(r.timing.peakBacklog)),
    row("longest pause: mail waiting, none turned final", (r) => ms(r.timing.longestPauseMs)),
    row(
      "processed / quarantined / ignored",
      (r) => `${num(r.outcome.processed)} / ${num(r.outcome.quarantined)} / ${num(r.outcome.ignored)}`,
    ),
    row(
      "conversations (expected)",
      (r) => `${num(r.outcome.conversations)} (${num(r.outcome.expectedConversations)})`,
    ),
    row("**lost / duplicated**", (r) => `**${r.outcome.lost} / ${r.outcome.duplicated}**`),
    row(
      "wrong conversation / unexpected / refused",
      (r) => `${r.outcome.misthreaded} / ${r.outcome.unexpected} / ${r.outcome.refused}`,
    ),
    row("raw single-row inserts/s (same database)", (r) => num(r.rawInsert.perSecond)),
    row("parseMail alone, ms per message", (r) => r.parse.msPerMessage.toFixed(2)),
    row("peak RSS (before sending)", (r) => `${r.memory.rssPeakMb} MB (${r.memory.rssBeforeMb} MB)`),
    row(
      "CPU used, cores (main thread's event loop busy)",
      (r) => `${r.cpu.cores.toFixed(2)} (${Math.round(r.cpu.mainThreadBusy * 100)}%)`,
    ),
    row("CPU ms per message: main thread / other threads", (r) =>
      r.cpu.msPerMessage
        ? `${r.cpu.msPerMessage.main.toFixed(1)} / ${r.cpu.msPerMessage.other.toFixed(1)}`
        : "—",
    ),
    row("… of the other threads: the busiest / the rest; the sender", (r) => {
      const cpu = r.cpu.msPerMessage;
      if (cpu?.busiest === undefined) return "—";
      const sender = cpu.sender === undefined ? "—" : cpu.sender.toFixed(1);
      return `${cpu.busiest.toFixed(1)} / ${(cpu.other - cpu.busiest).toFixed(1)}; ${sender}`;
    }),
    row(
      "worker SQL per message: statements / ms",
      (r) => `${perMessage(r.sql.worker.statements, r)} / ${perMessage(r.sql.worker.statementMs, r)}`,
    ),
    row(
      "receiver SQL per message: statements / ms",
      (r) => `${perMessage(r.sql.receive.statements, r)} / ${perMessage(r.sql.receive.statementMs, r)}`,
    ),
    ...(embedded
      ? [row("target", (r) => (r.mode === "embedded" ? (isMet(r) ? "**met**" : "**missed**") : "—"))]
      : []),
    "",
    "The worker's statements with the most time, in ms per message: the time it waited for each, round trip " +
      "included and, outside a transaction, the wait for a free connection (the embedded database has one, " +
      "shared with the receiver). The messages of a transaction run side by side (lanes), so their statements " +
      "also wait behind each other on its connection: these times overlap and add up to more than the run.",
    "",
    `| Statement | ${results.map((r) => label(r.mode)).join(" | ")} |`,
    `|---|${results.map(() => "--:|").join("")}`,
    ...statements.map((sql) =>
      row(`\`${sql.replaceAll("|", "\\|").slice(0, 90)}\``, (r) => {
        const found = r.sql.worker.top.find((s) => s.sql === sql);
        return found ? perMessage(found.ms, r) : "";
      }),
    ),
    "",
    ...EMAIL_HISTORY,
    "",
    "```sh",
    "npm run bench -- --email                        # 10,000 messages, both databases (writes this section)",
    "npm run bench -- --email --messages 1000        # a quick run (results JSON only; --docs writes it anyway)",
    "npm run bench -- --email --only embedded        # or --only postgres",
    "npm run bench -- --email --connections 16       # 16 SMTP connections instead of 4 (results JSON only)",
    "```",
    "",
  ];
}
