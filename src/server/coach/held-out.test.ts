/**
 * How well the coach agrees with people, on two hand-labelled sets (scored by agreement.ts):
 * - test/fixtures/coach-held-out: labelled before the rules were written, but the rules were then fixed
 *   after reading its misses, so it is no longer blind;
 * - test/fixtures/coach-blind: written and labelled later without reading the rules, and never tuned on.
 * The tables in docs/reply-coach.md are this test's output; the test fails when the page is stale or a
 * set's scores fall below the floor the page states. Regenerate the tables with HEED_UPDATE_COACH_REPORT=1.
 */
import fs from "node:fs";
import prettier from "prettier";
import { describe, expect, it } from "vitest";
import { evaluateSet, f1, normalize, readLabelledSet, reportSection, sectionPattern } from "./agreement.js";
import { coachLangs, ruleSets } from "./rule-set.js";

const sets = [
  {
    set: "coach-held-out",
    marker: "coach-eval",
    /** Below the first, blind run (rules 0.93, LATTE 0.90), since the rules were then fixed on its misses. */
    floors: { rules: 0.9, latte: 0.85 },
  },
  {
    set: "coach-blind",
    marker: "coach-blind-eval",
    /**
     * 0.05 below this set's first run (rules 0.916, LATTE 0.922), rounded down: a regression fails. Not a
     * target: no rule was changed after that run, and none may be changed to fit one of these replies.
     */
    floors: { rules: 0.86, latte: 0.87 },
  },
];

const docFile = new URL("../../../docs/reply-coach.md", import.meta.url);

for (const { set, marker, floors } of sets) {
  describe(`the reply coach on test/fixtures/${set}`, () => {
    const scores = evaluateSet(set);

    it("matches its table in docs/reply-coach.md", async () => {
      const section = reportSection(marker, scores, floors);
      const markers = sectionPattern(marker);
      const page = fs.readFileSync(docFile, "utf8");
      if (process.env.HEED_UPDATE_COACH_REPORT === "1") {
        const next = markers.test(page)
          ? page.replace(markers, section)
          : `${page.trimEnd()}\n\n${section}\n`;
        fs.writeFileSync(
          docFile,
          await prettier.format(next, { parser: "markdown", filepath: docFile.pathname }),
        );
        return;
      }
      const written = markers.exec(page)?.[0];
      expect(written, `docs/reply-coach.md has no ${marker} section`).toBeDefined();
      expect(
        normalize(written!),
        "docs/reply-coach.md is stale: run HEED_UPDATE_COACH_REPORT=1 npx vitest run src/server/coach/held-out.test.ts",
      ).toBe(normalize(section));
    });

    it("is not where the rules' own examples come from", () => {
      for (const lang of coachLangs) {
        const replies = readLabelledSet(set, lang).map((item) => item.reply);
        const examples = ruleSets[lang].file.rules
          .flatMap((rule) => [...rule.mustFlag, ...rule.mustNotFlag])
          .map((example) => (typeof example === "string" ? example : example.text));
        for (const example of examples) {
          const isCopied = replies.some(
            (reply) => reply === example || (example.length >= 40 && reply.includes(example)),
          );
          expect(isCopied, `${lang}: ${example}`).toBe(false);
        }
      }
    });

    it(`keeps micro-averaged F1 at or above the floor (rules ${floors.rules}, LATTE ${floors.latte})`, () => {
      expect(f1(scores.ruleTotal)).toBeGreaterThanOrEqual(floors.rules);
      expect(f1(scores.latteTotal)).toBeGreaterThanOrEqual(floors.latte);
    });
  });
}
