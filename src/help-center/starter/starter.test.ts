import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface StarterArticle {
  key: string;
  slug: string;
  title: string;
  description: string;
  keywords: string;
  body: string;
}

interface StarterContent {
  categories: {
    key: string;
    name: string;
    description: string;
    sections: { key: string; name: string; articles: StarterArticle[] }[];
  }[];
  contact: { intro: string };
  complaints: { title: string; description: string; body: string };
}

interface HelpQuestion {
  lang: string;
  question: string;
  article: string;
}

const languages = ["en", "ru", "hr", "sk"] as const;

const readJson = <T>(url: URL): T => JSON.parse(readFileSync(url, "utf8")) as T;

const starter: Record<(typeof languages)[number], StarterContent> = {
  en: readJson(new URL("./en.json", import.meta.url)),
  ru: readJson(new URL("./ru.json", import.meta.url)),
  hr: readJson(new URL("./hr.json", import.meta.url)),
  sk: readJson(new URL("./sk.json", import.meta.url)),
};

const questions = readJson<HelpQuestion[]>(
  new URL("../../../test/fixtures/help-questions.json", import.meta.url),
);

const articlesOf = (content: StarterContent): StarterArticle[] =>
  content.categories.flatMap((c) => c.sections.flatMap((s) => s.articles));

/** The tree of keys only: what must be identical in every language. */
const keyTree = (content: StarterContent) =>
  content.categories.map((c) => ({
    key: c.key,
    sections: c.sections.map((s) => ({ key: s.key, articles: s.articles.map((a) => a.key) })),
  }));

/** Words are whitespace-separated tokens with at least one letter, so "—" and "1–2" do not count. */
const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

const placeholders = (text: string): number => (text.match(/\[[^\]]+\]/g) ?? []).length;
const headings = (text: string): string[] => text.split("\n").filter((line) => /^#+ /.test(line));

describe("help center starter content", () => {
  it("has the same categories, sections and articles, in the same order, in en, ru, hr and sk", () => {
    for (const lang of languages) expect(keyTree(starter[lang]), lang).toEqual(keyTree(starter.en));
  });

  it("starts a help center with the categories billing, orders, shipping, returns and accounts", () => {
    expect(starter.en.categories.map((c) => c.key)).toEqual([
      "billing",
      "orders",
      "shipping",
      "returns",
      "accounts",
    ]);
  });

  it("gives every category 1–2 sections and every section 2–3 articles, with unique article keys", () => {
    for (const category of starter.en.categories) {
      expect(category.sections.length, category.key).toBeGreaterThanOrEqual(1);
      expect(category.sections.length, category.key).toBeLessThanOrEqual(2);
      for (const section of category.sections) {
        expect(section.articles.length, section.key).toBeGreaterThanOrEqual(2);
        expect(section.articles.length, section.key).toBeLessThanOrEqual(3);
      }
    }
    const keys = articlesOf(starter.en).map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(languages)("%s", (lang) => {
    const content = starter[lang];
    const articles = articlesOf(content);

    it("gives every article a URL-safe lowercase ASCII slug, unique within the language", () => {
      for (const article of articles) expect(article.slug, article.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const slugs = articles.map((a) => a.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    });

    it("gives every article a title, a description of at most 160 characters, keywords and a body of at least 80 words", () => {
      for (const article of articles) {
        expect(article.title.trim(), article.key).not.toBe("");
        expect(article.description.trim(), article.key).not.toBe("");
        expect(article.description.length, article.key).toBeLessThanOrEqual(160);
        expect(article.keywords.split(",").filter((k) => k.trim()).length, article.key).toBeGreaterThan(0);
        expect(wordCount(article.body), article.key).toBeGreaterThanOrEqual(80);
      }
    });

    it("translates each article with the same headings and [placeholders] as the English one", () => {
      const english = new Map(articlesOf(starter.en).map((a) => [a.key, a]));
      for (const article of articles) {
        const original = english.get(article.key);
        expect(headings(article.body).length, article.key).toBe(headings(original?.body ?? "").length);
        expect(placeholders(article.body), article.key).toBe(placeholders(original?.body ?? ""));
      }
    });

    it("names every category and section and has a contact intro and a complaints page", () => {
      for (const category of content.categories) {
        expect(category.name.trim(), category.key).not.toBe("");
        expect(category.description.trim(), category.key).not.toBe("");
        for (const section of category.sections) expect(section.name.trim(), section.key).not.toBe("");
      }
      expect(wordCount(content.contact.intro)).toBeGreaterThanOrEqual(20);
      expect(content.complaints.title.trim()).not.toBe("");
      expect(content.complaints.description.length).toBeLessThanOrEqual(160);
      expect(wordCount(content.complaints.body)).toBeGreaterThanOrEqual(80);
    });
  });
});

describe("help-questions fixture", () => {
  const keys = new Set(articlesOf(starter.en).map((a) => a.key));

  it("names an existing article and a known language for every question", () => {
    for (const q of questions) {
      expect(languages as readonly string[], q.question).toContain(q.lang);
      expect(keys.has(q.article), `${q.article} (${q.question})`).toBe(true);
    }
  });

  it("has at least 8 questions in each language", () => {
    for (const lang of languages) {
      expect(questions.filter((q) => q.lang === lang).length, lang).toBeGreaterThanOrEqual(8);
    }
  });
});
