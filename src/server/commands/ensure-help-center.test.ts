import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { ensureHelpCenter, loadHelpStarterContent } from "./ensure-help-center.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** What a workspace's help center holds, counted. */
async function contentOf(workspaceId: string) {
  const [row] = await t.ctx.db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM help_centers WHERE workspace_id = $1) AS centers,
            (SELECT max(content_version)::int FROM help_centers WHERE workspace_id = $1) AS content_version,
            (SELECT count(*)::int FROM help_categories WHERE workspace_id = $1) AS categories,
            (SELECT count(*)::int FROM help_sections WHERE workspace_id = $1) AS sections,
            (SELECT count(*)::int FROM help_articles WHERE workspace_id = $1) AS articles,
            (SELECT count(*)::int FROM help_article_translations WHERE workspace_id = $1) AS translations,
            (SELECT count(*)::int FROM help_article_versions WHERE workspace_id = $1) AS versions,
            (SELECT count(*)::int FROM help_pages WHERE workspace_id = $1) AS pages,
            (SELECT count(*)::int FROM events WHERE workspace_id = $1 AND type = 'help_center.created') AS events`,
    [workspaceId],
  );
  return row!;
}

describe("ensureHelpCenter", () => {
  it("creates the help center with the starter content once, and does nothing the second time", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await ensureHelpCenter(t.ctx.db, workspace.id);
    const first = await contentOf(workspace.id);
    const starter = (await loadHelpStarterContent()).en.content;
    const articles = starter.categories.flatMap((c) => c.sections.flatMap((s) => s.articles));
    expect(first).toMatchObject({
      centers: 1,
      content_version: 1,
      categories: starter.categories.length,
      sections: starter.categories.flatMap((c) => c.sections).length,
      articles: articles.length,
      translations: articles.length * 4,
      versions: articles.length * 4,
      pages: 8,
      events: 1,
    });
    await ensureHelpCenter(t.ctx.db, workspace.id);
    expect(await contentOf(workspace.id)).toEqual(first);
  });

  it("seeds once when requests race for a new workspace", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await Promise.all(Array.from({ length: 6 }, () => ensureHelpCenter(t.ctx.db, workspace.id)));
    const raced = await contentOf(workspace.id);
    const { workspace: other } = await buildWorkspace(t.ctx);
    await ensureHelpCenter(t.ctx.db, other.id);
    expect(raced).toEqual(await contentOf(other.id));
    expect(raced.centers).toBe(1);
    expect(raced.events).toBe(1);
  });

  it("publishes every starter article in all four languages as version 1, visible to search", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await ensureHelpCenter(t.ctx.db, workspace.id);
    const rows = await t.ctx.db.query<{
      number: number;
      starter_key: string | null;
      owner_id: string | null;
      review_by: string | null;
      visibility: string;
      langs: string[];
      versions: number[];
      published: boolean;
      index_versions: number[];
      slugs_ok: boolean;
    }>(
      `SELECT a.number, a.starter_key, a.owner_id, a.review_by, a.visibility,
              array_agg(t.lang ORDER BY t.lang) AS langs, array_agg(DISTINCT t.version) AS versions,
              bool_and(t.title IS NOT NULL AND t.body_html IS NOT NULL AND t.body_text IS NOT NULL
                       AND t.title = t.draft_title AND t.body = t.draft_body) AS published,
              array_agg(DISTINCT t.index_version::int) AS index_versions,
              bool_and(t.slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$') AS slugs_ok
         FROM help_articles a JOIN help_article_translations t ON t.article_id = a.id
        WHERE a.workspace_id = $1 GROUP BY a.id ORDER BY a.number`,
      [workspace.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
    for (const row of rows) {
      expect(row).toMatchObject({
        owner_id: null,
        review_by: null,
        visibility: "public",
        langs: ["en", "hr", "ru", "sk"],
        versions: [1],
        published: true,
        index_versions: [1],
        slugs_ok: true,
      });
      expect(row.starter_key).toBeTruthy();
    }
    const pages = await t.ctx.db.query<{ kind: string; lang: string; title: string; body_html: string }>(
      "SELECT kind, lang, title, body_html FROM help_pages WHERE workspace_id = $1 ORDER BY kind, lang",
      [workspace.id],
    );
    expect(pages.map((p) => `${p.kind}/${p.lang}`)).toEqual([
      "complaints/en",
      "complaints/hr",
      "complaints/ru",
      "complaints/sk",
      "contact/en",
      "contact/hr",
      "contact/ru",
      "contact/sk",
    ]);
    expect(pages.find((p) => p.kind === "contact" && p.lang === "ru")?.title).toBe("Связаться с нами");
    const names = await t.ctx.db.query<{ lang: string; n: number }>(
      `SELECT t.lang, count(*)::int AS n FROM help_category_translations t
        WHERE t.workspace_id = $1 GROUP BY t.lang ORDER BY t.lang`,
      [workspace.id],
    );
    expect(names.map((n) => n.lang)).toEqual(["en", "hr", "ru", "sk"]);
    expect(new Set(names.map((n) => n.n)).size).toBe(1);
  });
});
