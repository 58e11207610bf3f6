import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { startApiTest, type ApiTest } from "../../../test/helpers/api-test.js";
import { buildConversation } from "../../../test/helpers/factories-conversations.js";
import type { TArticleSuggestion } from "../presenters/article-suggestion-presenter.js";

let s: ApiTest;
const idOf = new Map<string, string>();

beforeAll(async () => {
  s = await startApiTest();
  await ensureHelpCenter(s.t.ctx.db, s.workspaceId);
  const rows = await s.t.ctx.db.query<{ id: string; starter_key: string }>(
    "SELECT id, starter_key FROM help_articles WHERE workspace_id = $1",
    [s.workspaceId],
  );
  for (const row of rows) idOf.set(row.starter_key, row.id);
});
afterAll(() => s.t.close());

type Answer = { data: TArticleSuggestion[] };

describe("GET /api/v1/conversations/:id/article-suggestions", () => {
  it("needs a signed-in member and answers 404 for another workspace's conversation", async () => {
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const url = `/api/v1/conversations/${conversation.id}/article-suggestions`;
    expect((await s.api.get(url, null)).status).toBe(401);
    expect((await s.api.get(url, s.stranger)).status).toBe(404);
  });

  it("offers the article that answers the customer's last message, with its public link", async () => {
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      body: "Hello, my parcel still has not arrived after two weeks. Where is it?",
    });
    const answer = await s.api.get<Answer>(
      `/api/v1/conversations/${conversation.id}/article-suggestions`,
      s.agent,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.length).toBeLessThanOrEqual(3);
    const lost = answer.body.data.find((a) => a.id === idOf.get("late-or-lost-parcel"));
    expect(lost).toBeDefined();
    expect(lost!.url).toMatch(/\/help\/en\/articles\/\d+-[a-z0-9-]+$/);
    expect(lost!.snippet).toContain("<mark>");
  });

  it("reads the conversation's language and the agent's draft", async () => {
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      body: "Dobar dan, imam pitanje.",
      language: "hr",
    });
    const answer = await s.api.get<Answer>(
      `/api/v1/conversations/${conversation.id}/article-suggestions?q=${encodeURIComponent("povrat novca na karticu")}`,
      s.agent,
    );
    expect(answer.body.data.map((a) => a.id)).toContain(idOf.get("refunds"));
    expect(answer.body.data.every((a) => a.lang === "hr")).toBe(true);
  });

  it("offers internal articles to agents without a public link", async () => {
    const id = idOf.get("reset-password")!;
    expect(
      (await s.api.patch(`/api/v1/help-center/articles/${id}`, s.owner, { visibility: "internal" })).status,
    ).toBe(200);
    const answer = await s.api.get<Answer>(
      `/api/v1/help-center/suggest?lang=en&q=${encodeURIComponent("reset password")}`,
      s.agent,
    );
    const found = answer.body.data.find((a) => a.id === id);
    expect(found).toMatchObject({ visibility: "internal", url: null });
  });
});

describe("GET /api/v1/conversations/:id/next-articles", () => {
  it("answers 404 for another workspace's conversation", async () => {
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    expect(
      (await s.api.get(`/api/v1/conversations/${conversation.id}/next-articles`, s.stranger)).status,
    ).toBe(404);
  });

  it("lists the articles linked to the conversation's tags, in its language", async () => {
    const tag = await s.api.post<{ id: string }>("/api/v1/tags", s.owner, { name: "Refund" });
    const id = idOf.get("refunds")!;
    const linked = await s.api.patch(`/api/v1/help-center/articles/${id}`, s.owner, {
      tagIds: [tag.body.id],
    });
    expect(linked.status).toBe(200);
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      language: "ru",
      tags: ["refund"],
    });
    const answer = await s.api.get<Answer>(`/api/v1/conversations/${conversation.id}/next-articles`, s.agent);
    expect(answer.body.data).toHaveLength(1);
    expect(answer.body.data[0]).toMatchObject({ id, lang: "ru" });
    expect(answer.body.data[0]!.url).toContain("/help/ru/articles/");

    const untagged = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const none = await s.api.get<Answer>(
      `/api/v1/conversations/${untagged.conversation.id}/next-articles`,
      s.agent,
    );
    expect(none.body.data).toEqual([]);
  });
});

describe("links to a help center on its own host", () => {
  it("point at that host", async () => {
    const set = await s.api.patch("/api/v1/help-center", s.owner, { host: "help.shop.example" });
    expect(set.status).toBe(200);
    const answer = await s.api.get<Answer>(
      `/api/v1/help-center/suggest?lang=en&q=${encodeURIComponent("refund")}`,
      s.agent,
    );
    const publicOne = answer.body.data.find((a) => a.url);
    expect(publicOne!.url).toMatch(/^http:\/\/help\.shop\.example\/help\/en\/articles\//);
  });
});
