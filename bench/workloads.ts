/**
 * The requests the benchmark times, made through the real app in-process (`app.inject`): routing, the
 * Bearer-token auth hook, validation, SQL, presenters and JSON serialization, everything but the socket.
 */
import type { ApiApp } from "../src/server/app.js";
import type { Queryable } from "../src/server/db/types.js";
import { benchSearches } from "./corpus.js";
import type { SqlProbe } from "./sql-probe.js";

export type WorkloadGroup = "list" | "open" | "search" | "folders";

export interface Workload {
  name: string;
  group: WorkloadGroup;
  /** Requested in turn, round and round. */
  urls: string[];
}

export interface WorkloadResult {
  name: string;
  group: WorkloadGroup;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Mean number of items per answer (list rows, timeline messages, search hits). */
  items: number;
  /** Mean SQL statements per request (BEGIN/COMMIT included) and mean time waiting for them. */
  queries: number;
  sqlMs: number;
}

/** The conversation-list folders of the sidebar, as list filters. */
export const folders: Record<string, string> = {
  mine: "assignee=me&status=open",
  unassigned: "assignee=none&status=open",
  open: "status=open",
  pending: "status=pending",
  snoozed: "status=snoozed",
  resolved: "status=resolved",
};

/** How deep the "later page" is: the 5th page, reached by following cursors as a client would. */
const LATER_PAGE = 5;

interface Answer {
  ms: number;
  body: {
    data?: unknown[];
    nextCursor?: string | null;
    messages?: unknown[];
    conversations?: unknown[];
    customers?: unknown[];
  };
}

async function get(app: ApiApp, token: string, url: string): Promise<Answer> {
  const started = performance.now();
  const response = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
  const ms = performance.now() - started;
  if (response.statusCode !== 200) {
    throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
  }
  return { ms, body: response.json() as Answer["body"] };
}

const itemsOf = (body: Answer["body"]) =>
  body.data?.length ??
  body.messages?.length ??
  (body.conversations?.length ?? 0) + (body.customers?.length ?? 0);

/** Every workload, with real ids and cursors taken from the generated data and the API itself. */
export async function buildWorkloads(
  app: ApiApp,
  token: string,
  db: Queryable,
  workspaceId: string,
): Promise<Workload[]> {
  const workloads: Workload[] = [];
  for (const [folder, filter] of Object.entries(folders)) {
    const first = `/api/v1/conversations?${filter}`;
    workloads.push({ name: `list ${folder}, first page`, group: "list", urls: [first] });
    let url = first;
    let page = 1;
    for (; page < LATER_PAGE; page++) {
      const { body } = await get(app, token, url);
      if (!body.nextCursor) break;
      url = `${first}&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    if (page > 1) workloads.push({ name: `list ${folder}, page ${page}`, group: "list", urls: [url] });
  }
  const sample = await db.query<{ id: string }>(
    "SELECT id FROM conversations WHERE workspace_id = $1 ORDER BY random() LIMIT 500",
    [workspaceId],
  );
  workloads.push({
    name: "open a conversation",
    group: "open",
    urls: sample.map((row) => `/api/v1/conversations/${row.id}`),
  });
  workloads.push({
    name: "search",
    group: "search",
    urls: benchSearches.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
  });
  workloads.push({ name: "folder counts", group: "folders", urls: ["/api/v1/folders"] });
  return workloads;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Samples {
  times: number[];
  items: number;
  queries: number;
  sqlMs: number;
}

/** A deterministic shuffle (xorshift), so runs are comparable. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = Math.abs(x) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Times every workload: `warmup` untimed requests of each, then `requests` rounds in which each workload
 * makes one request, in a shuffled order per round, one request at a time. Interleaving means a burst of
 * outside load (another process, a neighbour on the host) or a slow drift over the run falls on all
 * kinds of request alike, instead of on whichever kind happened to be running.
 */
export async function measureAll(
  app: ApiApp,
  token: string,
  workloads: Workload[],
  options: { warmup: number; requests: number },
  probe: SqlProbe,
): Promise<WorkloadResult[]> {
  const next = (workload: Workload, i: number) => workload.urls[i % workload.urls.length]!;
  for (const workload of workloads) {
    for (let i = 0; i < options.warmup; i++) await get(app, token, next(workload, i));
  }
  const samples = new Map<Workload, Samples>(
    workloads.map((w) => [w, { times: [], items: 0, queries: 0, sqlMs: 0 }]),
  );
  for (let round = 0; round < options.requests; round++) {
    for (const workload of shuffled(workloads, round + 1)) {
      probe.take();
      const { ms, body } = await get(app, token, next(workload, options.warmup + round));
      const sql = probe.take();
      const s = samples.get(workload)!;
      s.times.push(ms);
      s.items += itemsOf(body);
      s.queries += sql.queries;
      s.sqlMs += sql.ms;
    }
  }
  return workloads.map((workload) => summarize(workload, samples.get(workload)!));
}

function summarize(workload: Workload, { times, items, queries, sqlMs }: Samples): WorkloadResult {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name: workload.name,
    group: workload.group,
    count: times.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    max: round(sorted[sorted.length - 1]!),
    items: round(items / times.length),
    queries: round(queries / times.length),
    sqlMs: round(sqlMs / times.length),
  };
}
