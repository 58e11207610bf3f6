/**
 * The size of the agent web app a browser downloads before the inbox shows: the entry script, the
 * modules it imports statically (Vite lists them as modulepreload links) and the stylesheets of
 * index.html, raw and gzip'd at level 9 (what a reverse proxy typically serves). Chunks loaded later
 * (settings, the other languages' catalogs) are listed apart.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleResult {
  measuredAt: string;
  /** JavaScript needed at first load (entry + static imports). */
  initialJs: BundleFile[];
  initialCss: BundleFile[];
  /** Everything else under assets/: loaded on demand. */
  lazy: BundleFile[];
  initialJsGzip: number;
  initialCssGzip: number;
}

/** The first-load JavaScript budget of the inbox (issue: ≤ 200 KB gzip). */
export const INITIAL_JS_BUDGET = 200 * 1024;

const sizeOf = (dir: string, file: string): BundleFile => {
  const content = fs.readFileSync(path.join(dir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
};

/** Measures a built web app folder (dist/web or a copy). */
export function measureBundleDir(dir: string): BundleResult {
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const attr = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!.replace(/^\//, ""));
  const scripts = attr(/<script[^>]*type="module"[^>]*src="([^"]+)"/g);
  const preloads = attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g);
  const styles = attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const initial = new Set([...scripts, ...preloads, ...styles]);
  const initialJs = [...scripts, ...preloads].map((file) => sizeOf(dir, file));
  const initialCss = styles.map((file) => sizeOf(dir, file));
  const lazy = fs
    .readdirSync(path.join(dir, "assets"))
    .map((name) => `assets/${name}`)
    .filter((file) => !initial.has(file))
    .map((file) => sizeOf(dir, file))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (files: BundleFile[]) => files.reduce((total, f) => total + f.gzipBytes, 0);
  return {
    measuredAt: new Date().toISOString(),
    initialJs,
    initialCss,
    lazy,
    initialJsGzip: sum(initialJs),
    initialCssGzip: sum(initialCss),
  };
}

/** Builds the web app for production into a temporary folder and measures it. */
export async function buildAndMeasureBundle(): Promise<BundleResult> {
  const { build } = await import("vite");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-bundle-"));
  try {
    await build({
      configFile: new URL("../vite.config.ts", import.meta.url).pathname,
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
    return measureBundleDir(outDir);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The docs section for a measurement. */
export function bundleSection(result: BundleResult | undefined): string[] {
  if (!result) return [];
  const row = (f: BundleFile) =>
    `| ${f.file.replace(/-[\w-]{8}\./, ".")} | ${kb(f.bytes)} | ${kb(f.gzipBytes)} |`;
  return [
    "## Agent web app: what the inbox downloads",
    "",
    `Measured ${result.measuredAt.slice(0, 16).replace("T", " ")} UTC from a production build (\`vite build\`), ` +
      "gzip level 9. First load is the entry script, its static imports and the stylesheet of `index.html`; " +
      "the settings screens and the Russian, Croatian and Slovak catalogs load when needed.",
    "",
    `**First-load JavaScript: ${kb(result.initialJsGzip)} gzip** (budget ${kb(INITIAL_JS_BUDGET)}: ` +
      `${result.initialJsGzip <= INITIAL_JS_BUDGET ? "met" : "**exceeded**"}); CSS ${kb(result.initialCssGzip)} gzip.`,
    "",
    "| File | size | gzip |",
    "|---|--:|--:|",
    ...result.initialJs.map(row),
    ...result.initialCss.map(row),
    ...result.lazy.map((f) => row(f).replace(/^\| /, "| (later) ")),
    "",
  ];
}
