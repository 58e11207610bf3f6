import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiTest, type ErrorBody } from "../../../test/helpers/api-test.js";
import type { TestApp } from "../../../test/helpers/app.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { notifyUser } from "../commands/notify-user.js";
import type { TNotification } from "../presenters/notification-presenter.js";

interface Page {
  data: TNotification[];
  nextCursor: string | null;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let colleague: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest({ agentName: "Ana Kovač" }));
  colleague = await buildAgent(t.ctx, workspaceId, { name: "Marko Marić" });
});
afterAll(() => t.close());

/** A notification for `to` about a new conversation (subject "Lost order …"), caused by `by`. */
async function notify(to: TestActor, kind = "follow_up_due", by: TestActor | null = owner) {
  const { conversation } = await buildConversation(t.ctx, {
    workspaceId: to.workspaceId,
    subject: `Lost order ${Math.random().toString(36).slice(2, 8)}`,
  });
  const notification = await t.ctx.db.transaction((tx) =>
    notifyUser(tx, {
      workspaceId: to.workspaceId,
      userId: to.user.id,
      kind,
      conversationId: conversation.id,
      actorUserId: by?.user.id ?? null,
      payload: { note: "Check the replacement arrived" },
    }),
  );
  return { notification, conversation };
}

const unreadCount = async (actor: TestActor) =>
  (await api.get<{ count: number; isCapped: boolean }>("/api/v1/notifications/unread-count", actor)).body;

describe("GET /api/v1/notifications", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/notifications", null)).status).toBe(401);
    expect((await api.get("/api/v1/notifications/unread-count", null)).status).toBe(401);
  });

  it("lists only the caller's own notifications, newest first, with conversation and actor", async () => {
    const first = await notify(agent);
    const second = await notify(agent, "snooze_ended", null);
    await notify(colleague);
    await notify(stranger, "follow_up_due", stranger);

    const page = await api.get<Page>("/api/v1/notifications", agent);
    expect(page.status).toBe(200);
    expect(page.body.data.map((n) => n.id)).toEqual([second.notification.id, first.notification.id]);
    expect(page.body.data[1]).toEqual({
      id: first.notification.id,
      kind: "follow_up_due",
      conversationId: first.conversation.id,
      conversation: {
        id: first.conversation.id,
        number: first.conversation.number,
        subject: first.conversation.subject,
      },
      actor: { id: owner.user.id, name: "Olga Owner" },
      payload: { note: "Check the replacement arrived" },
      readAt: null,
      createdAt: first.notification.created_at.toISOString(),
    });
    expect(page.body.data[0]!.actor).toBeNull();

    // Another workspace's owner sees only their own; the workspace owner sees none of the agent's.
    const theirs = await api.get<Page>("/api/v1/notifications", stranger);
    expect(theirs.body.data.map((n) => n.kind)).toEqual(["follow_up_due"]);
    const owners = await api.get<Page>("/api/v1/notifications", owner);
    expect(owners.body.data).toEqual([]);
  });

  it("pages with a cursor", async () => {
    const reader = await buildAgent(t.ctx, workspaceId);
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await notify(reader)).notification.id);
    const first = await api.get<Page>("/api/v1/notifications?limit=2", reader);
    expect(first.body.data.map((n) => n.id)).toEqual([made[4], made[3]]);
    const second = await api.get<Page>(
      `/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`,
      reader,
    );
    expect(second.body.data.map((n) => n.id)).toEqual([made[2], made[1]]);
    const third = await api.get<Page>(
      `/api/v1/notifications?limit=2&cursor=${second.body.nextCursor}`,
      reader,
    );
    expect(third.body.data.map((n) => n.id)).toEqual([made[0]]);
    expect(third.body.nextCursor).toBeNull();
    expect((await api.get<ErrorBody>("/api/v1/notifications?cursor=nonsense", reader)).status).toBe(400);
  });

  it("leaves out notifications about conversations of an inbox the user no longer sees", async () => {
    const reader = await buildAgent(t.ctx, workspaceId);
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: closed.id });
    await t.ctx.db.transaction((tx) =>
      notifyUser(tx, {
        workspaceId,
        userId: reader.user.id,
        kind: "escalated",
        conversationId: conversation.id,
      }),
    );
    const plain = await t.ctx.db.transaction((tx) =>
      notifyUser(tx, { workspaceId, userId: reader.user.id, kind: "digest", conversationId: null }),
    );
    const page = await api.get<Page>("/api/v1/notifications", reader);
    expect(page.body.data.map((n) => n.id)).toEqual([plain.id]);
    expect(page.body.data[0]!.conversation).toBeNull();
    expect((await unreadCount(reader)).count).toBe(1);
  });
});

describe("POST /api/v1/notifications/read and the unread count", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.post("/api/v1/notifications/read", null, { all: true })).status).toBe(401);
  });

  it("marks the given ones read, filters unread=true and counts what is left", async () => {
    const reader = await buildAgent(t.ctx, workspaceId);
    const a = await notify(reader);
    const b = await notify(reader);
    const c = await notify(reader);
    expect(await unreadCount(reader)).toEqual({ count: 3, isCapped: false });

    const response = await api.post("/api/v1/notifications/read", reader, { ids: [a.notification.id] });
    expect(response.status).toBe(204);
    expect((await unreadCount(reader)).count).toBe(2);
    const unread = await api.get<Page>("/api/v1/notifications?unread=true", reader);
    expect(unread.body.data.map((n) => n.id)).toEqual([c.notification.id, b.notification.id]);
    const all = await api.get<Page>("/api/v1/notifications", reader);
    expect(all.body.data.find((n) => n.id === a.notification.id)!.readAt).not.toBeNull();

    // Their other tabs hear of it: an event only they receive.
    const events = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE type = 'notification.read' AND payload->>'userId' = $1",
      [reader.user.id],
    );
    expect(events.map((e) => e.payload.notificationIds)).toEqual([[a.notification.id]]);

    expect((await api.post("/api/v1/notifications/read", reader, { all: true })).status).toBe(204);
    expect(await unreadCount(reader)).toEqual({ count: 0, isCapped: false });
    expect((await api.get<Page>("/api/v1/notifications?unread=true", reader)).body.data).toEqual([]);
  });

  it("cannot mark someone else's notifications read", async () => {
    const mine = await notify(colleague);
    expect(
      (await api.post("/api/v1/notifications/read", agent, { ids: [mine.notification.id] })).status,
    ).toBe(204);
    expect((await api.post("/api/v1/notifications/read", stranger, { all: true })).status).toBe(204);
    const page = await api.get<Page>("/api/v1/notifications", colleague);
    expect(page.body.data.find((n) => n.id === mine.notification.id)!.readAt).toBeNull();
  });

  it("answers 400 unless exactly one of ids and all is given", async () => {
    const none = await api.post<ErrorBody>("/api/v1/notifications/read", agent, {});
    expect(none.status).toBe(400);
    expect(none.body.error.details![0]!.field).toBe("ids");
    const both = await api.post<ErrorBody>("/api/v1/notifications/read", agent, {
      ids: [crypto.randomUUID()],
      all: true,
    });
    expect(both.status).toBe(400);
    const notIds = await api.post<ErrorBody>("/api/v1/notifications/read", agent, { ids: ["x"] });
    expect(notIds.status).toBe(400);
    expect(notIds.body.error.details![0]!.field).toMatch(/^ids/);
  });

  it("caps the unread count", async () => {
    const reader = await buildAgent(t.ctx, workspaceId);
    await t.ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 101; i++) {
        await notifyUser(tx, {
          workspaceId,
          userId: reader.user.id,
          kind: "sla_warning",
          conversationId: null,
        });
      }
    });
    expect(await unreadCount(reader)).toEqual({ count: 100, isCapped: true });
  });
});
