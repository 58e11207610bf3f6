import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { newId } from "../lib/ids.js";

interface HelpCenter {
  title: string | null;
  defaultTitle: string;
  host: string | null;
  primaryColor: string;
  chatInboxId: string | null;
  publicUrl: string;
  languages: string[];
  abilities: { canManage: boolean; canCreateArticles: boolean };
}
interface Section {
  id: string;
  categoryId: string;
  position: number;
  translations: Record<string, { name: string }>;
  articleCount: number;
}
interface Category {
  id: string;
  number: number;
  position: number;
  translations: Record<string, { name: string; description: string; slug: string }>;
  sections: Section[];
  articleCount: number;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest());
});
afterAll(() => t.close());

describe("/api/v1/help-center", () => {
  it("answers 401 without a session", async () => {
    expect((await api.get("/api/v1/help-center", null)).status).toBe(401);
    expect((await api.patch("/api/v1/help-center", null, { title: "x" })).status).toBe(401);
    expect((await api.get("/api/v1/help-center/categories", null)).status).toBe(401);
    expect((await api.get("/api/v1/help-center/analytics", null)).status).toBe(401);
  });

  it("creates the help center on first use and tells each member what they may do", async () => {
    const mine = await api.get<HelpCenter>("/api/v1/help-center", agent);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      title: null,
      host: null,
      primaryColor: "#2457c5",
      publicUrl: "http://localhost:3000/help",
      languages: ["en", "ru", "hr", "sk"],
      abilities: { canManage: false, canCreateArticles: false },
    });
    expect(mine.body.defaultTitle).toMatch(/^Workspace /);
    const asOwner = await api.get<HelpCenter>("/api/v1/help-center", owner);
    expect(asOwner.body.abilities).toEqual({ canManage: true, canCreateArticles: true });
    const categories = await api.get<{ data: Category[] }>("/api/v1/help-center/categories", agent);
    expect(categories.body.data.length).toBeGreaterThan(0);
    expect(Object.keys(categories.body.data[0]!.translations)).toEqual(["en", "ru", "hr", "sk"]);
    expect(categories.body.data[0]!.sections[0]!.articleCount).toBeGreaterThan(0);
  });

  it("lets owners and admins change the settings, not agents", async () => {
    expect((await api.patch("/api/v1/help-center", agent, { title: "Help" })).status).toBe(403);
    const admin = await buildAgent(t.ctx, workspaceId, { role: "admin" });
    const chat = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    const changed = await api.patch<HelpCenter>("/api/v1/help-center", admin, {
      title: "Shop help",
      host: "Help.Shop.example:8080",
      primaryColor: "#AA0000",
      chatInboxId: chat.id,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: "Shop help",
      host: "help.shop.example:8080",
      primaryColor: "#aa0000",
      chatInboxId: chat.id,
    });
    const cleared = await api.patch<HelpCenter>("/api/v1/help-center", owner, { title: null, host: null });
    expect(cleared.body).toMatchObject({ title: null, host: null, chatInboxId: chat.id });
  });

  it("names the field of a bad host, colour, chat inbox or logo, and refuses a host in use (409)", async () => {
    const email = await buildInbox(t.ctx, { workspaceId });
    const theirChat = await buildInbox(t.ctx, { workspaceId: stranger.workspaceId, channel: "chat" });
    for (const [body, field] of [
      [{ host: "https://help.example" }, "host"],
      [{ primaryColor: "red" }, "primaryColor"],
      [{ chatInboxId: email.id }, "chatInboxId"],
      [{ chatInboxId: theirChat.id }, "chatInboxId"],
      [{ logoImageId: newId() }, "logoImageId"],
      [{ colour: "#000000" }, undefined],
    ] as const) {
      const answer = await api.patch<ErrorBody>("/api/v1/help-center", owner, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      if (field) expect(fieldOf(answer.body)).toBe(field);
    }
    expect((await api.patch("/api/v1/help-center", stranger, { host: "help.taken.example" })).status).toBe(
      200,
    );
    const taken = await api.patch<ErrorBody>("/api/v1/help-center", owner, { host: "help.taken.example" });
    expect(taken.status).toBe(409);
  });
});

describe("/api/v1/help-center/categories and /sections", () => {
  it("answers 401 without a session and 403 to agents who try to change them", async () => {
    expect((await api.post("/api/v1/help-center/categories", null, {})).status).toBe(401);
    expect(
      (await api.post("/api/v1/help-center/categories", agent, { translations: { en: { name: "X" } } }))
        .status,
    ).toBe(403);
  });

  it("creates, renames, moves and deletes categories and sections, with slugs from the names", async () => {
    const created = await api.post<Category>("/api/v1/help-center/categories", owner, {
      translations: {
        en: { name: "Gift cards", description: "Buying and using them" },
        ru: { name: "Подарочные карты" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({
      en: { name: "Gift cards", description: "Buying and using them", slug: "gift-cards" },
      ru: { name: "Подарочные карты", description: "", slug: "podarochnye-karty" },
    });
    const list = await api.get<{ data: Category[] }>("/api/v1/help-center/categories", owner);
    expect(list.body.data.at(-1)!.id).toBe(created.body.id);
    const renamed = await api.patch<Category>(`/api/v1/help-center/categories/${created.body.id}`, owner, {
      translations: { en: { name: "Gift vouchers" }, hr: { name: "Poklon-bonovi" } },
      position: 0,
    });
    expect(renamed.body.position).toBe(0);
    expect(renamed.body.translations.en).toEqual({
      name: "Gift vouchers",
      description: "Buying and using them",
      slug: "gift-vouchers",
    });
    expect(renamed.body.translations.hr?.slug).toBe("poklon-bonovi");

    const section = await api.post<Section>("/api/v1/help-center/sections", owner, {
      categoryId: created.body.id,
      translations: { en: { name: "Redeeming" } },
    });
    expect(section.status).toBe(201);
    expect(section.body).toMatchObject({ categoryId: created.body.id, articleCount: 0 });
    const other = await api.post<Category>("/api/v1/help-center/categories", owner, {
      translations: { en: { name: "Other" } },
    });
    const moved = await api.patch<Section>(`/api/v1/help-center/sections/${section.body.id}`, owner, {
      categoryId: other.body.id,
      translations: { sk: { name: "Uplatnenie" } },
    });
    expect(moved.body).toMatchObject({
      categoryId: other.body.id,
      translations: { en: { name: "Redeeming" }, sk: { name: "Uplatnenie" } },
    });
    expect((await api.delete(`/api/v1/help-center/sections/${section.body.id}`, owner)).status).toBe(204);
    expect((await api.delete(`/api/v1/help-center/categories/${created.body.id}`, owner)).status).toBe(204);
    expect((await api.delete(`/api/v1/help-center/categories/${created.body.id}`, owner)).status).toBe(404);
  });

  it("refuses to delete a category or section that holds articles (409 not_empty)", async () => {
    const category = await api.post<Category>("/api/v1/help-center/categories", owner, {
      translations: { en: { name: "Full" } },
    });
    const section = await api.post<Section>("/api/v1/help-center/sections", owner, {
      categoryId: category.body.id,
      translations: { en: { name: "Holds one" } },
    });
    const article = await api.post<{ id: string }>("/api/v1/help-center/articles", owner, {
      sectionId: section.body.id,
      lang: "en",
      title: "Kept",
      body: "Text",
    });
    for (const url of [
      `/api/v1/help-center/categories/${category.body.id}`,
      `/api/v1/help-center/sections/${section.body.id}`,
    ]) {
      const refused = await api.delete<ErrorBody>(url, owner);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("not_empty");
    }
    const listed = await api.get<{ data: Category[] }>("/api/v1/help-center/categories", owner);
    expect(listed.body.data.find((c) => c.id === category.body.id)?.articleCount).toBe(1);
    // A deleted article no longer counts.
    expect((await api.delete(`/api/v1/help-center/articles/${article.body.id}`, owner)).status).toBe(204);
    expect((await api.delete(`/api/v1/help-center/categories/${category.body.id}`, owner)).status).toBe(204);
  });

  it("names the field of empty translations and of a category of another workspace", async () => {
    const empty = await api.post<ErrorBody>("/api/v1/help-center/categories", owner, { translations: {} });
    expect(empty.status).toBe(400);
    expect(fieldOf(empty.body)).toBe("translations");
    const unknown = await api.post<ErrorBody>("/api/v1/help-center/categories", owner, {
      translations: { de: { name: "Hilfe" } },
    });
    expect(unknown.status).toBe(400);
    const theirs = await api.get<{ data: Category[] }>("/api/v1/help-center/categories", stranger);
    const foreign = await api.post<ErrorBody>("/api/v1/help-center/sections", owner, {
      categoryId: theirs.body.data[0]!.id,
      translations: { en: { name: "Sneaky" } },
    });
    expect(foreign.status).toBe(400);
    expect(fieldOf(foreign.body)).toBe("categoryId");
  });

  it("answers 404 for another workspace's category or section, as for a missing one", async () => {
    const theirs = (await api.get<{ data: Category[] }>("/api/v1/help-center/categories", stranger)).body
      .data[0]!;
    const rename = { translations: { en: { name: "Mine now" } } };
    expect((await api.patch(`/api/v1/help-center/categories/${theirs.id}`, owner, rename)).status).toBe(404);
    expect((await api.delete(`/api/v1/help-center/categories/${theirs.id}`, owner)).status).toBe(404);
    const section = theirs.sections[0]!;
    expect((await api.patch(`/api/v1/help-center/sections/${section.id}`, owner, rename)).status).toBe(404);
    expect((await api.delete(`/api/v1/help-center/sections/${section.id}`, owner)).status).toBe(404);
    const mine = await api.get<{ data: Category[] }>("/api/v1/help-center/categories", owner);
    expect(mine.body.data.map((c) => c.id)).not.toContain(theirs.id);
  });
});

describe("GET /api/v1/help-center/analytics", () => {
  it("counts searches, click-through, no-result queries, views, votes, contacts and deflections", async () => {
    const { workspace, owner: boss } = await buildWorkspace(t.ctx);
    const ws = workspace.id;
    await api.get("/api/v1/help-center", boss);
    const [first, second] = await t.ctx.db.query<{ id: string; number: number }>(
      "SELECT id, number FROM help_articles WHERE workspace_id = $1 ORDER BY number LIMIT 2",
      [ws],
    );
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
    const search = async (query: string, resultCount: number, at = hoursAgo(3)) => {
      const id = newId();
      await t.ctx.db.query(
        `INSERT INTO help_searches (id, workspace_id, lang, source, query, normalized, result_count, viewer_id, created_at)
         VALUES ($1, $2, 'en', 'help', $3, lower($3), $4, 'reader', $5)`,
        [id, ws, query, resultCount, at],
      );
      return id;
    };
    const view = async (
      articleId: string,
      v: { searchId?: string; source?: string; viewer?: string; at?: Date },
    ) =>
      t.ctx.db.query(
        `INSERT INTO help_article_views (id, workspace_id, article_id, lang, source, search_id, viewer_id, created_at)
         VALUES ($1, $2, $3, 'en', $4, $5, $6, $7)`,
        [
          newId(),
          ws,
          articleId,
          v.source ?? "help",
          v.searchId ?? null,
          v.viewer ?? null,
          v.at ?? hoursAgo(3),
        ],
      );
    // Four searches for "refund" (two followed by a view of a result), three that found nothing, one old.
    const refunds = [
      await search("Refund", 4),
      await search("refund", 4),
      await search("refund", 2),
      await search("REFUND", 3),
    ];
    await view(first!.id, { searchId: refunds[0] });
    await view(first!.id, { searchId: refunds[0] });
    await view(second!.id, { searchId: refunds[1] });
    await search("gift card", 0, hoursAgo(5));
    await search("Gift card", 0, hoursAgo(2));
    await search("bitcoin", 0);
    await search("ancient", 0, hoursAgo(24 * 40));
    // Votes (one old), a contact after a view.
    for (const [viewer, isHelpful, at] of [
      ["a", true, hoursAgo(1)],
      ["b", true, hoursAgo(1)],
      ["c", false, hoursAgo(1)],
      ["d", false, hoursAgo(24 * 40)],
    ] as const)
      await t.ctx.db.query(
        `INSERT INTO help_article_votes (id, workspace_id, article_id, lang, is_helpful, viewer_id, created_at, updated_at)
         VALUES ($1, $2, $3, 'en', $4, $5, $6, $6)`,
        [newId(), ws, first!.id, isHelpful, viewer, at],
      );
    const { conversation } = await buildConversation(t.ctx, { workspaceId: ws });
    await t.ctx.db.query(
      "INSERT INTO help_contacts (conversation_id, workspace_id, article_id, viewer_id) VALUES ($1, $2, $3, 'reader')",
      [conversation.id, ws, second!.id],
    );
    // Widget opens: visitor v1 chats 20 minutes later (not deflected), v2 never, v3 only two hours later,
    // v4 opened it a minute ago (not judged yet), one without a visitor id.
    const chat = await buildInbox(t.ctx, { workspaceId: ws, channel: "chat" });
    for (const [viewer, chatAfterMinutes] of [
      ["v1", 20],
      ["v2", null],
      ["v3", 120],
    ] as const) {
      await view(first!.id, { source: "widget", viewer, at: hoursAgo(3) });
      if (chatAfterMinutes === null) continue;
      const built = await buildConversation(t.ctx, {
        workspaceId: ws,
        inboxId: chat.id,
        at: new Date(hoursAgo(3).getTime() + chatAfterMinutes * 60_000),
      });
      await t.ctx.db.query("UPDATE conversations SET visitor_id = $2 WHERE id = $1", [
        built.conversation.id,
        viewer,
      ]);
    }
    await view(first!.id, { source: "widget", viewer: "v4", at: new Date(Date.now() - 60_000) });
    await view(first!.id, { source: "widget" });

    expect((await api.get("/api/v1/help-center/analytics?days=0", boss)).status).toBe(400);
    expect((await api.get("/api/v1/help-center/analytics?days=366", boss)).status).toBe(400);
    const analytics = await api.get<Record<string, unknown>>("/api/v1/help-center/analytics?days=30", boss);
    expect(analytics.status).toBe(200);
    expect(analytics.body).toMatchObject({
      days: 30,
      searches: 7,
      searchesWithClick: 2,
      clickThroughRate: 2 / 7,
      noResultSearches: 3,
      topQueries: [
        { query: "REFUND", count: 4, clickThroughRate: 0.5 },
        { query: "Gift card", count: 2, clickThroughRate: 0 },
        { query: "bitcoin", count: 1, clickThroughRate: 0 },
      ],
      noResultQueries: [
        { query: "Gift card", count: 2 },
        { query: "bitcoin", count: 1 },
      ],
      contactsAfterView: 1,
      widgetSuggestionOpens: 5,
      deflections: 2,
    });
    expect(analytics.body.articles).toEqual([
      expect.objectContaining({
        id: first!.id,
        number: first!.number,
        views: 7,
        helpfulYes: 2,
        helpfulNo: 1,
        contactsAfterView: 0,
      }),
      expect.objectContaining({
        id: second!.id,
        views: 1,
        helpfulYes: 0,
        helpfulNo: 0,
        contactsAfterView: 1,
      }),
    ]);
    const allTime = await api.get<{ searches: number }>("/api/v1/help-center/analytics?days=365", agent);
    expect(allTime.body.searches).toBe(0); // the agent's own workspace
  });
});
