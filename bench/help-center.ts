/**
 * The help-center benchmark: a workspace with the starter content plus N generated articles, each
 * published in the four languages, served by the real app on loopback. Times the first byte of public
 * article pages and of searches (typed words, typos, missing diacritics, inflected forms), one request
 * at a time after a warm-up. Saved as bench/results/<time>-<mode>-help-center.json and rendered as the
 * "Help center" section of docs/benchmarks.md.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { AddressInfo } from "node:net";
import prettier from "prettier";
import { buildApp } from "../src/server/app.js";
import { createWorkspace } from "../src/server/commands/create-workspace.js";
import { ensureHelpCenter } from "../src/server/commands/ensure-help-center.js";
import { loadEnv } from "../src/server/env.js";
import { newId, randomToken } from "../src/server/lib/ids.js";
import { markdownToPlainText, renderHelpMarkdown } from "../src/help-center/render-markdown.js";
import { describeMachine, type Machine } from "./report.js";
import type { BenchMode, BenchTarget } from "./targets.js";
import { percentile } from "./workloads.js";

export interface HelpCenterOptions {
  articles: number;
  requests: number;
  warmup: number;
}
export const defaultHelpCenterOptions: HelpCenterOptions = { articles: 5000, requests: 500, warmup: 50 };

/** The question: p99 time to first byte of an article page and of a search. */
export interface Timing {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface HelpCenterResult {
  kind: "help-center";
  mode: BenchMode;
  startedAt: string;
  command: string;
  options: HelpCenterOptions;
  machine: Machine;
  database: { version: string };
  load: { before: number; after: number };
  /** Articles and published translations in the workspace (starter content included). */
  data: { articles: number; translations: number; generateMs: number };
  /** The first search after start: this process builds its index of every published translation. */
  firstSearchMs: number;
  article: Timing & { bytes: number };
  search: Timing & { withResults: number };
}

const LANGS = ["en", "ru", "hr", "sk"] as const;
type Lang = (typeof LANGS)[number];

/** A small deterministic generator, so every run builds the same help center. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Starter {
  categories: { sections: { articles: { title: string; body: string }[] }[] }[];
}

/** The words of the starter articles of a language: realistic vocabulary for generated text. */
function vocabulary(lang: Lang): string[] {
  const file = new URL(`../src/help-center/starter/${lang}.json`, import.meta.url);
  const starter = JSON.parse(fs.readFileSync(file, "utf8")) as Starter;
  const text = starter.categories
    .flatMap((c) => c.sections.flatMap((s) => s.articles.map((a) => `${a.title} ${a.body}`)))
    .join(" ");
  return [...new Set(text.toLowerCase().match(/\p{L}{3,}/gu) ?? [])];
}

const timing = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p) * 10) / 10;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
};

/** One GET; the time until the response's headers arrived (first byte), the status and the body size. */
function timeGet(
  port: number,
  pathAndQuery: string,
  agent = keepAlive,
): Promise<{ ms: number; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get({ host: "127.0.0.1", port, path: pathAndQuery, agent }, (response) => {
      const ms = performance.now() - started;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ ms, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    request.on("error", reject);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
/**
 * Searches are limited per address (120 a minute), as for any reader: the benchmark's searches come from
 * a new loopback address every 100 requests, each over its own kept-alive connection.
 */
const agents: http.Agent[] = [];
const agentFor = (i: number) =>
  (agents[Math.floor(i / 100)] ??= new http.Agent({
    keepAlive: true,
    maxSockets: 1,
    localAddress: `127.0.${10 + Math.floor(i / 100)}.1`,
  }));

/** Inserts `count` articles (each in the four languages, published) in batches, by SQL. */
async function generateArticles(target: BenchTarget, workspaceId: string, count: number): Promise<void> {
  const next = random(7);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const words = Object.fromEntries(LANGS.map((lang) => [lang, vocabulary(lang)])) as Record<Lang, string[]>;
  const sentence = (lang: Lang, length: number) => {
    const list = Array.from({ length }, () => pick(words[lang]));
    return list.join(" ").replace(/^\p{L}/u, (c) => c.toUpperCase()) + ".";
  };
  const [{ max }] = (await target.db.query<{ max: number | null }>(
    "SELECT max(number) AS max FROM help_articles WHERE workspace_id = $1",
    [workspaceId],
  )) as [{ max: number | null }];
  let number = (max ?? 0) + 1;
  const categoryId = newId();
  const sectionId = newId();
  await target.db.query(
    `INSERT INTO help_categories (id, workspace_id, number, position) VALUES ($1, $2, 1000, 1000)`,
    [categoryId, workspaceId],
  );
  await target.db.query(
    `INSERT INTO help_category_translations (category_id, workspace_id, lang, name, slug)
     SELECT $1, $2, lang, 'Generated', 'generated' FROM unnest($3::text[]) AS lang`,
    [categoryId, workspaceId, [...LANGS]],
  );
  await target.db.query(`INSERT INTO help_sections (id, workspace_id, category_id) VALUES ($1, $2, $3)`, [
    sectionId,
    workspaceId,
    categoryId,
  ]);
  const [{ version }] = (await target.db.query<{ version: string }>(
    `UPDATE help_centers SET content_version = content_version + 1 WHERE workspace_id = $1
     RETURNING content_version AS version`,
    [workspaceId],
  )) as [{ version: string }];
  const BATCH = 250;
  for (let done = 0; done < count; done += BATCH) {
    const ids: string[] = [];
    const numbers: number[] = [];
    const t = { id: [] as string[], lang: [] as string[], title: [] as string[], body: [] as string[] };
    const html: string[] = [];
    const text: string[] = [];
    const slugs: string[] = [];
    for (let i = 0; i < Math.min(BATCH, count - done); i++) {
      const id = newId();
      ids.push(id);
      numbers.push(number++);
      for (const lang of LANGS) {
        const title = sentence(lang, 3 + Math.floor(next() * 4)).slice(0, -1);
        const paragraphs = Array.from({ length: 4 }, () =>
          Array.from({ length: 3 }, () => sentence(lang, 8 + Math.floor(next() * 10))).join(" "),
        );
        const body = `${paragraphs[0]}\n\n## ${sentence(lang, 3)}\n\n${paragraphs.slice(1).join("\n\n")}`;
        t.id.push(id);
        t.lang.push(lang);
        t.title.push(title);
        t.body.push(body);
        html.push(renderHelpMarkdown(body));
        text.push(markdownToPlainText(body));
        slugs.push(`generated-${numbers.at(-1)}`);
      }
    }
    await target.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO help_articles (id, workspace_id, number, section_id, visibility)
         SELECT id, $1, number, $2, 'public' FROM unnest($3::uuid[], $4::int[]) AS a(id, number)`,
        [workspaceId, sectionId, ids, numbers],
      );
      await tx.query(
        `INSERT INTO help_article_translations
           (article_id, workspace_id, lang, draft_title, draft_body, slug, title, description, keywords,
            body, body_html, body_text, version, published_at, index_version)
         SELECT id, $1, lang, title, body, slug, title, '', '', body, html, text, 1, now(), $8
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[])
             AS t(id, lang, title, body, html, text, slug)`,
        [workspaceId, t.id, t.lang, t.title, t.body, html, text, version, slugs],
      );
    });
  }
  await target.db.query("ANALYZE");
}

/** Search queries as readers type them: real words, a typo, no diacritics, other inflections. */
function searchQueries(count: number): { lang: Lang; q: string }[] {
  const next = random(11);
  const words = Object.fromEntries(LANGS.map((lang) => [lang, vocabulary(lang)])) as Record<Lang, string[]>;
  const queries: { lang: Lang; q: string }[] = [];
  for (let i = 0; i < count; i++) {
    const lang = LANGS[i % LANGS.length]!;
    const list = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
      const word = words[lang][Math.floor(next() * words[lang].length)]!;
      const kind = next();
      if (kind < 0.2 && word.length > 5) return word.slice(0, 2) + word.slice(3); // a typo
      if (kind < 0.4) return word.normalize("NFD").replace(/\p{M}/gu, ""); // no diacritics
      if (kind < 0.5) return word.slice(0, -1); // another ending, or still typing
      return word;
    });
    queries.push({ lang, q: list.join(" ") });
  }
  return queries;
}

export async function runHelpCenterBench(
  target: BenchTarget,
  options: HelpCenterOptions,
  io: { command: string; say: (message: string) => void },
): Promise<HelpCenterResult> {
  const startedAt = new Date().toISOString();
  const [{ version }] = (await target.db.query<{ version: string }>("SELECT version() AS version")) as [
    { version: string },
  ];
  const { workspace } = await createWorkspace(target.db, {
    name: "Bench shop",
    owner: { email: `owner-${randomToken(6)}@bench.example`, name: "Owner", password: null },
  });
  const generating = performance.now();
  await ensureHelpCenter(target.db, workspace.id);
  await generateArticles(target, workspace.id, options.articles);
  const generateMs = Math.round(performance.now() - generating);
  const [counts] = (await target.db.query<{ articles: number; translations: number }>(
    `SELECT (SELECT count(*)::int FROM help_articles WHERE workspace_id = $1) AS articles,
            (SELECT count(*)::int FROM help_article_translations WHERE workspace_id = $1 AND title IS NOT NULL)
              AS translations`,
    [workspace.id],
  )) as [{ articles: number; translations: number }];
  io.say(`  ${counts.articles} articles, ${counts.translations} published translations in ${generateMs} ms`);

  const env = loadEnv({ NODE_ENV: "production", HEED_SECRET: randomToken(48), ...target.env });
  const app = await buildApp({ db: target.db, env }, { webRoot: "/nonexistent", logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const loadBefore = os.loadavg()[0]!;
  try {
    const first = await timeGet(port, `/help/en/search?q=${encodeURIComponent("order")}`);
    if (first.status !== 200) throw new Error(`The first search answered ${first.status}`);
    const firstSearchMs = Math.round(first.ms);
    // Canonical addresses (number and slug) of random articles in random languages.
    const next = random(3);
    const published = await target.db.query<{ path: string }>(
      `SELECT '/help/' || t.lang || '/articles/' || a.number || '-' || t.slug AS path
         FROM help_article_translations t JOIN help_articles a ON a.id = t.article_id
        WHERE t.workspace_id = $1 AND t.title IS NOT NULL ORDER BY a.number, t.lang`,
      [workspace.id],
    );
    const pages = Array.from(
      { length: options.warmup + options.requests },
      () => published[Math.floor(next() * published.length)]!.path,
    );
    const pageTimes: number[] = [];
    let bytes = 0;
    for (const [i, page] of pages.entries()) {
      const answer = await timeGet(port, page);
      if (answer.status !== 200) throw new Error(`${page} answered ${answer.status}`);
      if (i >= options.warmup) pageTimes.push(answer.ms);
      bytes = Math.max(bytes, Buffer.byteLength(answer.body));
    }
    const searchTimes: number[] = [];
    let withResults = 0;
    for (const [i, { lang, q }] of searchQueries(options.warmup + options.requests).entries()) {
      const answer = await timeGet(port, `/help/${lang}/search?q=${encodeURIComponent(q)}`, agentFor(i));
      if (answer.status !== 200) throw new Error(`search ${q} answered ${answer.status}`);
      if (i < options.warmup) continue;
      searchTimes.push(answer.ms);
      if (answer.body.includes("<mark>")) withResults++;
    }
    return {
      kind: "help-center",
      mode: target.mode,
      startedAt,
      command: io.command,
      options,
      machine: describeMachine(),
      database: { version },
      load: { before: loadBefore, after: os.loadavg()[0]! },
      data: { ...counts, generateMs },
      firstSearchMs,
      article: { ...timing(pageTimes), bytes },
      search: { ...timing(searchTimes), withResults },
    };
  } finally {
    keepAlive.destroy();
    for (const agent of agents.splice(0)) agent.destroy();
    await app.close();
  }
}

const resultsDir = new URL("results/", import.meta.url);
const suffix = (mode: BenchMode) => `-${mode}-help-center.json`;

export function saveHelpCenterResult(result: HelpCenterResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${result.startedAt.replace(/[:.]/g, "-")}${suffix(result.mode)}`, resultsDir);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return path.relative(process.cwd(), file.pathname);
}

/** The newest saved run of `mode` with this many generated articles. */
export function latestHelpCenterResult(mode: BenchMode, articles: number): HelpCenterResult | undefined {
  if (!fs.existsSync(resultsDir)) return undefined;
  const files = fs.readdirSync(resultsDir).filter((f) => f.endsWith(suffix(mode)));
  for (const file of files.sort().reverse()) {
    const run = JSON.parse(fs.readFileSync(new URL(file, resultsDir), "utf8")) as HelpCenterResult;
    if (run.options.articles === articles) return run;
  }
  return undefined;
}

const label = (mode: BenchMode) => (mode === "embedded" ? "Embedded (PGlite)" : "PostgreSQL server");
const ms = (t: Timing) => `${t.p50} / ${t.p95} / ${t.p99} ms`;

/** The lines a run prints. */
export function describeHelpCenter(r: HelpCenterResult): string[] {
  return [
    `article page TTFB p50/p95/p99 ${ms(r.article)} (largest page ${(r.article.bytes / 1024).toFixed(1)} KB)`,
    `search TTFB p50/p95/p99 ${ms(r.search)} (${r.search.withResults} of ${r.search.count} with results)`,
    `first search (builds the index) ${r.firstSearchMs} ms`,
  ];
}

/** The docs section, between its markers. */
export function helpCenterSection(results: HelpCenterResult[]): string[] {
  const first = results[0]!;
  const m = first.machine;
  const row = (name: string, cell: (r: HelpCenterResult) => string) =>
    `| ${name} | ${results.map(cell).join(" | ")} |`;
  return [
    "<!-- help-center:start -->",
    "",
    "## Help center",
    "",
    `A workspace with the starter content and ${first.options.articles.toLocaleString("en")} generated articles, ` +
      "each published in English, Russian, Croatian and Slovak (text drawn from the starter articles' words), " +
      "served by the real app on loopback (bench/help-center.ts). Requests go one at a time over a kept-alive " +
      `connection after ${first.options.warmup} warm-up requests; **time to first byte** is from sending the ` +
      "request to the response's headers. Article pages are random articles in a random language; searches " +
      "are one to three words of the language, a fifth with a typo, a fifth without diacritics and a tenth " +
      "with another ending. The first search after start builds this process's search index of every " +
      "published translation (shown apart); later changes are read incrementally.",
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
      ".",
    "",
    "```sh",
    ...new Set(results.map((r) => r.command)),
    "```",
    "",
    `| | ${results.map((r) => label(r.mode)).join(" | ")} |`,
    `|---|${results.map(() => "---").join("|")}|`,
    row("Articles / published translations", (r) => `${r.data.articles} / ${r.data.translations}`),
    row("Article page, TTFB p50 / p95 / p99", (r) => ms(r.article)),
    row("Largest article page (HTML)", (r) => `${(r.article.bytes / 1024).toFixed(1)} KB`),
    row("Search, TTFB p50 / p95 / p99", (r) => ms(r.search)),
    row("Searches with results", (r) => `${r.search.withResults} of ${r.search.count}`),
    row("First search (builds the index)", (r) => `${r.firstSearchMs} ms`),
    "",
    "<!-- help-center:end -->",
  ];
}

/** Writes the section into docs/benchmarks.md: replaced between its markers, or added at the end. */
export async function writeHelpCenterSection(results: HelpCenterResult[]): Promise<string> {
  const file = new URL("../docs/benchmarks.md", import.meta.url);
  const page = fs.readFileSync(file, "utf8");
  const section = helpCenterSection(results).join("\n");
  const pattern = /<!-- help-center:start -->[\s\S]*<!-- help-center:end -->/;
  const next = pattern.test(page) ? page.replace(pattern, section) : `${page.trimEnd()}\n\n${section}\n`;
  const formatted = await prettier.format(next, { parser: "markdown", filepath: file.pathname });
  fs.writeFileSync(file, formatted);
  return path.relative(process.cwd(), file.pathname);
}

/** After the page is written anew from the main results: put the last saved Help center section back. */
export async function restoreHelpCenterSection(say: (message: string) => void): Promise<void> {
  const saved = (["embedded", "postgres"] as const)
    .map((mode) => latestHelpCenterResult(mode, defaultHelpCenterOptions.articles))
    .filter((r): r is HelpCenterResult => r !== undefined);
  if (saved.length > 0) say(`wrote the Help center section of ${await writeHelpCenterSection(saved)} again`);
}
