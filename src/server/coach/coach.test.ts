import { describe, expect, it } from "vitest";
import { coachReply } from "./coach.js";

const ids = (text: string, extra: Partial<Parameters<typeof coachReply>[0]> = {}) =>
  coachReply({ text, lang: "en", ...extra }).findings.map((f) => f.id);

describe("coachReply", () => {
  it("reports findings in text order with offsets into the draft as typed", () => {
    const text = "Hi Ana 👋,\nUnfortunately we can't refund it. You must send the SKU first.";
    const { findings } = coachReply({ text, lang: "en", closing: true });
    expect(findings.map((f) => [f.id, f.excerpt])).toEqual([
      ["negative.unfortunately", "Unfortunately"],
      ["negative.cannot", "we can't"],
      ["negative.must", "You must"],
      ["jargon.codes", "SKU"],
    ]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
  });

  it("matches text typed without diacritics and in capitals", () => {
    const { findings } = coachReply({ text: "NAZALOST, to nije moguce.", lang: "hr", closing: true });
    expect(findings.map((f) => f.id)).toEqual(["negative.unfortunately", "negative.impossible"]);
    expect(findings[0]!.excerpt).toBe("NAZALOST");
  });

  it("fills the term into the message", () => {
    const [finding] = coachReply({ text: "The backend is down.", lang: "en", closing: true }).findings;
    expect(finding).toMatchObject({ rule: "jargon", id: "jargon.tech", excerpt: "backend" });
    expect(finding!.message).toContain("“backend”");
    expect(finding!.suggestion).toBeTruthy();
  });

  it("ignores quoted lines, links, URLs and code", () => {
    const text = [
      "> Unfortunately you never answer and your API is broken!",
      "Here is [our policy on the backend](https://example.com/api/cache).",
      "Open https://example.com/never/sku and run `clear cache`. I'll write tomorrow.",
    ].join("\n");
    expect(ids(text)).toEqual([]);
  });

  it("adds the workspace's jargon as whole words, folded, with an optional any-ending star", () => {
    const jargon = ["Hub B", "xdock", "Zón*"];
    expect(ids("It is at HUB  b, not in the xdocks.", { jargon, closing: true })).toEqual([
      "jargon.workspace",
    ]);
    const { findings } = coachReply({ text: "Paket je u zoni 3.", lang: "hr", jargon, closing: true });
    expect(findings.map((f) => f.excerpt)).toEqual(["zoni"]);
    expect(ids("Nothing special here.", { jargon: [" ", "*"], closing: true })).toEqual([]);
  });

  it("flags a long sentence over its own span", () => {
    const sentence = `${Array.from({ length: 31 }, (_, i) => `word${i}`).join(" ")}.`;
    const text = `Hi there. ${sentence} I'll write tomorrow.`;
    const [finding] = coachReply({ text, lang: "en" }).findings;
    expect(finding).toMatchObject({ id: "long-sentence.over-limit", start: 10, end: 10 + sentence.length });
    expect(finding!.message).toContain("31");
    expect(finding!.excerpt.length).toBeLessThanOrEqual(120);
  });

  it("flags a wall of text over the whole draft, and not the same words in paragraphs", () => {
    const sentence = "We checked the parcel again and it will leave the depot tomorrow morning.";
    const wall = Array.from({ length: 12 }, () => sentence).join(" ");
    const wallFinding = coachReply({ text: wall, lang: "en" }).findings.find(
      (f) => f.rule === "wall-of-text",
    );
    expect(wallFinding).toMatchObject({ start: 0, end: wall.length });
    const split = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => sentence).join(" ")).join(
      "\n\n",
    );
    expect(ids(split)).not.toContain("wall-of-text.block");
  });

  it("asks for a next step unless the reply is a closing one", () => {
    const text = "Your order was packed and handed to the courier.";
    const [finding] = coachReply({ text, lang: "en" }).findings;
    expect(finding).toMatchObject({ id: "no-next-step.missing", start: 0, end: text.length });
    expect(ids(text, { closing: true })).toEqual([]);
    expect(ids(`${text} It should arrive on Friday.`)).toEqual([]);
    expect(ids(`${text} Anything else I can do?`)).toEqual([]);
    expect(ids("")).toEqual([]);
  });

  it("returns no checklist unless the draft answers a complaint", () => {
    expect(coachReply({ text: "Thanks!", lang: "en" }).latte).toBeNull();
    expect(coachReply({ text: "Thanks!", lang: "en", complaint: true }).latte).toEqual({
      listen: false,
      acknowledge: false,
      takeAction: false,
      thank: true,
      explain: false,
    });
  });

  it("keeps findings short for a very long draft", () => {
    const text = "Thanks for waiting. ".repeat(1000);
    const result = coachReply({ text, lang: "en" });
    for (const finding of result.findings) expect(finding.excerpt.length).toBeLessThanOrEqual(120);
  });

  it("refuses a language it has no rules for", () => {
    expect(() => coachReply({ text: "x", lang: "de" as "en" })).toThrow(/no rules for the language de/);
  });
});

describe("coachReply on pathological drafts", () => {
  const N = 20_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
  const drafts = [
    repeat("a"),
    repeat("we "),
    repeat("не "),
    repeat("sam "),
    repeat("som "),
    repeat("\n"),
    repeat("."),
    repeat("1. "),
    repeat("> "),
    repeat("`"),
    repeat("["),
    repeat("[a]("),
    repeat("http://"),
    `${"a".repeat(N / 2)}@${"b".repeat(N / 2)}`,
  ];

  // A guard against catastrophic backtracking, not a latency test (that is `npm run bench -- --coach`):
  // every one of these takes milliseconds; a quadratic expression would take seconds.
  it("finishes each in well under a second", () => {
    for (const lang of ["en", "ru", "hr", "sk"] as const) {
      for (const text of drafts) {
        const started = performance.now();
        coachReply({ text, lang, complaint: true, customerText: text.slice(0, 3000), jargon: ["a", "we*"] });
        expect(performance.now() - started, `${lang} ${JSON.stringify(text.slice(0, 12))}`).toBeLessThan(
          1000,
        );
      }
    }
  });

  it("reports at most 50 findings of one rule", () => {
    const { findings } = coachReply({ text: repeat("Unfortunately. "), lang: "en", closing: true });
    expect(findings.filter((f) => f.id === "negative.unfortunately")).toHaveLength(50);
  });
});
