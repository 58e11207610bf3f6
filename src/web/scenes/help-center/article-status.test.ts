import { describe, expect, it } from "vitest";
import type { THelpArticle } from "../../api/help-center-types.js";
import {
  articleTitle,
  languageChips,
  localName,
  openingLanguage,
  translationStatus,
} from "./article-status.js";

const draft = { title: "T", description: "", keywords: "", body: "b", updatedAt: "2025-01-01T00:00:00Z" };
const article = (langs: Partial<Record<"en" | "ru" | "hr" | "sk", "draft" | "published" | "changed">>) =>
  ({
    translations: Object.fromEntries(
      Object.entries(langs).map(([lang, status]) => [
        lang,
        { slug: "t", status, url: null, draft, published: null },
      ]),
    ),
  }) as unknown as THelpArticle;

describe("languageChips", () => {
  it("gives every help-center language a chip, in order, missing where not written", () => {
    expect(
      languageChips([
        { lang: "hr", title: "Dostava", status: "draft" },
        { lang: "en", title: "Shipping", status: "published" },
        { lang: "ru", title: "Доставка", status: "changed" },
      ]),
    ).toEqual([
      { lang: "en", status: "published" },
      { lang: "ru", status: "changed" },
      { lang: "hr", status: "draft" },
      { lang: "sk", status: "missing" },
    ]);
  });

  it("says missing for all four when nothing is written", () => {
    expect(languageChips([]).map((chip) => chip.status)).toEqual([
      "missing",
      "missing",
      "missing",
      "missing",
    ]);
  });
});

describe("articleTitle", () => {
  const languages = [
    { lang: "hr" as const, title: "Povrat", status: "draft" as const },
    { lang: "en" as const, title: "Returns", status: "published" as const },
  ];
  it("shows the title in the reader's language when that translation exists", () => {
    expect(articleTitle(languages, "en")).toBe("Returns");
  });
  it("falls back to the first translation", () => {
    expect(articleTitle(languages, "sk")).toBe("Povrat");
  });
  it("skips an empty title and answers an empty string when there is none", () => {
    expect(articleTitle([{ lang: "en", title: " ", status: "draft" }, languages[0]!], "en")).toBe("Povrat");
    expect(articleTitle([], "en")).toBe("");
  });
});

describe("localName", () => {
  it("prefers the reader's language, then the help center's order", () => {
    expect(localName({ ru: { name: "Оплата" }, sk: { name: "Platba" } }, "sk")).toBe("Platba");
    expect(localName({ sk: { name: "Platba" }, ru: { name: "Оплата" } }, "hr")).toBe("Оплата");
    expect(localName({}, "en")).toBe("");
  });
});

describe("translationStatus and openingLanguage", () => {
  it("reads a language's status, missing when absent or while loading", () => {
    expect(translationStatus(article({ en: "changed" }), "en")).toBe("changed");
    expect(translationStatus(article({ en: "changed" }), "ru")).toBe("missing");
    expect(translationStatus(undefined, "en")).toBe("missing");
  });

  it("opens in the reader's language when written, else the first written one", () => {
    expect(openingLanguage(article({ en: "draft", ru: "published" }), "ru")).toBe("ru");
    expect(openingLanguage(article({ hr: "draft", sk: "published" }), "ru")).toBe("hr");
    expect(openingLanguage(article({}), "sk")).toBe("sk");
    expect(openingLanguage(undefined, "hr")).toBe("hr");
  });
});
