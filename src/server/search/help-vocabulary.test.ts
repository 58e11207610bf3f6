import { describe, expect, it } from "vitest";
import { createHelpVocabulary } from "./help-vocabulary.js";

describe("createHelpVocabulary", () => {
  it("counts the articles holding a term, a term repeated in one article once", () => {
    const vocabulary = createHelpVocabulary();
    vocabulary.count(["return", "return", "parcel"], 1);
    vocabulary.count(["return"], 1);
    expect(vocabulary.frequency("return")).toBe(2);
    expect(vocabulary.frequency("parcel")).toBe(1);
    expect(vocabulary.frequency("refund")).toBe(0);
    vocabulary.count(["return", "return", "parcel"], -1);
    expect(vocabulary.frequency("return")).toBe(1);
    expect(vocabulary.frequency("parcel")).toBe(0);
  });

  it("completes a prefix into longer known terms, the most frequent first, then in term order", () => {
    const vocabulary = createHelpVocabulary();
    vocabulary.count(["retail", "return", "ret"], 1);
    vocabulary.count(["return", "retry"], 1);
    expect(vocabulary.completions("ret", 10)).toEqual(["return", "retail", "retry"]);
    expect(vocabulary.completions("ret", 2)).toEqual(["return", "retail"]);
    expect(vocabulary.completions("rez", 10)).toEqual([]);
  });

  it("keeps completions up to date as articles come and go", () => {
    const vocabulary = createHelpVocabulary();
    vocabulary.count(["warranty"], 1);
    expect(vocabulary.completions("war", 10)).toEqual(["warranty"]);
    vocabulary.count(["warehouse"], 1);
    vocabulary.count(["warranty"], -1);
    expect(vocabulary.completions("war", 10)).toEqual(["warehouse"]);
    vocabulary.count(["warranty", "wardrobe"], 1);
    expect(vocabulary.completions("war", 10)).toEqual(["wardrobe", "warehouse", "warranty"]);
  });
});
