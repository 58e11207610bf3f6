/**
 * The client side of the realtime benchmark, run as a child process (bench/realtime.ts forks it) so that
 * thousands of sockets and their JSON do not run on Heed's event loop or count in its memory. Holds the
 * agents' sockets (/api/v1/realtime) and the chat visitors' (/widget/v1/socket), sends visitor messages
 * and agent replies (HTTP) at a steady rate, and times each delivery; every timestamp is this process's
 * performance.now(), so send and receipt are read on one clock.
 *
 * The widget's limits are per source address (30 sockets a minute, 120 messages a minute, 20 new
 * conversations per chat in 10 minutes): visitors connect from many loopback addresses of 127.0.0.0/8
 * (`visitorAddress`, `starterAddress`), so that no address comes near them; the parent picks how many.
 *
 * Order: agents connect; the talkers start their conversations, a few at a time, each on a socket of its
 * own closed afterwards; then all visitors connect (talkers with their token); then the steady phase;
 * then a few probes of what a new conversation costs while every socket is connected.
 */
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

export interface ClientsStart {
  type: "start";
  /** http://127.0.0.1:port */
  httpUrl: string;
  widgetKey: string;
  origin: string;
  agentTokens: string[];
  visitors: number;
  /** Visitors 0..talkers-1 start a conversation and take part in the steady phase. */
  talkers: number;
  /** Visitor i connects from visitorAddress(i % addresses). */
  addresses: number;
  /** Talker j starts its conversation from starterAddress(j % starterAddresses). */
  starterAddresses: number;
  probes: number;
  /** How long after a probe's new conversation the talker writes. */
  probeGapMs: number;
  rate: number;
  seconds: number;
  drainMs: number;
  batch: number;
}

export type ParentMessage = ClientsStart | { type: "go" };

/**
 * A new conversation started while every socket is connected, and a talker's message sent `probeGapMs`
 * after it (not waiting for its ack): what the new conversation costs the server, and the others.
 */
export interface Probe {
  /** The new conversation's first message: send to ack. */
  newAckMs: number;
  /** The talker's message: send to ack, and to the last agent socket receiving it. */
  nextAckMs: number;
  nextAllAgentsMs: number | null;
}

export interface ClientsResult {
  steadyMs: number;
  agentsConnected: number;
  visitorsConnected: number;
  talkers: number;
  visitor: {
    sent: number;
    acked: number;
    nacked: number;
    ackMs: number[];
    /** Send to each agent socket's message.created, one entry per delivery. */
    deliveryMs: number[];
    /** Per message: send to its receipt by the last agent socket (messages every agent got only). */
    lastAgentMs: number[];
    expected: number;
    lost: number;
    duplicates: number;
  };
  agent: {
    sent: number;
    created: number;
    failed: number;
    httpMs: number[];
    /** Just before the POST to the visitor socket's `message`. */
    deliveryMs: number[];
    lost: number;
    duplicates: number;
  };
  /** Sockets closed by the server during the run. */
  closedSockets: number;
  errorCount: number;
  errors: string[];
  /** CPU of this process over the steady phase, in cores. */
  cpuCores: number;
  /** Per second of the steady phase: the slowest delivery of the messages sent in it, each way. */
  timeline: { s: number; visitorToAgentMaxMs: number | null; agentToVisitorMaxMs: number | null }[];
  probes: Probe[];
}

export type ClientsMessage =
  | { type: "progress"; text: string }
  | {
      type: "connected";
      agents: number;
      visitors: number;
      talkers: number;
      /** Time the talkers took to start their conversations, and to connect everything in all. */
      startMs: number;
      ms: number;
      failures: string[];
    }
  | { type: "steady-done" }
  | { type: "result"; result: ClientsResult };

/** The loopback address visitors of group `n` connect from: 127.0.1.1, 127.0.1.2, … (250 per /24). */
export const visitorAddress = (n: number) => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
/** Where talkers of group `n` start their conversations from: 127.1.0.1, … */
const starterAddress = (n: number) => `127.1.${Math.floor(n / 250)}.${1 + (n % 250)}`;
/** Where probe `n` starts its conversation from. */
const probeAddress = (n: number) => `127.2.0.${1 + n}`;
/** Conversations started at once: the sockets open meanwhile each look their conversation up again. */
const STARTS_AT_ONCE = 10;

const send = (message: ClientsMessage) => process.send!(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TIMEOUT_MS = 30_000;

interface Frame {
  type: string;
  [key: string]: unknown;
}

let errorCount = 0;
const errors: string[] = [];
function noteError(text: string): void {
  errorCount++;
  if (errors.length < 20) errors.push(text);
}

// The parent's messages, in order, each taken by the step waiting for its type.
const inbox: ParentMessage[] = [];
let wakeInbox = () => {};
process.on("message", (message: ParentMessage) => {
  inbox.push(message);
  wakeInbox();
});
async function nextMessage<T extends ParentMessage["type"]>(
  type: T,
): Promise<Extract<ParentMessage, { type: T }>> {
  for (;;) {
    const message = inbox.shift();
    if (message?.type === type) return message as Extract<ParentMessage, { type: T }>;
    if (message) throw new Error(`expected ${type} from the parent, got ${message.type}`);
    await new Promise<void>((resolve) => (wakeInbox = resolve));
  }
}

let closedSockets = 0;
let closing = false;
/** Sockets this process closes itself. */
const closedHere = new WeakSet<WebSocket>();

/** Closes the socket and waits until the server has seen it close. */
function closeSocket(socket: WebSocket): Promise<void> {
  closedHere.add(socket);
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.close();
  });
}

/** Opens a socket; resolves with it and the first frame for which `isReady` holds (after `onOpen`). */
function openSocket(
  url: string,
  options: WebSocket.ClientOptions,
  onFrame: (frame: Frame, at: number) => void,
  isReady: (frame: Frame) => boolean,
  onOpen: (socket: WebSocket) => void = () => {},
): Promise<{ socket: WebSocket; frame: Frame }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ...options, perMessageDeflate: false });
    let ready = false;
    const timer = setTimeout(() => {
      reject(new Error("no answer in 30 s"));
      socket.terminate();
    }, TIMEOUT_MS);
    socket.on("unexpected-response", (_request, response) => {
      clearTimeout(timer);
      reject(new Error(`handshake refused: ${response.statusCode}`));
      socket.terminate();
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      if (ready) noteError(`socket error: ${error.message}`);
      else reject(error);
    });
    socket.on("close", (code) => {
      if (ready && !closing && !closedHere.has(socket)) {
        closedSockets++;
        noteError(`socket closed by the server: ${code}`);
      }
    });
    socket.on("open", () => onOpen(socket));
    socket.on("message", (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data)) as Frame;
      onFrame(frame, at);
      if (!ready && isReady(frame)) {
        ready = true;
        clearTimeout(timer);
        resolve({ socket, frame });
      }
    });
  });
}

/** Runs `open` for 0..count-1, `batch` at a time; the sockets that opened, and why others did not. */
async function inBatches<T>(count: number, batch: number, open: (i: number) => Promise<T>) {
  const opened: (T | null)[] = [];
  const failures = new Map<string, number>();
  for (let from = 0; from < count; from += batch) {
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(batch, count - from) }, (_, k) => open(from + k)),
    );
    for (const outcome of settled) {
      if (outcome.status === "fulfilled") opened.push(outcome.value);
      else {
        opened.push(null);
        const reason = (outcome.reason as Error).message;
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
  }
  return { opened, failures: [...failures].map(([reason, n]) => `${n} × ${reason}`) };
}

/** An endless random order of 0..n-1: each index once per round, shuffled again each round. */
function shuffledCycle(n: number): () => number {
  let order: number[] = [];
  return () => {
    if (order.length === 0) {
      order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    return order.pop()!;
  };
}

async function run(start: ClientsStart): Promise<void> {
  const wsUrl = start.httpUrl.replace(/^http/, "ws");
  // Agent sockets: arrival time of each incoming message's message.created, by message id.
  const agentArrivals = new Map<string, number[]>();
  let agentDuplicates = 0;
  let replyDuplicates = 0;
  const connectStarted = performance.now();

  const agents = await inBatches(start.agentTokens.length, start.batch, (i) => {
    const seen = new Set<string>();
    return openSocket(
      `${wsUrl}/api/v1/realtime`,
      { headers: { authorization: `Bearer ${start.agentTokens[i]}` } },
      (frame, at) => {
        if (frame.type !== "events") return;
        for (const event of frame.events as { type: string; payload: Record<string, unknown> }[]) {
          if (event.type !== "message.created") continue;
          const id = String(event.payload.messageId);
          if (seen.has(id)) {
            agentDuplicates++;
            continue;
          }
          seen.add(id);
          if (event.payload.kind !== "incoming") continue;
          const list = agentArrivals.get(id);
          if (list) list.push(at);
          else agentArrivals.set(id, [at]);
        }
      },
      (frame) => frame.type === "ready",
    );
  });
  send({ type: "progress", text: `${agents.opened.filter(Boolean).length} agent sockets ready` });

  // Visitor sockets: acks by client id, agents' messages by message id.
  const ackWaiters = new Map<string, (frame: Frame, at: number) => void>();
  const replyArrivals = new Map<string, number>();
  const openVisitor = (localAddress: string, hello: object) => {
    const seen = new Set<string>();
    return openSocket(
      `${wsUrl}/widget/v1/socket?key=${encodeURIComponent(start.widgetKey)}`,
      { headers: { origin: start.origin }, localAddress },
      (frame, at) => {
        if (frame.type === "ack" || frame.type === "nack") {
          const clientId = String(frame.clientId);
          ackWaiters.get(clientId)?.(frame, at);
          ackWaiters.delete(clientId);
        } else if (frame.type === "message") {
          const message = frame.message as { id: string; from: string };
          if (message.from !== "agent") return;
          if (seen.has(message.id)) replyDuplicates++;
          else replyArrivals.set(message.id, at);
          seen.add(message.id);
        } else if (frame.type === "error") noteError(`widget error: ${JSON.stringify(frame)}`);
      },
      (frame) => frame.type === "welcome",
      (socket) => socket.send(JSON.stringify(hello)),
    );
  };
  let clientSeq = 0;
  /** Sends a visitor message; resolves with the ack (or nack) frame and its time, null on a timeout. */
  const visitorSay = (socket: WebSocket, body: string) => {
    const clientId = `bench-${process.pid}-${++clientSeq}`;
    return new Promise<{ frame: Frame; at: number; sentAt: number } | null>((resolve) => {
      const timer = setTimeout(() => {
        ackWaiters.delete(clientId);
        resolve(null);
      }, TIMEOUT_MS);
      const sentAt = performance.now();
      ackWaiters.set(clientId, (frame, at) => {
        clearTimeout(timer);
        resolve({ frame, at, sentAt });
      });
      socket.send(JSON.stringify({ type: "message", clientId, body }));
    });
  };
  /** A visitor's first message on a socket of its own, closed afterwards; the visitor's token. */
  const startConversation = async (address: string, body: string) => {
    const { socket, frame } = await openVisitor(address, { type: "hello" });
    try {
      const ack = await visitorSay(socket, body);
      if (ack?.frame.type !== "ack")
        throw new Error(ack ? `first message: ${JSON.stringify(ack.frame)}` : "no ack");
      return { token: String(frame.token), ack };
    } finally {
      await closeSocket(socket);
    }
  };

  // Every talker starts its conversation before the other visitors connect, a few at a time: each new
  // conversation makes every open widget socket of the inbox look its own conversation up again.
  const startStarted = performance.now();
  const starts = await inBatches(start.talkers, STARTS_AT_ONCE, (j) =>
    startConversation(starterAddress(j % start.starterAddresses), `Hello, I am visitor ${j}: a question.`),
  );
  const startMs = performance.now() - startStarted;
  send({ type: "progress", text: `${starts.opened.filter(Boolean).length} conversations started` });

  // Then every visitor connects: talkers with their token (the welcome names their conversation).
  const visitors = await inBatches(start.visitors, start.batch, (i) => {
    const token = i < start.talkers ? starts.opened[i]?.token : undefined;
    return openVisitor(
      visitorAddress(i % start.addresses),
      token ? { type: "hello", token } : { type: "hello" },
    );
  });
  const ready = visitors.opened.slice(0, start.talkers).flatMap((v) => {
    const conversation = v?.frame.conversation as { id: string } | null | undefined;
    return v && conversation ? [{ socket: v.socket, conversationId: conversation.id }] : [];
  });
  const visitorsOpen = visitors.opened.filter(Boolean).length;
  send({
    type: "connected",
    agents: agents.opened.filter(Boolean).length,
    visitors: visitorsOpen,
    talkers: ready.length,
    startMs: Math.round(startMs),
    ms: Math.round(performance.now() - connectStarted),
    failures: [
      ...agents.failures.map((f) => `agent: ${f}`),
      ...starts.failures.map((f) => `first message: ${f}`),
      ...visitors.failures.map((f) => `visitor: ${f}`),
    ],
  });
  if (ready.length === 0) throw new Error("no visitor has a conversation to talk in");
  await nextMessage("go");

  // Steady phase: every 1000/rate ms one message, alternately a visitor's and an agent's reply. Sends
  // are not awaited: a slow answer does not slow the schedule.
  const agentTokens = start.agentTokens.filter((_, i) => agents.opened[i]);
  const visitorSent: { sentAt: number; ack?: { at: number; id: string } }[] = [];
  const replies: { sentAt: number; httpAt?: number; id?: string }[] = [];
  let nacked = 0;
  let replyFailed = 0;
  const nextVisitor = shuffledCycle(ready.length);
  const nextConversation = shuffledCycle(ready.length);
  const pending: Promise<void>[] = [];
  const total = Math.round(start.rate * start.seconds);
  const interval = 1000 / start.rate;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + i * interval - performance.now();
    if (wait > 1) await sleep(wait);
    if (i % 2 === 0) {
      const talker = ready[nextVisitor()]!;
      const record: (typeof visitorSent)[number] = { sentAt: 0 };
      visitorSent.push(record);
      pending.push(
        visitorSay(talker.socket, `Visitor message ${i}: is my order on its way?`).then((ack) => {
          if (!ack) return noteError("visitor message: no ack in 30 s");
          record.sentAt = ack.sentAt;
          if (ack.frame.type === "ack")
            record.ack = { at: ack.at, id: (ack.frame.message as { id: string }).id };
          else {
            nacked++;
            noteError(`visitor message: ${JSON.stringify(ack.frame)}`);
          }
        }),
      );
    } else {
      const conversationId = ready[nextConversation()]!.conversationId;
      const token = agentTokens[Math.floor(Math.random() * agentTokens.length)]!;
      const record: (typeof replies)[number] = { sentAt: performance.now() };
      replies.push(record);
      pending.push(
        fetch(`${start.httpUrl}/api/v1/conversations/${conversationId}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ kind: "reply", body: `Agent reply ${i}: it ships today.` }),
        })
          .then(async (response) => {
            const body = (await response.json()) as { id?: string };
            if (response.status !== 201 || !body.id) {
              replyFailed++;
              return noteError(`reply: HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
            }
            record.httpAt = performance.now();
            record.id = body.id;
          })
          .catch((error: Error) => {
            replyFailed++;
            noteError(`reply: ${error.message}`);
          }),
      );
    }
  }
  const steadyMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  send({ type: "steady-done" });

  // Drain: wait for the answers, then for the deliveries still on their way.
  await Promise.all(pending);
  const agentCount = agentTokens.length;
  const outstanding = () =>
    visitorSent.reduce(
      (n, m) => n + (m.ack ? agentCount - (agentArrivals.get(m.ack.id)?.length ?? 0) : 0),
      0,
    ) + replies.reduce((n, r) => n + (r.id && !replyArrivals.has(r.id) ? 1 : 0), 0);
  const drainUntil = performance.now() + start.drainMs;
  while (outstanding() > 0 && performance.now() < drainUntil) await sleep(100);

  const acked = visitorSent.filter((m) => m.ack);
  const deliveryMs: number[] = [];
  const lastAgentMs: number[] = [];
  let received = 0;
  for (const m of acked) {
    const arrivals = agentArrivals.get(m.ack!.id) ?? [];
    received += arrivals.length;
    for (const at of arrivals) deliveryMs.push(at - m.sentAt);
    if (arrivals.length >= agentCount) lastAgentMs.push(Math.max(...arrivals) - m.sentAt);
  }
  const created = replies.filter((r) => r.id);
  const replyMs = created.flatMap((r) =>
    replyArrivals.has(r.id!) ? [replyArrivals.get(r.id!)! - r.sentAt] : [],
  );
  const timeline: ClientsResult["timeline"] = Array.from({ length: Math.ceil(steadyMs / 1000) }, (_, s) => ({
    s,
    visitorToAgentMaxMs: null,
    agentToVisitorMaxMs: null,
  }));
  const mark = (sentAt: number, ms: number, key: "visitorToAgentMaxMs" | "agentToVisitorMaxMs") => {
    const second = timeline[Math.min(timeline.length - 1, Math.floor((sentAt - t0) / 1000))]!;
    second[key] = Math.round(Math.max(second[key] ?? 0, ms));
  };
  for (const m of acked) {
    for (const at of agentArrivals.get(m.ack!.id) ?? []) mark(m.sentAt, at - m.sentAt, "visitorToAgentMaxMs");
  }
  for (const r of created) {
    const at = replyArrivals.get(r.id!);
    if (at !== undefined) mark(r.sentAt, at - r.sentAt, "agentToVisitorMaxMs");
  }
  const result: ClientsResult = {
    steadyMs: Math.round(steadyMs),
    agentsConnected: agentCount,
    visitorsConnected: visitorsOpen,
    talkers: ready.length,
    visitor: {
      sent: visitorSent.length,
      acked: acked.length,
      nacked,
      ackMs: acked.map((m) => m.ack!.at - m.sentAt),
      deliveryMs,
      lastAgentMs,
      expected: acked.length * agentCount,
      lost: Math.max(0, acked.length * agentCount - received),
      duplicates: agentDuplicates,
    },
    agent: {
      sent: replies.length,
      created: created.length,
      failed: replyFailed,
      httpMs: created.map((r) => r.httpAt! - r.sentAt),
      deliveryMs: replyMs,
      lost: created.length - replyMs.length,
      duplicates: replyDuplicates,
    },
    closedSockets,
    errorCount,
    errors,
    cpuCores: (cpu.user + cpu.system) / 1000 / steadyMs,
    timeline,
    probes: [],
  };

  // Probes: a new visitor starts a conversation while every socket is connected; probeGapMs later a
  // talker writes, and that message is timed to its ack and to the last agent socket.
  for (let p = 0; p < start.probes; p++) {
    await sleep(2_000);
    const talker = ready[p % ready.length]!;
    const { socket } = await openVisitor(probeAddress(p), { type: "hello" });
    const firstSent = visitorSay(socket, `Probe ${p}: a new question.`);
    await sleep(start.probeGapMs);
    const next = await visitorSay(talker.socket, `Probe ${p}: and one more thing.`);
    const first = await firstSent;
    if (first?.frame.type !== "ack" || next?.frame.type !== "ack") {
      noteError(`probe ${p}: ${JSON.stringify([first?.frame, next?.frame])}`);
    } else {
      const id = (next.frame.message as { id: string }).id;
      const until = performance.now() + TIMEOUT_MS;
      while ((agentArrivals.get(id)?.length ?? 0) < agentCount && performance.now() < until) await sleep(10);
      const arrivals = agentArrivals.get(id) ?? [];
      result.probes.push({
        newAckMs: first.at - first.sentAt,
        nextAckMs: next.at - next.sentAt,
        nextAllAgentsMs: arrivals.length >= agentCount ? Math.max(...arrivals) - next.sentAt : null,
      });
    }
    await closeSocket(socket);
  }
  closing = true;
  Object.assign(result, { closedSockets, errorCount, errors });
  for (const v of [...agents.opened, ...visitors.opened]) v?.socket.terminate();
  // A large message: disconnect only once it has gone out.
  await new Promise<void>((resolve, reject) =>
    process.send!({ type: "result", result } satisfies ClientsMessage, (error: Error | null) =>
      error ? reject(error) : resolve(),
    ),
  );
}

nextMessage("start")
  .then(run)
  .then(
    () => process.disconnect(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
