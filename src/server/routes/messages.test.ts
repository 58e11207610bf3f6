import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { parseMentions } from "../commands/reply-to-conversation.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TConversation } from "../presenters/conversation-presenter.js";
import type { TMessage } from "../presenters/message-presenter.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let ana: TestActor;
let marko: TestActor;
let workspaceId: string;
let inbox: InboxRow;
let privateInbox: InboxRow;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  ana = await buildAgent(t.ctx, workspaceId, { name: "Ana Kovač" });
  marko = await buildAgent(t.ctx, workspaceId, { name: "Marko Marić" });
  inbox = await buildInbox(t.ctx, { workspaceId });
  privateInbox = await buildInbox(t.ctx, { workspaceId, access: "members", memberIds: [ana.user.id] });
});
afterAll(() => t.close());

const url = (id: string) => `/api/v1/conversations/${id}/messages`;
const fresh = async (inboxId = inbox.id) =>
  (await buildConversation(t.ctx, { workspaceId, inboxId })).conversation;
const eventsOf = (conversationId: string) =>
  t.ctx.db.query<{ type: string; payload: Record<string, unknown> }>(
    "SELECT type, payload FROM events WHERE conversation_id = $1 ORDER BY id",
    [conversationId],
  );

describe("POST /api/v1/conversations/:id/messages", () => {
  it("returns 401 without credentials", async () => {
    const conversation = await fresh();
    expect((await api.post(url(conversation.id), null, { kind: "reply", body: "Hi" })).status).toBe(401);
  });

  it("returns 404 for another workspace's conversation and writes nothing", async () => {
    const foreign = await buildConversation(t.ctx);
    const response = await api.post(url(foreign.conversation.id), owner, { kind: "reply", body: "Hi" });
    expect(response.status).toBe(404);
    const rows = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM messages WHERE conversation_id = $1",
      [foreign.conversation.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("returns 404 to an agent who cannot see the members-only inbox", async () => {
    const conversation = await fresh(privateInbox.id);
    expect((await api.post(url(conversation.id), marko, { kind: "note", body: "peek" })).status).toBe(404);
    expect((await api.post(url(conversation.id), ana, { kind: "note", body: "member" })).status).toBe(201);
  });

  it("answers 400 naming the field for a bad kind, an empty body or an unknown field", async () => {
    const conversation = await fresh();
    const kind = await api.post<ErrorBody>(url(conversation.id), ana, { kind: "email", body: "x" });
    expect(kind.body.error.details![0]!.field).toBe("kind");
    const empty = await api.post<ErrorBody>(url(conversation.id), ana, { kind: "reply", body: "   " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details![0]!.field).toBe("body");
    const extra = await api.post<ErrorBody>(url(conversation.id), ana, {
      kind: "reply",
      body: "x",
      authorUserId: owner.user.id,
    });
    expect(extra.body.error.details![0]!.field).toBe("authorUserId");
  });

  it("stores a reply as a pending outgoing message, ends the wait and sets the first reply time once", async () => {
    const conversation = await fresh();
    const first = await api.post<TMessage>(url(conversation.id), ana, {
      kind: "reply",
      body: "It ships tomorrow.",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: "outgoing",
      deliveryStatus: "pending",
      body: "It ships tomorrow.",
      author: { type: "user", id: ana.user.id, name: "Ana Kovač" },
      attachments: [],
    });
    const after = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, ana);
    expect(after.body.waitingSince).toBeNull();
    expect(after.body.preview).toBe("It ships tomorrow.");
    expect(after.body.messageCount).toBe(2);
    const firstReplyAt = after.body.firstReplyAt;
    expect(firstReplyAt).not.toBeNull();
    await api.post(url(conversation.id), marko, { kind: "reply", body: "Tracking number follows." });
    const later = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, ana);
    expect(later.body.firstReplyAt).toBe(firstReplyAt);
    const created = (await eventsOf(conversation.id)).filter((e) => e.type === "message.created");
    expect(created.map((e) => e.payload.kind)).toEqual(["incoming", "outgoing", "outgoing"]);
    expect(created[1]!.payload).toMatchObject({ messageId: first.body.id, channel: "email" });
  });

  it("keeps a note internal: the customer keeps waiting, and no delivery is pending", async () => {
    const conversation = await fresh();
    const note = await api.post<TMessage>(url(conversation.id), ana, {
      kind: "note",
      body: "Customer is a reseller.",
    });
    expect(note.body).toMatchObject({ kind: "note", deliveryStatus: null });
    const after = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, ana);
    expect(after.body.waitingSince).not.toBeNull();
    expect(after.body.firstReplyAt).toBeNull();
  });

  it("records @mentions of users who can see the inbox, with a note.mentioned event each", async () => {
    const conversation = await fresh(privateInbox.id);
    const note = await api.post<TMessage>(url(conversation.id), owner, {
      kind: "note",
      body: `@${ana.user.handle}, can you check? cc @${marko.user.handle} and @nobody.here. Mail me@example.com`,
    });
    expect(note.status).toBe(201);
    const mentions = await t.ctx.db.query<{ user_id: string }>(
      "SELECT user_id FROM mentions WHERE message_id = $1",
      [note.body.id],
    );
    // Marko cannot see the members-only inbox: mentioning him must not leak the conversation.
    expect(mentions.map((m) => m.user_id)).toEqual([ana.user.id]);
    const mentioned = (await eventsOf(conversation.id)).filter((e) => e.type === "note.mentioned");
    expect(mentioned.map((e) => e.payload.userId)).toEqual([ana.user.id]);
  });

  it("makes replies and notes searchable in the conversation's language", async () => {
    const conversation = await fresh();
    await api.post(url(conversation.id), ana, {
      kind: "note",
      body: "The courier returned the parcel damaged",
    });
    const found = await api.get<{ data: { id: string }[] }>(
      `/api/v1/conversations?q=${encodeURIComponent("parcels returned")}`,
      ana,
    );
    expect(found.body.data.map((c) => c.id)).toContain(conversation.id);
  });
});

describe("parseMentions", () => {
  it("reads handles with dots, ignores emails and trailing punctuation", () => {
    expect(parseMentions("@ana.kovac, ping @Marko. mail x@y.com (@iva_m)")).toEqual([
      "ana.kovac",
      "marko",
      "iva_m",
    ]);
  });
});

describe("GET /api/v1/conversations/:id/messages (older pages of a long timeline)", () => {
  /** A conversation with `count` notes after its first message, one second apart (written directly). */
  async function longConversation(count: number) {
    const conversation = await fresh();
    await t.ctx.db.query(
      `INSERT INTO messages (id, workspace_id, conversation_id, kind, body, author_user_id, created_at)
       SELECT gen_random_uuid(), $1, $2, 'note', 'note ' || n, $3, now() + n * interval '1 second'
         FROM generate_series(1, $4::int) AS n`,
      [workspaceId, conversation.id, owner.user.id, count],
    );
    return conversation;
  }
  const older = (id: string, before: string, extra = "") =>
    api.get<{ data: TMessage[]; nextCursor: string | null; error?: { details: { field: string }[] } }>(
      `${url(id)}?before=${before}${extra}`,
      owner,
    );

  it("returns 401 without credentials and 404 for another workspace's conversation", async () => {
    const conversation = await fresh();
    const open = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, owner);
    const first = open.body.messages[0]!.id;
    expect((await api.get(`${url(conversation.id)}?before=${first}`, null)).status).toBe(401);
    const foreign = await buildConversation(t.ctx);
    expect((await api.get(`${url(foreign.conversation.id)}?before=${first}`, owner)).status).toBe(404);
  });

  it("answers 400 naming the field for a missing, malformed or foreign `before`", async () => {
    const conversation = await fresh();
    const other = await fresh();
    const otherMessage = (await api.get<TConversation>(`/api/v1/conversations/${other.id}`, owner)).body
      .messages[0]!.id;
    for (const query of ["", "?before=nope", `?before=${otherMessage}`, `?before=${otherMessage}&limit=0`]) {
      const response = await api.get<ErrorBody>(`${url(conversation.id)}${query}`, owner);
      expect(response.status).toBe(400);
      expect(response.body.error.details?.[0]?.field).toMatch(/before|limit/);
    }
  });

  it("says when a conversation has more than the 500 newest messages, and pages back to the first", async () => {
    const conversation = await longConversation(620);
    const open = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, owner);
    expect(open.body.messages).toHaveLength(500);
    expect(open.body.hasEarlierMessages).toBe(true);
    expect(open.body.messages.at(-1)!.body).toBe("note 620");

    const seen = [...open.body.messages];
    let before: string | null = seen[0]!.id;
    while (before) {
      const page = await older(conversation.id, before, "&limit=50");
      expect(page.status).toBe(200);
      seen.unshift(...page.body.data);
      before = page.body.nextCursor;
    }
    // 621 messages: the customer's first one and 620 notes, each once, in order.
    expect(seen).toHaveLength(621);
    expect(new Set(seen.map((m) => m.id)).size).toBe(621);
    expect(seen[0]!.kind).toBe("incoming");
    expect(seen.slice(1).map((m) => m.body)).toEqual(Array.from({ length: 620 }, (_, i) => `note ${i + 1}`));
  });

  it("reports no earlier messages for a short conversation", async () => {
    const conversation = await fresh();
    const open = await api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, owner);
    expect(open.body.hasEarlierMessages).toBe(false);
    const page = await older(conversation.id, open.body.messages[0]!.id);
    expect(page.body).toEqual({ data: [], nextCursor: null });
  });
});

describe("the collision guard", () => {
  const newestMessage = async (conversationId: string) =>
    (
      await t.ctx.db.query<{ id: string }>(
        "SELECT id FROM messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        [conversationId],
      )
    )[0]!.id;

  it("refuses a reply when someone else wrote after the draft began, naming what is new", async () => {
    const conversation = await fresh();
    const seen = await newestMessage(conversation.id);
    const note = await api.post<TMessage>(url(conversation.id), marko, {
      kind: "note",
      body: "I called them",
    });
    expect(note.status).toBe(201);
    const refused = await api.post<ErrorBody & { error: { details: { messageIds: string[] } } }>(
      url(conversation.id),
      ana,
      { kind: "reply", body: "Your parcel is on its way", seenMessageId: seen },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conversation_changed");
    expect(refused.body.error.details.messageIds).toEqual([note.body.id]);
    const messages = await t.ctx.db.query(
      "SELECT id FROM messages WHERE conversation_id = $1 AND kind = 'outgoing'",
      [conversation.id],
    );
    expect(messages).toEqual([]);
    // Having read it, the agent sends again from the newest message: it goes.
    const sent = await api.post(url(conversation.id), ana, {
      kind: "reply",
      body: "Your parcel is on its way",
      seenMessageId: note.body.id,
    });
    expect(sent.status).toBe(201);
  });

  it("lets a reply through after the agent's own messages and activity lines", async () => {
    const conversation = await fresh();
    const seen = await newestMessage(conversation.id);
    expect((await api.post(url(conversation.id), ana, { kind: "note", body: "checking stock" })).status).toBe(
      201,
    );
    expect(
      (await api.patch(`/api/v1/conversations/${conversation.id}`, marko, { priority: "high" })).status,
    ).toBe(200);
    const sent = await api.post(url(conversation.id), ana, {
      kind: "reply",
      body: "In stock",
      seenMessageId: seen,
    });
    expect(sent.status).toBe(201);
  });

  it("answers 400 for a seen message of another conversation", async () => {
    const conversation = await fresh();
    const other = await fresh();
    const response = await api.post<ErrorBody>(url(conversation.id), ana, {
      kind: "reply",
      body: "Hello",
      seenMessageId: await newestMessage(other.id),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.field).toBe("seenMessageId");
  });
});
