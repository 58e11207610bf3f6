import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { searchHelpArticles } from "./help-search.js";
import type { HelpLang } from "./help-language.js";

// Suggestion quality (issue 7): realistic customer questions, written apart from the starter articles,
// against the starter content of a new workspace, through the same search the composer and the widget
// use. The rate is reported in docs/help-center.md; the floor here keeps it from sliding unnoticed.
interface Question {
  lang: HelpLang;
  question: string;
  article: string;
}
const readQuestions = (file: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../../../test/fixtures/${file}`, import.meta.url), "utf8"),
  ) as Question[];
// The first set was written with the starter content (and its keywords were tuned on it); the held-out
// set was written afterwards by someone else and never used for tuning: its rate is the honest one.
const sets = {
  "written with the content": readQuestions("help-questions.json"),
  "held out": readQuestions("help-questions-held-out.json"),
};
const questions = Object.values(sets).flat();

let t: TestApp;
let workspaceId: string;
const keyOf = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  await ensureHelpCenter(t.ctx.db, workspaceId);
  const rows = await t.ctx.db.query<{ id: string; starter_key: string }>(
    "SELECT id, starter_key FROM help_articles WHERE workspace_id = $1",
    [workspaceId],
  );
  for (const row of rows) keyOf.set(row.id, row.starter_key);
});
afterAll(() => t.close());

describe("article suggestions for customer questions (starter content)", () => {
  it("has at least 20 questions covering the four languages", () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(new Set(questions.map((q) => q.lang))).toEqual(new Set(["en", "ru", "hr", "sk"]));
  });

  it.each(Object.entries(sets))(
    "puts the right article in the top 3 for most questions (%s), in every language",
    async (name, set) => {
      const byLang = new Map<string, { hits: number; total: number; misses: string[] }>();
      for (const q of set) {
        const results = await searchHelpArticles(t.ctx.db, workspaceId, {
          query: q.question,
          lang: q.lang,
          audience: "public",
          limit: 3,
          mode: "question",
        });
        const found = results.map((r) => keyOf.get(r.articleId));
        const entry = byLang.get(q.lang) ?? { hits: 0, total: 0, misses: [] };
        entry.total++;
        if (found.includes(q.article)) entry.hits++;
        else entry.misses.push(`${q.article} ← "${q.question}" got [${found.join(", ")}]`);
        byLang.set(q.lang, entry);
      }
      const hits = [...byLang.values()].reduce((sum, e) => sum + e.hits, 0);
      const lines = [...byLang].map(([lang, e]) => `${lang} ${e.hits}/${e.total}`);
      console.log(`top-3 rate, ${name}: ${hits}/${set.length} (${lines.join(", ")})`);
      for (const [lang, e] of byLang) for (const miss of e.misses) console.log(`  miss (${lang}): ${miss}`);
      expect(hits / set.length).toBeGreaterThanOrEqual(0.75);
      for (const e of byLang.values()) expect(e.hits / e.total).toBeGreaterThanOrEqual(0.6);
    },
  );
});
