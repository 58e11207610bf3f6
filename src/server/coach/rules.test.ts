/**
 * Every rule's own examples, in every language: what it must flag and what it must leave alone. A new
 * phrase goes into a rule file together with examples, and this suite keeps them honest.
 */
import { describe, expect, it } from "vitest";
import { coachReply } from "./coach.js";
import { coachLangs, ruleSets, type TRuleExample } from "./rule-set.js";

const asInput = (example: TRuleExample) => (typeof example === "string" ? { text: example } : example);

describe.each(coachLangs)("rules/%s.json", (lang) => {
  const set = ruleSets[lang];

  it("has every rule kind", () => {
    const kinds = new Set(set.file.rules.map((rule) => rule.kind));
    expect([...kinds].sort()).toEqual(
      ["blaming", "jargon", "long-sentence", "negative", "no-next-step", "wall-of-text"].sort(),
    );
  });

  for (const rule of set.file.rules) {
    describe(rule.id, () => {
      it.each(rule.mustFlag.map((example) => [asInput(example).text, example] as const))(
        "flags %j",
        (_text, example) => {
          const result = coachReply({ lang, ...asInput(example) });
          expect(result.findings.map((f) => f.id)).toContain(rule.id);
        },
      );
      it.each(rule.mustNotFlag.map((example) => [asInput(example).text, example] as const))(
        "does not flag %j",
        (_text, example) => {
          const result = coachReply({ lang, ...asInput(example) });
          expect(result.findings.map((f) => f.id)).not.toContain(rule.id);
        },
      );
    });
  }
});
