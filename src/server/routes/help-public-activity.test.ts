import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { bumpHelpContentVersion } from "../models/help-centers.js";

// Searches, views and votes of readers, on the starter content: the install's oldest workspace answers
// any host, a second one answers its own.
let t: TestApp;
let workspaceId: string;
let otherWorkspaceId: string;
const otherHost = "help.other-shop.example";

interface Article {
  id: string;
  number: number;
  slug: string;
}

async function starterArticle(workspace: string, lang: string, title: string): Promise<Article> {
  const [row] = await t.ctx.db.query<Article>(
    `SELECT a.id, a.number, t.slug FROM help_articles a JOIN help_article_translations t ON t.article_id = a.id
      WHERE a.workspace_id = $1 AND t.lang = $2 AND t.title = $3`,
    [workspace, lang, title],
  );
  if (!row) throw new Error(`no starter article "${title}"`);
  return row;
}

const inject = (options: {
  method?: "GET" | "POST";
  url: string;
  cookie?: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  ip?: string;
}) =>
  t.app.inject({
    method: options.method ?? "GET",
    url: options.url,
    remoteAddress: options.ip ?? "127.0.0.1",
    headers: {
      ...(options.cookie ? { cookie: `heed_hv=${options.cookie}` } : {}),
      ...(options.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...options.headers,
    },
    ...(options.form ? { payload: new URLSearchParams(options.form).toString() } : {}),
  });

const viewerA = "viewer-aaaaaaaaaaaaaaaa";
const viewerB = "viewer-bbbbbbbbbbbbbbbb";

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  otherWorkspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  await ensureHelpCenter(t.ctx.db, workspaceId);
  await ensureHelpCenter(t.ctx.db, otherWorkspaceId);
  await t.ctx.db.query("UPDATE help_centers SET host = $2 WHERE workspace_id = $1", [
    otherWorkspaceId,
    otherHost,
  ]);
});
afterAll(() => t.close());

describe("GET /help/:lang/search", () => {
  it("finds inflected forms, records the search and links results with its id", async () => {
    const response = await inject({
      url: `/help/ru/search?q=${encodeURIComponent("  Где   ПОСЫЛКУ ")}`,
      cookie: viewerA,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body).toContain("<mark>");
    const lost = await starterArticle(workspaceId, "ru", "Посылка задерживается или потерялась");
    const [search] = await t.ctx.db.query<{
      id: string;
      query: string;
      normalized: string;
      result_count: number;
      lang: string;
      source: string;
      viewer_id: string;
    }>("SELECT * FROM help_searches WHERE workspace_id = $1 ORDER BY created_at DESC LIMIT 1", [workspaceId]);
    expect(search).toMatchObject({
      query: "Где   ПОСЫЛКУ",
      normalized: "где посылку",
      lang: "ru",
      source: "help",
      viewer_id: viewerA,
    });
    expect(search!.result_count).toBeGreaterThan(0);
    const link = `/help/ru/articles/${lost.number}-${lost.slug}?s=${search!.id}`;
    expect(response.body).toContain(`href="${link}"`);

    // The click-through: a view that names the search.
    expect((await inject({ url: link, cookie: viewerA })).statusCode).toBe(200);
    const views = await t.ctx.db.query<{
      search_id: string | null;
      viewer_id: string;
      lang: string;
      source: string;
    }>("SELECT search_id, viewer_id, lang, source FROM help_article_views WHERE article_id = $1", [lost.id]);
    expect(views).toEqual([{ search_id: search!.id, viewer_id: viewerA, lang: "ru", source: "help" }]);
  });

  it("finds a Croatian word typed without its diacritics", async () => {
    const response = await inject({ url: "/help/hr/search?q=ostecen%20paket" });
    expect(response.statusCode).toBe(200);
    expect(response.body.replace(/<\/?mark>/g, "")).toContain("Paket je stigao oštećen");
  });

  it("says so kindly when nothing matches, pointing to the contact page, and still records the search", async () => {
    const response = await inject({ url: "/help/en/search?q=xyzzyqwerty" });
    expect(response.body).toContain("We found no article for “xyzzyqwerty”.");
    expect(response.body).toContain('href="/help/en/contact"');
    const [row] = await t.ctx.db.query<{ result_count: number }>(
      "SELECT result_count FROM help_searches WHERE workspace_id = $1 AND query = 'xyzzyqwerty'",
      [workspaceId],
    );
    expect(row).toEqual({ result_count: 0 });
  });

  it("shows only the form for an empty query, records nothing, and keeps queries to 200 characters", async () => {
    const before = await t.ctx.db.query("SELECT id FROM help_searches");
    const empty = await inject({ url: "/help/en/search?q=%20%20" });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("Type a question or a few words");
    expect(await t.ctx.db.query("SELECT id FROM help_searches")).toHaveLength(before.length);

    await inject({ url: `/help/en/search?q=${"refund ".repeat(60)}` });
    const [long] = await t.ctx.db.query<{ query: string }>(
      "SELECT query FROM help_searches ORDER BY created_at DESC LIMIT 1",
    );
    expect(long!.query.length).toBeLessThanOrEqual(200);
    expect(long!.query.startsWith("refund refund")).toBe(true);
  });

  it("escapes the query everywhere it is shown", async () => {
    const response = await inject({
      url: `/help/en/search?q=${encodeURIComponent('<script>alert("x")</script>')}`,
    });
    expect(response.body).not.toContain("<script>alert");
    expect(response.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("leaves internal articles out of results and answers their page with 404", async () => {
    const article = await starterArticle(workspaceId, "en", "Resetting your password");
    await t.ctx.db.transaction(async (tx) => {
      const version = await bumpHelpContentVersion(tx, workspaceId);
      await tx.query("UPDATE help_articles SET visibility = 'internal' WHERE id = $1", [article.id]);
      await tx.query("UPDATE help_article_translations SET index_version = $2 WHERE article_id = $1", [
        article.id,
        version,
      ]);
    });
    const response = await inject({ url: "/help/en/search?q=resetting+password" });
    expect(response.body).not.toContain(`/help/en/articles/${article.number}-`);
    expect((await inject({ url: `/help/en/articles/${article.number}-${article.slug}` })).statusCode).toBe(
      404,
    );
  });
});

describe("GET /help/:lang/articles/:ref (views)", () => {
  it("keeps `?s=` only when it is a search of this workspace", async () => {
    const article = await starterArticle(workspaceId, "en", "Delivery abroad");
    await inject({ url: "/help/en/search?q=delivery", headers: { host: otherHost } });
    const [theirs] = await t.ctx.db.query<{ id: string }>(
      "SELECT id FROM help_searches WHERE workspace_id = $1 ORDER BY created_at DESC LIMIT 1",
      [otherWorkspaceId],
    );
    for (const s of [theirs!.id, "not-a-uuid", "0190a5b2-0000-7000-8000-000000000000"]) {
      const response = await inject({
        url: `/help/en/articles/${article.number}-${article.slug}?s=${s}`,
        cookie: viewerB,
      });
      expect(response.statusCode).toBe(200);
    }
    const views = await t.ctx.db.query<{ search_id: string | null }>(
      "SELECT search_id FROM help_article_views WHERE article_id = $1",
      [article.id],
    );
    expect(views).toEqual([{ search_id: null }, { search_id: null }, { search_id: null }]);
  });
});

describe("POST /help/:lang/articles/:ref/vote", () => {
  const votesOf = (articleId: string) =>
    t.ctx.db.query<{ viewer_id: string; is_helpful: boolean; comment: string; lang: string }>(
      "SELECT viewer_id, is_helpful, comment, lang FROM help_article_votes WHERE article_id = $1 ORDER BY created_at",
      [articleId],
    );

  it("keeps one answer per reader (the latest), thanks them and returns them to the form", async () => {
    const article = await starterArticle(workspaceId, "hr", "Paket je stigao oštećen");
    const url = `/help/hr/articles/${article.number}-${article.slug}`;
    const first = await inject({
      method: "POST",
      url: `${url}/vote`,
      cookie: viewerA,
      form: { helpful: "yes" },
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${url}?voted=1#feedback`);
    expect(first.headers["cache-control"]).toBe("no-store");
    const thanks = await inject({ url: `${url}?voted=1`, cookie: viewerA });
    expect(thanks.body).toContain("Hvala na povratnoj informaciji!");

    const again = await inject({
      method: "POST",
      url: `${url}/vote`,
      cookie: viewerA,
      form: { helpful: "no", comment: "  Nedostaje\r\nbroj telefona.  " },
      headers: { origin: "http://localhost:80" },
    });
    expect(again.statusCode).toBe(303);
    await inject({ method: "POST", url: `${url}/vote`, cookie: viewerB, form: { helpful: "yes" } });
    expect(await votesOf(article.id)).toEqual([
      { viewer_id: viewerA, is_helpful: false, comment: "Nedostaje\nbroj telefona.", lang: "hr" },
      { viewer_id: viewerB, is_helpful: true, comment: "", lang: "hr" },
    ]);
  });

  it("gives a reader without a cookie one, and keeps comments to 1,000 characters", async () => {
    const article = await starterArticle(workspaceId, "en", "Delivery times and costs");
    const response = await inject({
      method: "POST",
      url: `/help/en/articles/${article.number}-${article.slug}/vote`,
      form: { helpful: "no", comment: "x".repeat(1500) },
    });
    expect(response.statusCode).toBe(303);
    const cookie = response.cookies.find((c) => c.name === "heed_hv")!;
    const [vote] = await votesOf(article.id);
    expect(vote!.viewer_id).toBe(cookie.value);
    expect(vote!.comment).toHaveLength(1000);
  });

  it("refuses a form sent from another site", async () => {
    const article = await starterArticle(workspaceId, "en", "Delivery times and costs");
    const response = await inject({
      method: "POST",
      url: `/help/en/articles/${article.number}-${article.slug}/vote`,
      cookie: viewerB,
      form: { helpful: "yes" },
      headers: { origin: "https://evil.example" },
    });
    expect(response.statusCode).toBe(403);
    expect(await votesOf(article.id)).toHaveLength(1);
  });

  it("answers 404 for an article readers cannot see, and 400 for a vote that is neither yes nor no", async () => {
    const article = await starterArticle(workspaceId, "en", "Resetting your password");
    const hidden = await inject({
      method: "POST",
      url: `/help/en/articles/${article.number}-${article.slug}/vote`,
      cookie: viewerA,
      form: { helpful: "yes" },
    });
    expect(hidden.statusCode).toBe(404);
    const visible = await starterArticle(workspaceId, "en", "Delivery abroad");
    const invalid = await inject({
      method: "POST",
      url: `/help/en/articles/${visible.number}-${visible.slug}/vote`,
      cookie: viewerA,
      form: { helpful: "maybe" },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it("limits votes per address", async () => {
    const article = await starterArticle(workspaceId, "en", "Delivery abroad");
    const url = `/help/en/articles/${article.number}-${article.slug}/vote`;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await inject({
        method: "POST",
        url,
        ip: "10.9.8.7",
        cookie: viewerA,
        form: { helpful: "yes" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
