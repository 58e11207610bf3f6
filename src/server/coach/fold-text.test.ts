import { describe, expect, it } from "vitest";
import { foldPattern, foldText } from "./fold-text.js";

describe("foldText", () => {
  it("lower-cases and strips diacritics in all four languages", () => {
    expect(foldText("Nažalost ĆE Đak")).toBe("nazalost ce dak");
    expect(foldText("Bohužiaľ ÔSMY ĽUDIA")).toBe("bohuzial osmy ludia");
    expect(foldText("ЕЩЁ Ёлка")).toBe("еще елка");
    expect(foldText("Don’t “quote”")).toBe(`don't "quote"`);
  });

  it("keeps й, which is its own letter", () => {
    expect(foldText("Мой")).toBe("мой");
  });

  it("keeps the length, so offsets stay valid, even around emoji", () => {
    for (const text of ["Ça va 👍 İstanbul ß", "Žluťoučký kůň", "Ещё 🙂 раз", "a\u030Cb"]) {
      expect(foldText(text)).toHaveLength(text.length);
    }
  });
});

describe("foldPattern", () => {
  it("folds letters but not escapes", () => {
    expect(foldPattern("Nažalost\\S+\\p{L}*\\W")).toBe("nazalost\\S+\\p{L}*\\W");
  });
});
