import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import {
  openTestSocket,
  type SocketMessage,
  type TestSocket,
} from "../../../test/helpers/realtime-client.js";

let t: TestApp;
let api: ApiClient;
let base: string;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = address.replace(/^http/, "ws") + "/api/v1/realtime";
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId, { name: "Ana Agent" });
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await t.close();
});

async function connect(actor: TestActor, query = ""): Promise<TestSocket> {
  const socket = await openTestSocket(`${base}${query}`, { authorization: `Bearer ${actor.token}` });
  sockets.push(socket);
  await socket.waitFor((m) => m.type === "ready");
  return socket;
}

const eventsOf = (messages: SocketMessage[]) =>
  messages
    .filter((m) => m.type === "events")
    .flatMap((m) => m.events as { id: number; type: string; conversationId: string | null }[]);

describe("GET /api/v1/realtime", () => {
  it("refuses a handshake without credentials, and a session cookie sent from another site", async () => {
    await expect(openTestSocket(base)).rejects.toThrow(/401/);
    const cookie = await signIn(t.app, (await buildAgent(t.ctx, workspaceId)).user.email, "agent password 1");
    await expect(openTestSocket(base, { cookie, origin: "https://evil.example" })).rejects.toThrow(/403/);
    await expect(openTestSocket(base, { cookie })).rejects.toThrow(/403/);
    const own = await openTestSocket(base, { cookie, origin: TEST_ORIGIN });
    sockets.push(own);
    await own.waitFor((m) => m.type === "ready");
  });

  it("delivers a new conversation live to whoever may see its inbox, and only to them", async () => {
    const closedInbox = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const seer = await connect(agent);
    const admin = await connect(owner);
    const other = await buildWorkspace(t.ctx);
    const stranger = await connect(other.owner);
    const hidden = await buildConversation(t.ctx, { workspaceId, inboxId: closedInbox.id });
    const open = await buildConversation(t.ctx, { workspaceId });
    const opened = (socket: TestSocket, id: string) =>
      socket.waitFor((m) => m.type === "events" && eventsOf([m]).some((e) => e.conversationId === id));
    await opened(seer, open.conversation.id);
    await opened(admin, hidden.conversation.id);
    await opened(admin, open.conversation.id);
    // The agent saw the open one, so anything about the hidden one would have come first.
    expect(eventsOf(seer.messages).some((e) => e.conversationId === hidden.conversation.id)).toBe(false);
    // Nothing of this workspace; its own creation, committed just before it connected, may still come
    // (the event tail reads it after the connection on PostgreSQL, where a notification travels).
    const ownIds = new Set(
      (
        await t.ctx.db.query<{ id: string }>("SELECT id FROM events WHERE workspace_id = $1", [
          other.workspace.id,
        ])
      ).map((row) => Number(row.id)),
    );
    expect(eventsOf(stranger.messages).filter((e) => !ownIds.has(e.id))).toEqual([]);
    const folders = await seer.waitFor((m) => m.type === "folders");
    const counts = folders.folders as { open: number; inboxes: { inboxId: string }[] };
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.inboxes.map((i) => i.inboxId)).not.toContain(closedInbox.id);
  });

  it("after a reconnect, sends every event missed meanwhile exactly once", async () => {
    const first = await connect(agent);
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const seen = await first.waitFor(
      (m) => m.type === "events" && eventsOf([m]).some((e) => e.conversationId === conversation.id),
    );
    const watermark = Number(seen.watermark);
    await first.close();
    for (let i = 0; i < 5; i++) {
      const reply = await api.post(`/api/v1/conversations/${conversation.id}/messages`, agent, {
        kind: "note",
        body: `note ${i}`,
      });
      expect(reply.status).toBe(201);
    }
    const again = await connect(agent, `?after=${watermark}`);
    const missed = eventsOf(again.messages).filter(
      (e) => e.conversationId === conversation.id && e.id > watermark,
    );
    const notes = missed.filter((e) => e.type === "message.created");
    expect(notes).toHaveLength(5);
    const ids = eventsOf(again.messages).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows who is online, who has a conversation open and who types there", async () => {
    const lead = await buildAgent(t.ctx, workspaceId, { name: "Boris Lead" });
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const ana = await connect(agent);
    const boris = await connect(lead);
    await ana.waitFor(
      (m) => m.type === "presence" && (m.online as { name: string }[]).some((u) => u.name === "Boris Lead"),
    );
    ana.send({ type: "view", conversationId: conversation.id });
    boris.send({ type: "view", conversationId: conversation.id });
    await ana.waitFor(
      (m) => m.type === "activity" && (m.viewers as { name: string }[]).some((u) => u.name === "Boris Lead"),
    );
    boris.send({ type: "typing", conversationId: conversation.id });
    await ana.waitFor(
      (m) => m.type === "activity" && (m.typing as { name: string }[]).some((u) => u.name === "Boris Lead"),
    );
    const from = ana.messages.length;
    await boris.close();
    await ana.waitFor(
      (m) => m.type === "presence" && !(m.online as { name: string }[]).some((u) => u.name === "Boris Lead"),
      5_000,
      from,
    );
  });

  it("refuses to show a conversation the agent may not see, and answers malformed messages", async () => {
    const closedInbox = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: closedInbox.id });
    const socket = await connect(agent);
    socket.send({ type: "view", conversationId: conversation.id });
    expect((await socket.waitFor((m) => m.type === "error")).code).toBe("not_found");
    const from = socket.messages.length;
    socket.send({ type: "shout" });
    expect((await socket.waitFor((m) => m.type === "error", 5_000, from)).code).toBe("invalid_message");
  });
});
