import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildWebApp, widgetFileOf } from "./helpers/browser.js";

// The chat widget's size budgets (issue: embed script ≤ 10 KB gzip, whole widget ≤ 35 KB gzip). The widget
// is one script, so both budgets apply to it; a second file would have to fit the larger one together.
const EMBED_BUDGET = 10 * 1024;
const WIDGET_BUDGET = 35 * 1024;

describe("the chat widget's size", () => {
  it("stays within its budgets (gzip level 9)", async () => {
    const dir = widgetFileOf(await buildWebApp()).replace(/widget\.js$/, "");
    const files = fs.readdirSync(dir).filter((name) => /\.(js|css)$/.test(name));
    const size = (name: string) => gzipSync(fs.readFileSync(`${dir}/${name}`), { level: 9 }).length;
    expect(files).toContain("widget.js");
    expect(size("widget.js")).toBeLessThanOrEqual(EMBED_BUDGET);
    expect(files.reduce((sum, name) => sum + size(name), 0)).toBeLessThanOrEqual(WIDGET_BUDGET);
  }, 120_000);
});
