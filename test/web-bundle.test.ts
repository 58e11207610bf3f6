import { describe, expect, it } from "vitest";
import { INITIAL_JS_BUDGET, measureBundleDir } from "../bench/web-bundle.js";
import { buildWebApp } from "./helpers/browser.js";

// The inbox must stay quick to load on a slow connection: CI fails when its first-load JavaScript
// outgrows the budget. The numbers themselves are reported by `npm run bench` in docs/benchmarks.md.
describe("the agent web app's production build", () => {
  it("loads at most 200 KB of gzip'd JavaScript before the inbox shows, and defers the rest", async () => {
    const bundle = measureBundleDir(await buildWebApp());
    expect(bundle.initialJs.length).toBeGreaterThan(0);
    expect(bundle.initialJsGzip).toBeGreaterThan(10 * 1024);
    expect(bundle.initialJsGzip).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    // Settings and the other languages' catalogs are separate chunks, not part of the first load.
    expect(bundle.lazy.some((file) => /settings-scene/.test(file.file))).toBe(true);
    expect(bundle.lazy.filter((file) => /\/web-[\w-]+\.js$/.test(file.file))).toHaveLength(3);
  }, 180_000);
});
