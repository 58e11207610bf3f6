import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, signIn } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { notifyUser } from "../commands/notify-user.js";
import { findEventsAfter, findVisibleEvents } from "../models/event-feed.js";
import { recordEvent } from "../models/events.js";
import { mayReceiveEvent, viewerScope } from "./event-policy.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("mayReceiveEvent", () => {
  it("lets through exactly what the catch-up feed shows, for an agent and for an admin", async () => {
    const { workspace, owner } = await buildWorkspace(t.ctx);
    const workspaceId = workspace.id;
    const agent = await buildAgent(t.ctx, workspaceId);
    const other = await buildAgent(t.ctx, workspaceId);
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const mine = await buildInbox(t.ctx, { workspaceId, access: "members", memberIds: [agent.user.id] });
    const hidden = await buildConversation(t.ctx, { workspaceId, inboxId: closed.id, status: "pending" });
    await buildConversation(t.ctx, { workspaceId, inboxId: mine.id, tags: ["vip"] });
    await buildConversation(t.ctx, { workspaceId });
    // Sign-ins and tokens of another user, and a tag change: workspace-level events.
    await signIn(t.app, other.user.email, other.password);
    await apiClient(t.app).post("/api/v1/tokens", other, { name: "script" });
    // Notifications reach their recipient only, whatever the conversation; one without a recipient nobody.
    await t.ctx.db.transaction(async (tx) => {
      await notifyUser(tx, {
        workspaceId,
        userId: agent.user.id,
        kind: "follow_up_due",
        conversationId: hidden.conversation.id,
        actorUserId: owner.user.id,
      });
      await notifyUser(tx, {
        workspaceId,
        userId: other.user.id,
        kind: "snooze_ended",
        conversationId: null,
      });
      await recordEvent(tx, { workspaceId, type: "notification.created", payload: { kind: "broken" } });
    });
    await apiClient(t.app).post("/api/v1/notifications/read", other, { all: true });
    // Another workspace's events never pass.
    await buildConversation(t.ctx);

    for (const actor of [agent, owner, other]) {
      const user = {
        userId: actor.user.id,
        workspaceId,
        role: actor.user.role,
        name: "",
        via: "token" as const,
      };
      const scope = await findInboxScope(t.ctx.db, user);
      const feed = await findVisibleEvents(t.ctx.db, {
        workspaceId,
        userId: actor.user.id,
        inboxIds: scope.isAll ? null : scope.ids,
        afterId: 0,
        limit: 10_000,
      });
      const viewer = { workspaceId, userId: actor.user.id, inboxIds: viewerScope(scope) };
      const live = (await findEventsAfter(t.ctx.db, 0, 100_000)).filter((row) =>
        mayReceiveEvent(viewer, row),
      );
      expect(live.map((row) => Number(row.id))).toEqual(feed.map((row) => Number(row.id)));
      expect(feed.length).toBeGreaterThan(3);
      const notifications = feed.filter((row) => row.type.startsWith("notification."));
      expect(notifications.every((row) => row.payload.userId === actor.user.id)).toBe(true);
      expect(notifications.map((row) => row.type)).toEqual(
        actor === agent
          ? ["notification.created"]
          : actor === other
            ? ["notification.created", "notification.read"]
            : [],
      );
    }
  });
});
