import { describe, expect, it } from "vitest";
import { countWords, linesOf, maskNonProse, sentencesOf } from "./split-text.js";

const texts = (text: string) => sentencesOf(text).map((s) => text.slice(s.start, s.end));

describe("maskNonProse", () => {
  it("blanks quotes, links, URLs, addresses and code, keeping length and line breaks", () => {
    const text = [
      "> We can't wait forever!",
      "See [our policy](https://example.com/policy) or https://example.com/x?a=1.",
      "Mail help@example.com, run `cache clear`.",
    ].join("\n");
    const masked = maskNonProse(text);
    expect(masked).toHaveLength(text.length);
    expect(masked.split("\n")).toHaveLength(3);
    expect(masked).not.toMatch(/can't|policy|example|cache/);
    expect(masked).toContain("See ");
    expect(masked).toContain("Mail ");
  });
});

describe("sentencesOf", () => {
  it("ends sentences at . ! ? … and line breaks", () => {
    expect(texts("Hello Ana,\nThanks! Is it there? Yes… it is.")).toEqual([
      "Hello Ana,",
      "Thanks!",
      "Is it there?",
      "Yes…",
      "it is.",
    ]);
  });

  it("does not end one at shortenings, numbers or ordinal dates", () => {
    expect(texts("Order No. 5 ships, e.g. today. Next.")).toEqual([
      "Order No. 5 ships, e.g. today.",
      "Next.",
    ]);
    expect(texts("Stiže do 3. kolovoza. Hvala!")).toEqual(["Stiže do 3. kolovoza.", "Hvala!"]);
    expect(texts("Príde 15. 6. 2025 ráno.")).toEqual(["Príde 15. 6. 2025 ráno."]);
  });
});

describe("countWords", () => {
  it("counts words with apostrophes and hyphens as one", () => {
    expect(countWords("We'll send an e-mail to Ana-Marija, ok?")).toBe(7);
    expect(countWords("Мы отправим посылку завтра")).toBe(4);
  });
});

describe("linesOf", () => {
  it("tells list items and blank lines", () => {
    const lines = linesOf("Steps:\n\n- one\n2. two\nend");
    expect(lines.map((l) => [l.isListItem, l.isBlankBefore])).toEqual([
      [false, false],
      [true, true],
      [true, false],
      [false, false],
    ]);
  });
});
