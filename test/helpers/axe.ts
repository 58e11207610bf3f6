/**
 * axe-core in a real page: which accessibility rules the page breaks, said so that the failure message
 * tells what to fix (rule, help, the elements).
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now; returns the violations of at least `minImpact`. */
export async function findAxeViolations(
  page: Page,
  minImpact: "serious" | "critical" = "serious",
): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } }).axe;
    const results = (await axe.run(document)) as { violations: AxeViolation[] };
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const levels = minImpact === "critical" ? ["critical"] : ["serious", "critical"];
  return violations.filter((v) => v.impact !== null && levels.includes(v.impact));
}

/** One paragraph per violation: "[serious] color-contrast: Elements must meet … (url)" and its elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map(
          (n) => `  - ${JSON.stringify(n.target)}${n.failureSummary ? `: ${oneLine(n.failureSummary)}` : ""}`,
        )
        .join("\n");
      const more = v.nodes.length > 8 ? `\n  … and ${v.nodes.length - 8} more` : "";
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
