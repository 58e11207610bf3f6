/**
 * What the browser end-to-end suites share: the agent web app built once per source version, the Heed
 * server listening on a private database seeded with the demo workspace, a real headless Chromium and
 * signed-in pages. One server, one seed and one browser per test file; a context (cookies, storage) per test.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildApp, type ApiApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { DEMO_PASSWORD, seedDemo, type DemoResult } from "../../src/server/demo/seed-demo.js";
import { loadEnv } from "../../src/server/env.js";
import { apiClient, signIn, type ApiClient } from "./api.js";
import { TEST_ORIGIN } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Debian's Chromium, headless, without anything that reaches the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Every file under `dir` (sorted, relative to the repository root). */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A hash of everything the web bundle is made from: its source, the catalogs, Vite's config, the lockfile. */
function webSourceHash(): string {
  const hash = createHash("sha256");
  const files = [
    ...listFiles(path.join(root, "src/web")),
    ...listFiles(path.join(root, "src/widget")),
    ...listFiles(path.join(root, "locales")),
    "vite.config.ts",
    "vite.widget.config.ts",
    "package-lock.json",
  ];
  for (const file of files) {
    hash.update(file).update("\0");
    hash.update(fs.readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const BUILD_LOCK_STALE_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The agent web app (and the chat widget, in its widget/ folder) built with Vite into
 * node_modules/.cache/heed-web-<hash of its sources>, reused while
 * the sources stay the same (a clean clone has no dist/, and dist/ may be stale). Test files that start at
 * once build it once: the first takes an exclusive lock (mkdir), the others wait for its result.
 */
export async function buildWebApp(): Promise<string> {
  const cache = path.join(root, "node_modules/.cache");
  const outDir = path.join(cache, `heed-web-${webSourceHash()}`);
  const lock = `${outDir}.lock`;
  const isBuilt = () => fs.existsSync(path.join(outDir, "index.html"));
  fs.mkdirSync(cache, { recursive: true });
  while (!isBuilt()) {
    try {
      fs.mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another test file is building: wait for it, unless its builder died and left the lock behind.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > BUILD_LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (isBuilt()) break;
      // Built aside and renamed into place, so a reader never sees half a build.
      const building = `${outDir}.building-${process.pid}`;
      fs.rmSync(building, { recursive: true, force: true });
      const { build } = await import("vite");
      // Vitest sets NODE_ENV=test, which Vite would keep: React's development build, not what users get.
      const nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = "production";
      try {
        await build({
          configFile: path.join(root, "vite.config.ts"),
          root: path.join(root, "src/web"),
          mode: "production",
          logLevel: "warn",
          build: { outDir: building, emptyOutDir: true },
        });
        // The chat widget, beside it (`widgetFileOf` finds it).
        await build({
          configFile: path.join(root, "vite.widget.config.ts"),
          root,
          mode: "production",
          logLevel: "warn",
          build: { outDir: path.join(building, "widget"), emptyOutDir: true },
        });
      } catch (error) {
        fs.rmSync(building, { recursive: true, force: true });
        throw error;
      } finally {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      }
      fs.renameSync(building, outDir);
      pruneWebBuilds(cache, outDir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return outDir;
}

/** The chat widget built with the web app by `buildWebApp`. */
export const widgetFileOf = (webRoot: string): string => path.join(webRoot, "widget", "widget.js");

/** Keeps the cache from growing with every edit: the newest few other builds stay, for other checkouts. */
function pruneWebBuilds(cache: string, keep: string): void {
  const builds = fs
    .readdirSync(cache)
    .filter((name) => /^heed-web-[0-9a-f]+$/.test(name))
    .map((name) => path.join(cache, name))
    .filter((dir) => dir !== keep && !fs.existsSync(`${dir}.lock`))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  for (const dir of builds.slice(2)) fs.rmSync(dir, { recursive: true, force: true });
}

export type DemoUser = DemoResult["users"][number];

export interface BrowserApp {
  /** Where the browser reaches the server, e.g. http://127.0.0.1:43121 (no trailing slash). */
  url: string;
  app: ApiApp;
  ctx: AppContext;
  database: TestDatabase;
  demo: DemoResult;
  /** The API in-process, to check what the browser did: `api.get(path, cookie)`. */
  api: ApiClient;
  /** A demo user by the start of their email: `ana` (owner), `marko` (admin), `olga`, `zuzana`, `tom`. */
  user(name: string): DemoUser;
  /** Signs a demo user in through the API; the Cookie header, also good for `browser.newContext`. */
  signIn(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The Heed server with the built web app on a private database, seeded with the demo workspace, listening
 * on a free port of 127.0.0.1. HEED_PUBLIC_URL stays the test origin so the in-process API helpers pass the
 * same-origin check; the browser passes it through its Host header.
 */
export async function startBrowserApp(
  options: { conversations?: number; webRoot?: string } = {},
): Promise<BrowserApp> {
  const webRoot = options.webRoot ?? (await buildWebApp());
  const database = await createTestDatabase();
  try {
    const demo = await seedDemo(database.db, { conversations: options.conversations ?? 40 });
    const ctx: AppContext = {
      db: database.db,
      env: loadEnv({ NODE_ENV: "test", HEED_PUBLIC_URL: TEST_ORIGIN, HEED_DATA_DIR: database.location }),
    };
    const app = await buildApp(ctx, { webRoot, widgetFile: widgetFileOf(webRoot) });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    const user = (name: string): DemoUser => {
      const found = demo.users.find((u) => u.email.startsWith(`${name}@`));
      if (!found) throw new Error(`no demo user ${name}: ${demo.users.map((u) => u.email).join(", ")}`);
      return found;
    };
    return {
      url,
      app,
      ctx,
      database,
      demo,
      api: apiClient(app),
      user,
      signIn: (name) => signIn(app, user(name).email, DEMO_PASSWORD),
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** The browser's language (navigator.languages), which the app starts in before the user's own. */
  locale?: string;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page so far: a test that ends with any has found a crash. */
  errors: Error[];
}

/** A fresh context (no cookies, no storage) and its page, at 1280x720 in English by default. */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    locale: options.locale ?? "en-US",
    timezoneId: "Europe/Zagreb",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return { context, page, errors };
}

/** A page whose context carries the session of `cookie` (from `BrowserApp.signIn`). */
export async function newSignedInPage(
  browser: Browser,
  server: BrowserApp,
  cookie: string,
  options: PageOptions = {},
): Promise<OpenedPage> {
  const opened = await newPage(browser, options);
  const [name, ...value] = cookie.split("=");
  await opened.context.addCookies([{ name: name!, value: value.join("="), url: server.url }]);
  return opened;
}

/**
 * Closes the pages a test opened and fails it if any page threw an uncaught error meanwhile (a React
 * crash blanks the app: better said once, with the stack, than found as a missing button).
 */
export async function closePages(opened: OpenedPage[]): Promise<void> {
  const pages = opened.splice(0);
  await Promise.all(pages.map(({ context }) => context.close()));
  const errors = pages.flatMap((p) => p.errors);
  if (errors.length) {
    throw new Error(`the page threw:\n${errors.map((e) => e.stack ?? e.message).join("\n")}`);
  }
}

/**
 * `expect.poll` with the patience of the page's own waits (10 s, not 1 s): what the browser did reaches
 * the API a request later, and two test files share two cores.
 */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: 10_000, interval: 100, message });
}

/** PNG's signature and its header's width and height; throws when the bytes are not a PNG. */
export function readPngSize(file: string): { width: number; height: number; bytes: number } {
  const data = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (
    data.length < 33 ||
    !data.subarray(0, 8).equals(signature) ||
    data.toString("ascii", 12, 16) !== "IHDR"
  ) {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}
