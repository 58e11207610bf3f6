import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import {
  openTestSocket,
  type SocketMessage,
  type TestSocket,
} from "../../../test/helpers/realtime-client.js";
import { installKeys } from "../lib/install-secret.js";
import { upsertInboxChat } from "../models/inbox-chat.js";
import type { InboxRow } from "../models/inboxes.js";

let t: TestApp;
let api: ApiClient;
let base: string;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
let chat: InboxRow;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws");
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId, { name: "Ana Kovač" });
  chat = await buildInbox(t.ctx, { workspaceId, channel: "chat", name: "Shop chat" });
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await t.close();
});

async function visitor(options: { token?: string; user?: { id: string; hash: string }; key?: string } = {}) {
  const socket = await openTestSocket(`${base}/widget/v1/socket?key=${options.key ?? chat.widget_key}`, {
    origin: "https://shop.example",
  });
  sockets.push(socket);
  socket.send({ type: "hello", token: options.token, user: options.user });
  const welcome = await socket.waitFor((m) => m.type === "welcome" || m.type === "error");
  return { socket, welcome };
}

let clientIds = 0;
async function say(socket: TestSocket, body: string, extra: Record<string, unknown> = {}, clientId?: string) {
  const id = clientId ?? `client-${Date.now()}-${++clientIds}`;
  const from = socket.messages.length;
  socket.send({ type: "message", clientId: id, body, ...extra });
  return socket.waitFor((m) => (m.type === "ack" || m.type === "nack") && m.clientId === id, 5_000, from);
}

const messageOf = (m: SocketMessage) =>
  m.message as { id: string; from: string; body: string; author: string | null };

describe("GET /widget/v1/socket", () => {
  it("refuses an unknown key, and a site the inbox does not allow", async () => {
    await expect(openTestSocket(`${base}/widget/v1/socket?key=wk_nope`)).rejects.toThrow(/404/);
    const strict = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    await t.ctx.db.transaction((tx) =>
      upsertInboxChat(tx, { id: strict.id, workspaceId }, { allowedOrigins: ["https://shop.example"] }),
    );
    const url = `${base}/widget/v1/socket?key=${strict.widget_key}`;
    await expect(openTestSocket(url, { origin: "https://evil.example" })).rejects.toThrow(/403/);
    const allowed = await openTestSocket(url, { origin: "https://shop.example" });
    sockets.push(allowed);
  });

  it("starts a conversation from a visitor's first message, once even when it is sent again", async () => {
    const { socket, welcome } = await visitor();
    expect(welcome.conversation).toBeNull();
    expect(String(welcome.token)).toMatch(/^vt1\./);
    const ack = await say(
      socket,
      "Do you ship to Slovakia?",
      { name: "Eva", email: "eva@customer.example" },
      "first-message-1",
    );
    expect(ack.type).toBe("ack");
    const again = await say(socket, "Do you ship to Slovakia?", {}, "first-message-1");
    expect(messageOf(again).id).toBe(messageOf(ack).id);
    const rows = await t.ctx.db.query<{ channel: string; visitor_id: string; count: number }>(
      `SELECT c.channel, c.visitor_id, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS count
         FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.id = $1`,
      [messageOf(ack).id],
    );
    expect(rows).toEqual([{ channel: "chat", visitor_id: expect.stringMatching(/^v:/), count: 1 }]);
  });

  it("brings the agent's reply to the visitor live, never a note, and marks it delivered when shown", async () => {
    const { socket } = await visitor();
    const ack = await say(socket, "Is the blue lamp in stock?");
    const [conversation] = await t.ctx.db.query<{ conversation_id: string }>(
      "SELECT conversation_id FROM messages WHERE id = $1",
      [messageOf(ack).id],
    );
    const id = conversation!.conversation_id;
    expect(
      (await api.post(`/api/v1/conversations/${id}/messages`, agent, { kind: "note", body: "secret" }))
        .status,
    ).toBe(201);
    const reply = await api.post<{ id: string }>(`/api/v1/conversations/${id}/messages`, agent, {
      kind: "reply",
      body: "Yes, two left.",
    });
    const shown = await socket.waitFor((m) => m.type === "message" && messageOf(m).from === "agent");
    expect(messageOf(shown)).toMatchObject({ id: reply.body.id, body: "Yes, two left.", author: "Ana" });
    expect(socket.messages.some((m) => m.type === "message" && messageOf(m).body === "secret")).toBe(false);
    socket.send({ type: "received", ids: [reply.body.id] });
    await expect
      .poll(
        async () =>
          (
            await t.ctx.db.query<{ delivery_status: string }>(
              "SELECT delivery_status FROM messages WHERE id = $1",
              [reply.body.id],
            )
          )[0]!.delivery_status,
      )
      .toBe("sent");
  });

  it("gives a returning visitor their conversation back by token, and nobody else", async () => {
    const first = await visitor();
    await say(first.socket, "My order 1042 is late");
    await first.socket.close();
    const back = await visitor({ token: String(first.welcome.token) });
    expect((back.welcome.messages as { body: string }[]).map((m) => m.body)).toEqual([
      "My order 1042 is late",
    ]);
    const stranger = await visitor();
    expect(stranger.welcome.conversation).toBeNull();
    // A token whose signature was changed is not that visitor.
    const forged = String(first.welcome.token).replace(/.$/, (c) => (c === "a" ? "b" : "a"));
    expect((await visitor({ token: forged })).welcome.conversation).toBeNull();
  });

  it("follows a shop customer the shop vouched for to another device, and refuses a bad signature", async () => {
    const keys = await installKeys(t.ctx.db, t.ctx.env.HEED_SECRET);
    await t.ctx.db.transaction((tx) =>
      upsertInboxChat(tx, { id: chat.id, workspaceId }, { identitySecretSealed: keys.seal("shop-secret") }),
    );
    const hash = createHmac("sha256", "shop-secret").update("customer-77").digest("hex");
    const bad = await visitor({ user: { id: "customer-77", hash: "0".repeat(64) } });
    expect(bad.welcome).toMatchObject({ type: "error", code: "identity_refused" });
    const laptop = await visitor({ user: { id: "customer-77", hash } });
    await say(laptop.socket, "Hello from my laptop");
    const phone = await visitor({ user: { id: "customer-77", hash } });
    expect((phone.welcome.messages as { body: string }[]).map((m) => m.body)).toEqual([
      "Hello from my laptop",
    ]);
  });

  it("asks for required details, refuses an overlong message and shows an agent typing", async () => {
    const strict = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    await t.ctx.db.transaction((tx) =>
      upsertInboxChat(tx, { id: strict.id, workspaceId }, { askEmail: "required" }),
    );
    const { socket } = await visitor({ key: strict.widget_key! });
    expect((await say(socket, "Hi")).code).toBe("details_required");
    const ack = await say(socket, "Hi", { email: "jan@customer.example" });
    expect(ack.type).toBe("ack");
    const from = socket.messages.length;
    socket.send({ type: "message", clientId: "too-long-1", body: "x".repeat(5_001) });
    expect((await socket.waitFor((m) => m.type === "error", 5_000, from)).code).toBe("invalid_message");

    const [row] = await t.ctx.db.query<{ conversation_id: string }>(
      "SELECT conversation_id FROM messages WHERE id = $1",
      [messageOf(ack).id],
    );
    const agentSocket = await openTestSocket(`${base}/api/v1/realtime`, {
      authorization: `Bearer ${owner.token}`,
    });
    sockets.push(agentSocket);
    await agentSocket.waitFor((m) => m.type === "ready");
    agentSocket.send({ type: "view", conversationId: row!.conversation_id });
    agentSocket.send({ type: "typing", conversationId: row!.conversation_id });
    await socket.waitFor((m) => m.type === "typing" && (m.agents as string[]).length === 1);
  });
});

describe("agents online", () => {
  it("tells an open widget when the first agent comes online and when the last one leaves", async () => {
    const other = await buildWorkspace(t.ctx);
    const shopChat = await buildInbox(t.ctx, { workspaceId: other.workspace.id, channel: "chat" });
    const { socket, welcome } = await visitor({ key: shopChat.widget_key! });
    expect(welcome.agentsOnline).toBe(false);
    const from = socket.messages.length;
    const agentSocket = await openTestSocket(`${base}/api/v1/realtime`, {
      authorization: `Bearer ${other.owner.token}`,
    });
    await agentSocket.waitFor((m) => m.type === "ready");
    expect((await socket.waitFor((m) => m.type === "availability", 5_000, from)).agentsOnline).toBe(true);
    const after = socket.messages.length;
    await agentSocket.close();
    expect((await socket.waitFor((m) => m.type === "availability", 5_000, after)).agentsOnline).toBe(false);
  });
});

describe("widget limits", () => {
  it("refuses a visitor's 31st new message in a minute, but still answers resends of stored ones", async () => {
    const busy = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    const { socket } = await visitor({ key: busy.widget_key! });
    for (let i = 0; i < 30; i++)
      expect((await say(socket, `line ${i}`, {}, `limit-message-${i}`)).type).toBe("ack");
    const refused = await say(socket, "one more", {}, "limit-message-30");
    expect(refused).toMatchObject({ type: "nack", code: "rate_limited", retryAfterMs: 5_000 });
    expect((await say(socket, "line 3", {}, "limit-message-3")).type).toBe("ack");
  });
});

describe("the welcome's expected reply time", () => {
  it("is the median first reply of the last week, and null with fewer than ten", async () => {
    const quiet = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    expect((await visitor({ key: quiet.widget_key! })).welcome.expectedReplySeconds).toBeNull();

    const busy = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    for (let i = 0; i < 11; i++) {
      const { conversation } = await buildConversation(t.ctx, {
        workspaceId,
        inboxId: busy.id,
        at: new Date(Date.now() - (i + 1) * 60_000),
      });
      expect(
        (
          await api.post(`/api/v1/conversations/${conversation.id}/messages`, agent, {
            kind: "reply",
            body: "On it.",
          })
        ).status,
      ).toBe(201);
    }
    const seconds = (await visitor({ key: busy.widget_key! })).welcome.expectedReplySeconds as number;
    // First replies came 1 to 11 minutes after the messages: the median is 6 minutes.
    expect(seconds).toBeGreaterThan(5 * 60);
    expect(seconds).toBeLessThan(7 * 60);
  });
});

describe("widget files", () => {
  const http = () => base.replace(/^ws/, "http");
  const upload = (key: string, token: string | null, content: Buffer, name = "photo.jpg") =>
    fetch(`${http()}/widget/v1/uploads?key=${key}`, {
      method: "POST",
      headers: {
        "content-type": "image/jpeg",
        "x-file-name": encodeURIComponent(name),
        origin: "https://shop.example",
        ...(token ? { "x-visitor-token": token } : {}),
      },
      body: new Uint8Array(content),
    });

  it("takes a visitor's file for their message, serves it to them only, and never a note's", async () => {
    const key = chat.widget_key!;
    const { socket, welcome } = await visitor();
    const token = String(welcome.token);
    expect((await upload(key, null, Buffer.from("x"))).status).toBe(401);
    const preflight = await fetch(`${http()}/widget/v1/uploads?key=${key}`, {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-visitor-token");

    const bytes = Buffer.from("a broken lamp, photographed");
    const stored = await upload(key, token, bytes, "rozbita lampa.jpg");
    expect(stored.status).toBe(201);
    expect(stored.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const file = (await stored.json()) as { id: string; name: string };
    expect(file.name).toBe("rozbita lampa.jpg");

    // Only files: the message is named by them.
    const ack = await say(socket, "", { attachmentIds: [file.id] });
    expect(messageOf(ack).body).toBe("📎 rozbita lampa.jpg");
    expect((ack.message as { files: { id: string }[] }).files.map((f) => f.id)).toEqual([file.id]);

    const download = (id: string, as: string) =>
      fetch(`${http()}/widget/v1/files/${id}?key=${key}`, { headers: { "x-visitor-token": as } });
    const own = await download(file.id, token);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer())).toEqual(bytes);
    expect(own.headers.get("content-disposition")).toContain("attachment");
    const other = await visitor();
    expect((await download(file.id, String(other.welcome.token))).status).toBe(404);
    // Another visitor cannot put someone else's upload on their message.
    const theirs = await upload(key, token, Buffer.from("second"));
    const stolen = await say(other.socket, "look", {
      attachmentIds: [((await theirs.json()) as { id: string }).id],
    });
    expect(stolen).toMatchObject({ type: "nack", code: "invalid_attachments" });
  });
});

describe("a visitor with two tabs", () => {
  it("shows the conversation one tab starts in the other, message by message", async () => {
    const first = await visitor();
    const second = await visitor({ token: String(first.welcome.token) });
    expect(second.welcome.conversation).toBeNull();
    await say(first.socket, "Started in the first tab");
    await second.socket.waitFor(
      (m) => m.type === "message" && messageOf(m).body === "Started in the first tab",
    );
    await say(first.socket, "And a second line");
    await second.socket.waitFor((m) => m.type === "message" && messageOf(m).body === "And a second line");
  });
});

describe("the welcome's office hours", () => {
  it("is null without a calendar, open inside it, and says when it opens next outside it", async () => {
    const hours = await buildInbox(t.ctx, { workspaceId, channel: "chat" });
    expect((await visitor({ key: hours.widget_key! })).welcome.hours).toBeNull();
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" }));
    const today = new Date().toISOString().slice(0, 10);
    const closedToday = await api.post<{ id: string }>("/api/v1/calendars", owner, {
      name: `Closed ${today}`,
      timeZone: "UTC",
      intervals: allDay,
      holidays: [{ date: today, yearly: false }],
    });
    expect(closedToday.status).toBe(201);
    await api.put(`/api/v1/inboxes/${hours.id}/calendar`, owner, { calendarId: closedToday.body.id });
    // The change reaches the widget server with its event (the hours are cached until then).
    let found: unknown = null;
    await expect
      .poll(async () => (found = (await visitor({ key: hours.widget_key! })).welcome.hours))
      .not.toBeNull();
    const closed = found as { open: boolean; nextOpening: string };
    expect(closed.open).toBe(false);
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    expect(closed.nextOpening).toBe(tomorrow.toISOString());
  });
});
