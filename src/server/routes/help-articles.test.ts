import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestApp } from "../../../test/helpers/app.js";
import { buildAgent, type TestActor } from "../../../test/helpers/factories.js";
import { newId } from "../lib/ids.js";

interface Translation {
  slug: string;
  status: "draft" | "published" | "changed";
  url: string | null;
  draft: { title: string; body: string };
  published: { title: string; body: string; version: number } | null;
}
interface Article {
  id: string;
  number: number;
  sectionId: string | null;
  visibility: "public" | "internal";
  ownerId: string | null;
  owner: { id: string; name: string } | null;
  reviewBy: string | null;
  isReviewDue: boolean;
  tagIds: string[];
  translations: Record<string, Translation>;
  helpful: { yes: number; no: number };
  abilities: Record<string, boolean>;
}
interface Summary {
  id: string;
  number: number;
  owner: { id: string } | null;
  isReviewDue: boolean;
  languages: { lang: string; title: string; status: string }[];
  helpful: { yes: number; no: number };
}
type Page<T> = { data: T[]; nextCursor: string | null };

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;
let sectionId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest());
  const categories = await api.get<{ data: { sections: { id: string }[] }[] }>(
    "/api/v1/help-center/categories",
    owner,
  );
  sectionId = categories.body.data[0]!.sections[0]!.id;
});
afterAll(() => t.close());

const url = (id: string, rest = "") => `/api/v1/help-center/articles/${id}${rest}`;
const create = (actor: TestActor, body: Record<string, unknown> = {}) =>
  api.post<Article>("/api/v1/help-center/articles", actor, {
    sectionId,
    lang: "en",
    title: "How do refunds work?",
    body: "Refunds take **five** days.",
    ...body,
  });

/** The help center's content version and the index versions of an article's translations. */
async function versionsOf(articleId: string) {
  const [row] = await t.ctx.db.query<{ content: number; stamps: Record<string, number> }>(
    `SELECT (SELECT content_version::int FROM help_centers WHERE workspace_id = $1) AS content,
            (SELECT json_object_agg(lang, index_version) FROM help_article_translations WHERE article_id = $2) AS stamps`,
    [workspaceId, articleId],
  );
  return row!;
}

describe("/api/v1/help-center/articles", () => {
  it("answers 401 without a session", async () => {
    expect((await api.get("/api/v1/help-center/articles", null)).status).toBe(401);
    expect((await api.post("/api/v1/help-center/articles", null, {})).status).toBe(401);
    expect((await api.get(url(newId()), null)).status).toBe(401);
    expect((await api.post(url(newId(), "/translations/en/publish"), null)).status).toBe(401);
  });

  it("answers 404 for another workspace's article, as for a missing one", async () => {
    const theirs = await create(stranger, { sectionId: null });
    expect(theirs.status).toBe(201);
    const id = theirs.body.id;
    expect((await api.get(url(id), owner)).status).toBe(404);
    expect((await api.patch(url(id), owner, { reviewBy: null })).status).toBe(404);
    expect((await api.put(url(id, "/translations/ru"), owner, { title: "Мой", body: "" })).status).toBe(404);
    expect((await api.post(url(id, "/translations/en/publish"), owner)).status).toBe(404);
    expect((await api.post(url(id, "/translations/en/unpublish"), owner)).status).toBe(404);
    expect((await api.delete(url(id), owner)).status).toBe(404);
    expect((await api.get(url(id, "/versions?lang=en"), owner)).status).toBe(404);
    expect((await api.get(url(id, "/feedback"), owner)).status).toBe(404);
    expect((await api.get(url(newId()), owner)).status).toBe(404);
    const list = await api.get<Page<Summary>>("/api/v1/help-center/articles?limit=100", owner);
    expect(list.body.data.map((a) => a.id)).not.toContain(id);
  });

  it("goes draft → published → changed → published again → unpublished, keeping every version", async () => {
    const created = await create(owner);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ ownerId: owner.user.id, visibility: "public", sectionId });
    expect(created.body.translations.en).toMatchObject({
      slug: "how-do-refunds-work",
      status: "draft",
      url: null,
      published: null,
    });
    const before = await versionsOf(id);

    const published = await api.post<Article>(url(id, "/translations/en/publish"), owner);
    expect(published.status).toBe(200);
    expect(published.body.translations.en).toMatchObject({
      status: "published",
      url: `http://localhost:3000/help/en/articles/${created.body.number}-how-do-refunds-work`,
      published: { title: "How do refunds work?", version: 1 },
    });
    const afterPublish = await versionsOf(id);
    expect(afterPublish.content).toBe(before.content + 1);
    expect(afterPublish.stamps.en).toBe(afterPublish.content);
    const rendered = await t.ctx.db.query<{ body_html: string; body_text: string }>(
      "SELECT body_html, body_text FROM help_article_translations WHERE article_id = $1",
      [id],
    );
    expect(rendered[0]).toEqual({
      body_html: "<p>Refunds take <strong>five</strong> days.</p>\n",
      body_text: "Refunds take five days.",
    });

    const changed = await api.put<Article>(url(id, "/translations/en"), owner, {
      title: "Refunds, step by step",
      body: "Refunds take three days.",
    });
    expect(changed.body.translations.en).toMatchObject({
      status: "changed",
      slug: "how-do-refunds-work",
      draft: { title: "Refunds, step by step" },
      published: { title: "How do refunds work?", version: 1 },
    });
    // Saving a draft is not something search must see.
    expect((await versionsOf(id)).content).toBe(afterPublish.content);

    const again = await api.post<Article>(url(id, "/translations/en/publish"), owner);
    expect(again.body.translations.en).toMatchObject({
      status: "published",
      slug: "refunds-step-by-step",
      published: { title: "Refunds, step by step", version: 2 },
    });
    // Publishing what is already published changes nothing.
    await api.post<Article>(url(id, "/translations/en/publish"), owner);
    const versions = await api.get<{
      data: { version: number; title: string; publishedBy: { id: string } }[];
    }>(url(id, "/versions?lang=en"), agent);
    expect(versions.body.data.map((v) => `${v.version} ${v.title}`)).toEqual([
      "2 Refunds, step by step",
      "1 How do refunds work?",
    ]);
    expect(versions.body.data[0]!.publishedBy.id).toBe(owner.user.id);

    const unpublished = await api.post<Article>(url(id, "/translations/en/unpublish"), owner);
    expect(unpublished.body.translations.en).toMatchObject({ status: "draft", url: null, published: null });
    const afterUnpublish = await versionsOf(id);
    expect(afterUnpublish.stamps.en).toBe(afterUnpublish.content);
    expect(afterUnpublish.content).toBeGreaterThan(afterPublish.content);
    const third = await api.post<Article>(url(id, "/translations/en/publish"), owner);
    expect(third.body.translations.en!.published?.version).toBe(3);
  });

  it("answers 409 nothing_to_publish for a language without a draft, then publishes it once written", async () => {
    const { body: article } = await create(owner, { title: "Only English" });
    const refused = await api.post<ErrorBody>(url(article.id, "/translations/hr/publish"), owner);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("nothing_to_publish");
    expect((await api.post(url(article.id, "/translations/hr/unpublish"), owner)).status).toBe(404);
    expect((await api.post(url(article.id, "/translations/de/publish"), owner)).status).toBe(400);
    await api.put(url(article.id, "/translations/hr"), owner, { title: "Samo hrvatski", body: "Tekst" });
    const published = await api.post<Article>(url(article.id, "/translations/hr/publish"), owner);
    expect(Object.keys(published.body.translations)).toEqual(["en", "hr"]);
    expect(published.body.translations.hr).toMatchObject({ status: "published", slug: "samo-hrvatski" });
    expect(published.body.translations.en!.status).toBe("draft");
  });

  it("gives internal articles no public address, and tells search when visibility changes", async () => {
    const { body: article } = await create(owner, { visibility: "internal", title: "Staff only" });
    const published = await api.post<Article>(url(article.id, "/translations/en/publish"), owner);
    expect(published.body.translations.en).toMatchObject({ status: "published", url: null });
    const before = await versionsOf(article.id);
    const opened = await api.patch<Article>(url(article.id), owner, { visibility: "public" });
    expect(opened.body.translations.en!.url).toMatch(/\/help\/en\/articles\/\d+-staff-only$/);
    const after = await versionsOf(article.id);
    expect(after.content).toBe(before.content + 1);
    expect(after.stamps.en).toBe(after.content);
  });

  it("lets owners and admins create and delete; agents edit and publish only what they own", async () => {
    expect((await create(agent)).status).toBe(403);
    const admin = await buildAgent(t.ctx, workspaceId, { role: "admin" });
    const { body: theirs } = await create(admin, { ownerId: agent.user.id, title: "Agent's article" });
    expect(theirs).toMatchObject({
      ownerId: agent.user.id,
      owner: { id: agent.user.id, name: agent.user.name },
    });
    const asAgent = await api.get<Article>(url(theirs.id), agent);
    expect(asAgent.body.abilities).toEqual({
      canEdit: true,
      canPublish: true,
      canDelete: false,
      canChangeOwner: false,
      canChangeVisibility: false,
    });
    expect(
      (await api.put(url(theirs.id, "/translations/ru"), agent, { title: "Статья", body: "Текст" })).status,
    ).toBe(200);
    expect((await api.post(url(theirs.id, "/translations/ru/publish"), agent)).status).toBe(200);
    expect((await api.post(url(theirs.id, "/translations/ru/unpublish"), agent)).status).toBe(200);
    expect((await api.patch(url(theirs.id), agent, { reviewBy: "2030-01-31", sectionId: null })).status).toBe(
      200,
    );
    expect((await api.patch(url(theirs.id), agent, { visibility: "internal" })).status).toBe(403);
    expect((await api.patch(url(theirs.id), agent, { ownerId: admin.user.id })).status).toBe(403);
    expect(
      (await api.patch(url(theirs.id), agent, { ownerId: agent.user.id, visibility: "public" })).status,
    ).toBe(200);
    expect((await api.delete(url(theirs.id), agent)).status).toBe(403);

    const { body: others } = await create(admin, { title: "Admin's article" });
    const asAgentOthers = await api.get<Article>(url(others.id), agent);
    expect(Object.values(asAgentOthers.body.abilities).some(Boolean)).toBe(false);
    expect(
      (await api.put(url(others.id, "/translations/en"), agent, { title: "Mine", body: "" })).status,
    ).toBe(403);
    expect((await api.post(url(others.id, "/translations/en/publish"), agent)).status).toBe(403);
    expect((await api.patch(url(others.id), agent, { reviewBy: null })).status).toBe(403);

    expect((await api.delete(url(theirs.id), admin)).status).toBe(204);
    expect((await api.get(url(theirs.id), agent)).status).toBe(404);
    expect((await api.delete(url(theirs.id), admin)).status).toBe(404);
  });

  it("deletes an article out of search: every translation stamped with the new content version", async () => {
    const { body: article } = await create(owner, { title: "Going away" });
    await api.put(url(article.id, "/translations/sk"), owner, { title: "Odchádza", body: "Text" });
    await api.post(url(article.id, "/translations/sk/publish"), owner);
    const before = await versionsOf(article.id);
    expect((await api.delete(url(article.id), owner)).status).toBe(204);
    const after = await versionsOf(article.id);
    expect(after.content).toBe(before.content + 1);
    expect(after.stamps).toEqual({ en: after.content, sk: after.content });
  });

  it("names the field of a foreign section, owner or tag, and of a bad date", async () => {
    const theirs = await api.get<{ data: { sections: { id: string }[] }[] }>(
      "/api/v1/help-center/categories",
      stranger,
    );
    const foreignSection = await create(owner, { sectionId: theirs.body.data[0]!.sections[0]!.id });
    expect(fieldOf(foreignSection.body)).toBe("sectionId");
    expect(fieldOf((await create(owner, { ownerId: stranger.user.id })).body)).toBe("ownerId");
    expect(fieldOf((await create(owner, { reviewBy: "2025-02-30" })).body)).toBe("reviewBy");
    expect((await create(owner, { title: "" })).status).toBe(400);
    expect((await create(owner, { extra: 1 })).status).toBe(400);
    const { body: article } = await create(owner);
    const strangerTag = await api.post<{ id: string }>("/api/v1/tags", stranger, {
      name: `theirs-${newId()}`,
    });
    const bad = await api.patch<ErrorBody>(url(article.id), owner, { tagIds: [strangerTag.body.id] });
    expect(bad.status).toBe(400);
    expect(fieldOf(bad.body)).toBe("tagIds");
    const tag = await api.post<{ id: string }>("/api/v1/tags", owner, { name: `refunds-${newId()}` });
    const tagged = await api.patch<Article>(url(article.id), owner, { tagIds: [tag.body.id, tag.body.id] });
    expect(tagged.body.tagIds).toEqual([tag.body.id]);
    expect((await api.patch<Article>(url(article.id), owner, { tagIds: [] })).body.tagIds).toEqual([]);
  });

  it("lists newest change first, page by page, filtered by owner, review date, visibility, section and text", async () => {
    const me = await buildAgent(t.ctx, workspaceId);
    const { body: due } = await create(owner, {
      ownerId: me.user.id,
      reviewBy: "2020-01-01",
      title: "Zebra crossing",
    });
    const { body: later } = await create(owner, {
      ownerId: me.user.id,
      reviewBy: "2999-01-01",
      visibility: "internal",
      sectionId: null,
    });
    const mine = await api.get<Page<Summary>>("/api/v1/help-center/articles?owner=me", me);
    expect(mine.body.data.map((a) => a.id)).toEqual([later.id, due.id]);
    const dueMine = await api.get<Page<Summary>>("/api/v1/help-center/articles?owner=me&review=due", me);
    expect(dueMine.body.data.map((a) => a.id)).toEqual([due.id]);
    expect(dueMine.body.data[0]).toMatchObject({
      isReviewDue: true,
      owner: { id: me.user.id },
      languages: [{ lang: "en", title: "Zebra crossing", status: "draft" }],
      helpful: { yes: 0, no: 0 },
    });
    const internal = await api.get<Page<Summary>>(
      "/api/v1/help-center/articles?visibility=internal&limit=100",
      me,
    );
    expect(internal.body.data.map((a) => a.id)).toContain(later.id);
    expect(internal.body.data.map((a) => a.id)).not.toContain(due.id);
    const searched = await api.get<Page<Summary>>("/api/v1/help-center/articles?q=ZEBRA", me);
    expect(searched.body.data.map((a) => a.id)).toEqual([due.id]);
    const byNumber = await api.get<Page<Summary>>(`/api/v1/help-center/articles?q=${due.number}`, me);
    expect(byNumber.body.data.map((a) => a.id)).toContain(due.id);
    const inSection = await api.get<Page<Summary>>(
      `/api/v1/help-center/articles?sectionId=${sectionId}&limit=100`,
      me,
    );
    expect(inSection.body.data.map((a) => a.id)).toContain(due.id);
    expect(inSection.body.data.map((a) => a.id)).not.toContain(later.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<Summary> } = await api.get<Page<Summary>>(
        `/api/v1/help-center/articles?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
        me,
      );
      seen.push(...page.body.data.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const [{ n }] = (await t.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM help_articles WHERE workspace_id = $1 AND deleted_at IS NULL",
      [workspaceId],
    )) as [{ n: number }];
    expect(seen.length).toBe(n);
    expect(new Set(seen).size).toBe(n);
    expect(seen[0]).toBe(later.id);
    expect((await api.get("/api/v1/help-center/articles?cursor=nonsense", me)).status).toBe(400);
  });

  it("shows readers' feedback, latest first, page by page, with the counts", async () => {
    const { body: article } = await create(owner, { title: "Rated" });
    for (const [i, isHelpful] of [true, false, true].entries())
      await t.ctx.db.query(
        `INSERT INTO help_article_votes (id, workspace_id, article_id, lang, is_helpful, comment, viewer_id, updated_at)
         VALUES ($1, $2, $3, 'en', $4, $5, $6, now() - make_interval(mins => $7))`,
        [newId(), workspaceId, article.id, isHelpful, isHelpful ? "" : "Too short", `viewer-${i}`, 10 - i],
      );
    const first = await api.get<Page<{ isHelpful: boolean; comment: string; lang: string }>>(
      url(article.id, "/feedback?limit=2"),
      agent,
    );
    expect(first.body.data.map((f) => f.isHelpful)).toEqual([true, false]);
    expect(first.body.data[1]).toMatchObject({ comment: "Too short", lang: "en" });
    const second = await api.get<Page<{ isHelpful: boolean }>>(
      url(article.id, `/feedback?limit=2&cursor=${first.body.nextCursor}`),
      agent,
    );
    expect(second.body).toMatchObject({ data: [{ isHelpful: true }], nextCursor: null });
    expect((await api.get<Article>(url(article.id), agent)).body.helpful).toEqual({ yes: 2, no: 1 });
  });
});

describe("POST /api/v1/help-center/preview", () => {
  it("renders markdown as the public page will, without the HTML an editor typed", async () => {
    expect((await api.post("/api/v1/help-center/preview", null, { body: "x" })).status).toBe(401);
    const preview = await api.post<{ html: string }>("/api/v1/help-center/preview", agent, {
      body: "# Title\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))",
    });
    expect(preview.status).toBe(200);
    expect(preview.body.html).toContain("<h1>Title</h1>");
    expect(preview.body.html).not.toContain("<script");
    expect(preview.body.html).not.toContain("javascript:");
  });
});
