import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import { buildAgent, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { replyToConversation } from "../commands/reply-to-conversation.js";
import { createCalendar, setInboxBusinessHours } from "../commands/save-calendar.js";
import { loadStarterLibrary } from "../saved-replies/starter.js";
import type { TFilledReply, TSavedReply } from "../presenters/saved-reply-presenter.js";

let s: ApiTest;
let other: TestActor;
beforeAll(async () => {
  s = await startApiTest();
  other = await buildAgent(s.t.ctx, s.workspaceId);
});
afterAll(() => s.t.close());

type Page = { data: TSavedReply[]; nextCursor: string | null };
const url = "/api/v1/saved-replies";
let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}${Math.random().toString(36).slice(2, 6)}`;

/** A saved reply created through the API by `actor` (personal unless said otherwise). */
async function create(actor: TestActor, body: Record<string, unknown> = {}): Promise<TSavedReply> {
  const response = await s.api.post<TSavedReply>(url, actor, {
    title: unique("Reply "),
    scope: "personal",
    variants: [{ lang: "en", body: "Hello {{ customer.firstName }}" }],
    ...body,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const list = (actor: TestActor, query = "") => s.api.get<Page>(`${url}${query ? `?${query}` : ""}`, actor);

describe("GET /api/v1/saved-replies", () => {
  it("returns 401 without credentials", async () => {
    expect((await s.api.get(url, null)).status).toBe(401);
  });

  it("seeds the starter library once, even when the first requests come together", async () => {
    const [a, b] = await Promise.all([list(s.owner, "limit=100"), list(s.agent, "limit=100")]);
    expect(a.status).toBe(200);
    const starter = await loadStarterLibrary();
    const [count] = await s.t.ctx.db.query<{ replies: number; folders: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM saved_replies WHERE workspace_id = $1 AND starter_key IS NOT NULL) AS replies,
              (SELECT count(*)::int FROM saved_reply_folders WHERE workspace_id = $1) AS folders,
              (SELECT count(*)::int FROM events WHERE workspace_id = $1 AND type = 'saved_replies.seeded') AS events`,
      [s.workspaceId],
    );
    expect(count).toEqual({
      replies: starter.en.replies.length,
      folders: starter.en.folders.length,
      events: 1,
    });
    expect(a.body.data.map((r) => r.id).sort()).toEqual(b.body.data.map((r) => r.id).sort());
    const first = a.body.data[0]!;
    expect(first).toMatchObject({ scope: "shared", ownerId: null, usageCount: 0, lastUsedAt: null });
    expect(first.variants.map((v) => v.lang)).toEqual(["en", "ru", "hr", "sk"]);
    expect(a.body.data.every((r) => r.abilities.edit)).toBe(true);
    expect(b.body.data.every((r) => !r.abilities.edit && !r.abilities.delete)).toBe(true);
  });

  it("shows a personal reply to its owner only", async () => {
    const mine = await create(s.agent, { title: "My private greeting" });
    expect(mine).toMatchObject({ scope: "personal", ownerId: s.agent.user.id, abilities: { edit: true } });
    expect((await list(s.agent, "q=private greeting")).body.data.map((r) => r.id)).toEqual([mine.id]);
    expect((await list(other, "q=private greeting")).body.data).toEqual([]);
    expect((await list(s.owner, "q=private greeting")).body.data).toEqual([]);
    expect((await s.api.get(`${url}/${mine.id}`, other)).status).toBe(404);
    expect((await s.api.patch(`${url}/${mine.id}`, other, { title: "x" })).status).toBe(404);
    expect((await s.api.delete(`${url}/${mine.id}`, s.owner)).status).toBe(404);
    expect((await s.api.get(`${url}/${mine.id}`, s.stranger)).status).toBe(404);
  });

  it("searches titles, shortcuts and bodies without regard to case or diacritics, best match first", async () => {
    const title = await create(s.owner, {
      scope: "shared",
      title: "Žličarnica kasni",
      shortcut: "zlicarnica-late",
    });
    const body = await create(s.owner, {
      scope: "shared",
      variants: [{ lang: "hr", body: "Vaša ŽLIČARNICA je na putu, {{ customer.firstName }}." }],
    });
    const russian = await create(s.owner, { scope: "shared", title: "Ёжевика к празднику" });
    const ids = async (q: string) =>
      (await list(s.agent, `q=${encodeURIComponent(q)}`)).body.data.map((r) => r.id);
    expect(await ids("zlicarnica")).toEqual([title.id, body.id]);
    expect(await ids("NA PUTU žličar")).toEqual([body.id]);
    expect(await ids("/zlicarnica-late")).toEqual([title.id]);
    expect(await ids("ежевик")).toEqual([russian.id]);
    expect(await ids("100%_off")).toEqual([]);
  });

  it("narrows to a folder and pages through the rest with nextCursor", async () => {
    const folder = (
      await s.api.post<{ id: string }>("/api/v1/saved-reply-folders", s.owner, { name: unique("Folder ") })
    ).body;
    const inFolder = await Promise.all([1, 2, 3].map(() => create(s.agent, { folderId: folder.id })));
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: Page = (
        await list(s.agent, `folderId=${folder.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`)
      ).body;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(inFolder.map((r) => r.id).sort());
    const bad = await list(s.agent, "cursor=nonsense");
    expect([bad.status, fieldOf(bad.body)]).toEqual([400, "cursor"]);
    expect((await list(s.agent, "limit=101")).status).toBe(400);
  });
});

describe("POST /api/v1/saved-replies", () => {
  it("returns 401 without credentials", async () => {
    expect((await s.api.post(url, null, { title: "x" })).status).toBe(401);
  });

  it("lets agents create personal replies only; shared ones need owner or admin", async () => {
    const shared = { title: "Shared by agent", scope: "shared", variants: [{ lang: "en", body: "Hi" }] };
    expect((await s.api.post(url, s.agent, shared)).status).toBe(403);
    const admin = await buildAgent(s.t.ctx, s.workspaceId, { role: "admin" });
    expect((await s.api.post(url, admin, shared)).status).toBe(201);
  });

  it("answers 400 naming the variant for an unknown variable or a language given twice", async () => {
    const unknown = await s.api.post<ErrorBody>(url, s.agent, {
      title: "Bad",
      scope: "personal",
      variants: [
        { lang: "en", body: "Hi {{ customer.firstName }}" },
        { lang: "ru", body: 'Привет, {{ foo | "друг" }}' },
      ],
    });
    expect([unknown.status, fieldOf(unknown.body)]).toEqual([400, "variants.1.body"]);
    expect(unknown.body.error.message).toContain("unknown variable {{ foo }}");
    const twice = await s.api.post<ErrorBody>(url, s.agent, {
      title: "Twice",
      scope: "personal",
      variants: [
        { lang: "en", body: "Hi" },
        { lang: "en", body: "Hello" },
      ],
    });
    expect([twice.status, fieldOf(twice.body)]).toEqual([400, "variants.1.lang"]);
    const none = await s.api.post<ErrorBody>(url, s.agent, {
      title: "None",
      scope: "personal",
      variants: [],
    });
    expect([none.status, fieldOf(none.body)]).toEqual([400, "variants"]);
    const spaced = await s.api.post<ErrorBody>(url, s.agent, {
      title: "Spaced",
      scope: "personal",
      shortcut: "two words",
      variants: [{ lang: "en", body: "Hi" }],
    });
    expect([spaced.status, fieldOf(spaced.body)]).toEqual([400, "shortcut"]);
    const folder = (
      await s.api.post<{ id: string }>("/api/v1/saved-reply-folders", s.stranger, { name: unique("Theirs ") })
    ).body;
    const theirs = await s.api.post<ErrorBody>(url, s.agent, {
      title: "In their folder",
      scope: "personal",
      folderId: folder.id,
      variants: [{ lang: "en", body: "Hi" }],
    });
    expect([theirs.status, fieldOf(theirs.body)]).toEqual([400, "folderId"]);
  });

  it("keeps shortcuts unique among what one person sees (409)", async () => {
    const shortcut = unique("thx");
    await create(s.agent, { shortcut: `/${shortcut}` });
    expect((await s.api.post(url, s.agent, { ...base(), shortcut: shortcut.toUpperCase() })).status).toBe(
      409,
    );
    // Another agent's personal shortcuts are theirs alone...
    expect((await create(other, { shortcut })).shortcut).toBe(shortcut);
    // ...but a shared reply would clash for both of them, and a personal one may not hide a shared one.
    expect((await s.api.post(url, s.owner, { ...base(), scope: "shared", shortcut })).status).toBe(409);
    const sharedCut = unique("shared");
    await create(s.owner, { scope: "shared", shortcut: sharedCut });
    expect((await s.api.post(url, s.agent, { ...base(), shortcut: sharedCut })).status).toBe(409);
  });
});

const base = () => ({ title: unique("Reply "), scope: "personal", variants: [{ lang: "en", body: "Hi" }] });

describe("PATCH and DELETE /api/v1/saved-replies/:id", () => {
  it("returns 401 without credentials and 404 for another workspace's reply", async () => {
    const mine = await create(s.owner, { scope: "shared" });
    expect((await s.api.patch(`${url}/${mine.id}`, null, { title: "x" })).status).toBe(401);
    expect((await s.api.patch(`${url}/${mine.id}`, s.stranger, { title: "x" })).status).toBe(404);
    expect((await s.api.delete(`${url}/${mine.id}`, s.stranger)).status).toBe(404);
  });

  it("lets owners and admins change shared replies, agents their own", async () => {
    const shared = await create(s.owner, { scope: "shared" });
    expect((await s.api.patch(`${url}/${shared.id}`, s.agent, { title: "x" })).status).toBe(403);
    expect((await s.api.delete(`${url}/${shared.id}`, s.agent)).status).toBe(403);
    const changed = await s.api.patch<TSavedReply>(`${url}/${shared.id}`, s.owner, {
      title: "Renamed",
      shortcut: null,
      variants: [
        { lang: "sk", body: "Dobrý deň, {{ customer.firstName }}" },
        { lang: "en", body: "Hello" },
      ],
    });
    expect(changed.body).toMatchObject({ title: "Renamed", shortcut: null });
    expect(changed.body.variants.map((v) => v.lang)).toEqual(["en", "sk"]);
    const bad = await s.api.patch<ErrorBody>(`${url}/${shared.id}`, s.owner, {
      variants: [{ lang: "en", body: "{{ agent.nickname }}" }],
    });
    expect([bad.status, fieldOf(bad.body)]).toEqual([400, "variants.0.body"]);
    const mine = await create(s.agent);
    expect((await s.api.patch(`${url}/${mine.id}`, s.agent, { scope: "shared" })).status).toBe(403);
    expect((await s.api.delete(`${url}/${mine.id}`, s.agent)).status).toBe(204);
    expect((await s.api.get(`${url}/${mine.id}`, s.agent)).status).toBe(404);
  });

  it("makes a shared reply personal to the admin who changes its scope", async () => {
    const shared = await create(s.owner, { scope: "shared" });
    const personal = await s.api.patch<TSavedReply>(`${url}/${shared.id}`, s.owner, { scope: "personal" });
    expect(personal.body).toMatchObject({ scope: "personal", ownerId: s.owner.user.id });
    expect((await s.api.get(`${url}/${shared.id}`, s.agent)).status).toBe(404);
  });
});

describe("GET /api/v1/saved-replies/:id/preview and POST /insert", () => {
  it("returns 401 without credentials and 404 for a conversation or reply the actor does not see", async () => {
    const reply = await create(s.agent);
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const theirs = await buildConversation(s.t.ctx, { workspaceId: s.stranger.workspaceId });
    const closed = await buildInbox(s.t.ctx, { workspaceId: s.workspaceId, access: "members" });
    const hidden = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId, inboxId: closed.id });
    const preview = (id: string, conversationId: string, actor: TestActor | null) =>
      s.api.get(`${url}/${id}/preview?conversationId=${conversationId}`, actor);
    expect((await preview(reply.id, conversation.id, null)).status).toBe(401);
    expect((await preview(reply.id, theirs.conversation.id, s.agent)).status).toBe(404);
    expect((await preview(reply.id, hidden.conversation.id, s.agent)).status).toBe(404);
    expect((await preview(reply.id, conversation.id, other)).status).toBe(404);
    expect((await preview(reply.id, conversation.id, s.stranger)).status).toBe(404);
    const insert = await s.api.post(`${url}/${reply.id}/insert`, null, { conversationId: conversation.id });
    expect(insert.status).toBe(401);
  });

  it("fills the reply with the conversation's values in its language, or the one asked for", async () => {
    const owner = await ownerActor(s.t.ctx, s.workspaceId);
    const inbox = await buildInbox(s.t.ctx, { workspaceId: s.workspaceId, name: "Shop support" });
    // Eleven first replies two hours after the customer wrote: the inbox's usual reply time.
    for (let i = 0; i < 11; i++) {
      const written = Date.now() - (i + 3) * 3600_000;
      const { conversation } = await buildConversation(s.t.ctx, {
        workspaceId: s.workspaceId,
        inboxId: inbox.id,
        at: new Date(written),
      });
      await replyToConversation(s.t.ctx.db, owner, conversation.id, {
        kind: "reply",
        body: "On it.",
        at: new Date(written + 2 * 3600_000),
      });
    }
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      inboxId: inbox.id,
      customer: { email: `ana-${unique("")}@example.test`, name: "Ana Kovač" },
      language: "ru",
    });
    await s.t.ctx.db.query("UPDATE conversations SET order_number = '100-2345' WHERE id = $1", [
      conversation.id,
    ]);
    const reply = await create(s.agent, {
      variants: [
        {
          lang: "en",
          body: 'Hi {{ customer.firstName | "there" }}, order {{ order.number }}: {{ reply.expectedTime }}. {{ inbox.officeHours | "Any time" }}. {{ agent.firstName }}, {{ inbox.name }} #{{ conversation.number }}',
        },
        {
          lang: "ru",
          body: "{{customer.firstName}}, заказ {{ order.number }}: {{reply.expectedTime}}. {{ inbox.officeHours }}",
        },
      ],
    });
    const preview = (query: string) =>
      s.api.get<TFilledReply>(
        `${url}/${reply.id}/preview?conversationId=${conversation.id}${query}`,
        s.agent,
      );
    expect((await preview("")).body).toEqual({
      lang: "ru",
      body: "Ana, заказ 100-2345: в течение примерно 2 часов. ",
      missing: ["inbox.officeHours"],
    });
    const agentFirstName = s.agent.user.name.split(" ")[0];
    expect((await preview("&lang=en")).body).toEqual({
      lang: "en",
      body: `Hi Ana, order 100-2345: within about 2 hours. Any time. ${agentFirstName}, Shop support #${conversation.number}`,
      missing: [],
    });
    // A language the reply lacks: the conversation's, then the workspace's default, then any.
    expect((await preview("&lang=sk")).body.lang).toBe("ru");

    const calendar = await createCalendar(s.t.ctx.db, owner, {
      name: unique("Office "),
      timeZone: "Europe/Zagreb",
      intervals: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: "09:00", end: "17:00" })),
      holidays: [],
    });
    const quiet = await buildInbox(s.t.ctx, { workspaceId: s.workspaceId });
    await setInboxBusinessHours(s.t.ctx.db, owner, quiet.id, calendar.id);
    const other = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      inboxId: quiet.id,
      customer: { email: `anon-${unique("")}@example.test` },
      language: "hr",
    });
    expect(
      (
        await s.api.get<TFilledReply>(
          `${url}/${reply.id}/preview?conversationId=${other.conversation.id}`,
          s.agent,
        )
      ).body,
    ).toEqual({
      lang: "en",
      body: `Hi there, order : . Mon–Fri 09:00–17:00 (Europe/Zagreb). ${agentFirstName}, ${quiet.name} #${other.conversation.number}`,
      missing: ["order.number", "reply.expectedTime"],
    });
  });

  it("counts every use of an insert, also when agents insert at the same moment", async () => {
    const reply = await create(s.owner, { scope: "shared" });
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const preview = await s.api.get(`${url}/${reply.id}/preview?conversationId=${conversation.id}`, s.agent);
    expect(preview.status).toBe(200);
    const inserts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        s.api.post<TFilledReply>(`${url}/${reply.id}/insert`, i % 2 ? s.agent : other, {
          conversationId: conversation.id,
        }),
      ),
    );
    expect(inserts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(inserts[0]!.body.body).toMatch(/^Hello /);
    const after = (await s.api.get<TSavedReply>(`${url}/${reply.id}`, s.agent)).body;
    expect(after.usageCount).toBe(6);
    expect(after.lastUsedAt).not.toBeNull();
    // Most used first.
    expect((await list(s.agent, "limit=1")).body.data[0]!.id).toBe(reply.id);
  });
});

describe("the OpenAPI document", () => {
  it("describes the saved-reply and macro routes under their tags", async () => {
    const doc = await s.api.get<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
      "/api/v1/openapi.json",
      s.agent,
    );
    expect(doc.status).toBe(200);
    expect(doc.body.paths["/api/v1/saved-replies/{id}/preview"]!.get!.tags).toEqual(["saved-replies"]);
    expect(doc.body.paths["/api/v1/saved-reply-folders"]!.post!.tags).toEqual(["saved-replies"]);
    expect(doc.body.paths["/api/v1/conversations/{id}/macros/{macroId}"]!.post!.tags).toContain("macros");
  });
});
