import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { openTestSocket, type TestSocket } from "../../../test/helpers/realtime-client.js";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { newId } from "../lib/ids.js";
import { upsertInboxChat } from "../models/inbox-chat.js";
import type { InboxRow } from "../models/inboxes.js";

// The chat widget's side of the help center: articles offered before the first message, the opens
// counted (deflections), and conversations started after reading an article on a help-center page.
let t: TestApp;
let base: string;
let host: string;
let workspaceId: string;
let chat: InboxRow;
const idOf = new Map<string, string>();
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws");
  host = new URL(address).host;
  workspaceId = (await buildWorkspace(t.ctx)).workspace.id;
  chat = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
  // Only the shop may embed this chat; Heed's own pages (the help center) always may.
  await t.ctx.db.transaction((tx) =>
    upsertInboxChat(tx, { id: chat.id, workspaceId }, { allowedOrigins: ["https://shop.example"] }),
  );
  await ensureHelpCenter(t.ctx.db, workspaceId);
  const rows = await t.ctx.db.query<{ id: string; starter_key: string }>(
    "SELECT id, starter_key FROM help_articles WHERE workspace_id = $1",
    [workspaceId],
  );
  for (const row of rows) idOf.set(row.starter_key, row.id);
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await t.close();
});

async function visitor(headers: Record<string, string> = { origin: "https://shop.example" }) {
  const socket = await openTestSocket(`${base}/widget/v1/socket?key=${chat.widget_key}`, headers);
  sockets.push(socket);
  socket.send({ type: "hello" });
  await socket.waitFor((m) => m.type === "welcome");
  return socket;
}

async function ask(socket: TestSocket, q: string, lang = "en") {
  const from = socket.messages.length;
  socket.send({ type: "articles", q, lang });
  const answer = await socket.waitFor((m) => m.type === "articles", 5_000, from);
  return answer.items as { id: string; title: string; url: string }[];
}

const visitorIdOf = async (conversationId: string) =>
  (
    await t.ctx.db.query<{ visitor_id: string }>("SELECT visitor_id FROM conversations WHERE id = $1", [
      conversationId,
    ])
  )[0]!.visitor_id;

describe("widget article suggestions", () => {
  it("offers public articles for what the visitor types, in the widget's language", async () => {
    const socket = await visitor();
    const items = await ask(socket, "My parcel has not arrived yet, where is it?");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(3);
    expect(items.map((i) => i.id)).toContain(idOf.get("late-or-lost-parcel"));
    expect(items[0]!.url).toMatch(/\/help\/en\/articles\/\d+-/);
    const ru = await ask(socket, "Посылка до сих пор не пришла, где она?", "ru");
    expect(ru.map((i) => i.id)).toContain(idOf.get("late-or-lost-parcel"));
    expect(ru[0]!.url).toContain("/help/ru/articles/");
  });

  it("offers nothing for a few letters, and never an internal article", async () => {
    const socket = await visitor();
    expect(await ask(socket, "hi")).toEqual([]);
    await t.ctx.db.transaction(async (tx) => {
      const [{ v }] = (await tx.query<{ v: string }>(
        `UPDATE help_centers SET content_version = content_version + 1 WHERE workspace_id = $1
         RETURNING content_version AS v`,
        [workspaceId],
      )) as [{ v: string }];
      await tx.query("UPDATE help_articles SET visibility = 'internal' WHERE id = $1", [
        idOf.get("damaged-package"),
      ]);
      await tx.query("UPDATE help_article_translations SET index_version = $2 WHERE article_id = $1", [
        idOf.get("damaged-package"),
        v,
      ]);
    });
    const items = await ask(socket, "The package arrived damaged, the box was crushed");
    expect(items.map((i) => i.id)).not.toContain(idOf.get("damaged-package"));
  });

  it("counts an opened suggestion as a widget view of the visitor, only for a public article", async () => {
    const socket = await visitor();
    const id = idOf.get("refunds")!;
    socket.send({ type: "article_opened", articleId: id, lang: "en" });
    socket.send({ type: "article_opened", articleId: idOf.get("damaged-package"), lang: "en" });
    socket.send({ type: "article_opened", articleId: newId(), lang: "en" });
    await expect
      .poll(async () =>
        (
          await t.ctx.db.query<{ article_id: string; source: string; viewer_id: string }>(
            "SELECT article_id, source, viewer_id FROM help_article_views WHERE workspace_id = $1",
            [workspaceId],
          )
        ).filter((row) => row.source === "widget"),
      )
      .toEqual([{ article_id: id, source: "widget", viewer_id: expect.stringMatching(/^v:/) }]);
  });
});

describe("conversations after reading an article", () => {
  const readAgo = async (viewerId: string, article: string, minutes: number) =>
    t.ctx.db.query(
      `INSERT INTO help_article_views (id, workspace_id, article_id, lang, source, viewer_id, created_at)
       VALUES ($1, $2, $3, 'en', 'help', $4, now() - make_interval(mins => $5))`,
      [newId(), workspaceId, idOf.get(article), viewerId, minutes],
    );

  it("records the article a help-center reader viewed in the hour before starting a chat", async () => {
    const reader = `reader${newId().replace(/-/g, "").slice(0, 16)}`;
    await readAgo(reader, "how-to-return", 30);
    await readAgo(reader, "refunds", 10);
    const socket = await visitor({ origin: `http://${host}`, cookie: `heed_hv=${reader}` });
    socket.send({
      type: "message",
      clientId: `c-${newId()}`,
      body: "I still have a question about my refund",
    });
    const ack = await socket.waitFor((m) => m.type === "ack");
    const conversationId = (
      await t.ctx.db.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM messages WHERE id = $1",
        [(ack.message as { id: string }).id],
      )
    )[0]!.conversation_id;
    const rows = await t.ctx.db.query(
      "SELECT article_id, viewer_id FROM help_contacts WHERE conversation_id = $1",
      [conversationId],
    );
    expect(rows).toEqual([{ article_id: idOf.get("refunds"), viewer_id: reader }]);
  });

  it("does not count a view older than an hour, or a visitor who read nothing", async () => {
    const reader = `reader${newId().replace(/-/g, "").slice(0, 16)}`;
    await readAgo(reader, "refunds", 90);
    const withCookie: Record<string, string> = { origin: `http://${host}`, cookie: `heed_hv=${reader}` };
    for (const headers of [withCookie, { origin: `http://${host}` }]) {
      const socket = await visitor(headers);
      socket.send({ type: "message", clientId: `c-${newId()}`, body: "Hello" });
      const ack = await socket.waitFor((m) => m.type === "ack");
      const rows = await t.ctx.db.query(
        `SELECT 1 FROM help_contacts hc JOIN messages m ON m.conversation_id = hc.conversation_id WHERE m.id = $1`,
        [(ack.message as { id: string }).id],
      );
      expect(rows).toEqual([]);
    }
  });

  it("counts a chat after the visitor opened a suggested article in the widget", async () => {
    const socket = await visitor();
    socket.send({ type: "article_opened", articleId: idOf.get("refunds"), lang: "en" });
    socket.send({ type: "message", clientId: `c-${newId()}`, body: "The article did not help, sorry" });
    const ack = await socket.waitFor((m) => m.type === "ack");
    const [row] = await t.ctx.db.query<{ conversation_id: string }>(
      "SELECT conversation_id FROM messages WHERE id = $1",
      [(ack.message as { id: string }).id],
    );
    const contacts = await t.ctx.db.query<{ article_id: string; viewer_id: string }>(
      "SELECT article_id, viewer_id FROM help_contacts WHERE conversation_id = $1",
      [row!.conversation_id],
    );
    expect(contacts).toEqual([
      { article_id: idOf.get("refunds"), viewer_id: await visitorIdOf(row!.conversation_id) },
    ]);
  });
});
