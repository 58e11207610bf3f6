import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient } from "../../../test/helpers/api.js";
import { dropTestDatabase } from "../../../test/helpers/db.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import {
  buildConversation,
  type ConversationOverrides,
} from "../../../test/helpers/factories-conversations.js";
import { testDatabaseUrl } from "../../../test/helpers/test-env.js";
import { buildApp } from "../app.js";
import type { Actor } from "../context.js";
import { openEmbeddedDatabase } from "../db/embedded.js";
import { createPgDatabase } from "../db/pg-database.js";
import type { Database } from "../db/types.js";
import type { TNotification } from "../presenters/notification-presenter.js";
import { cancelFollowUp } from "./cancel-follow-up.js";
import { findNextFollowUpDue, fireDueFollowUps } from "./fire-due-follow-ups.js";
import { setFollowUp } from "./set-follow-up.js";

let t: TestApp;
let workspaceId: string;
let owner: TestActor;
let agent: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  const built = await buildWorkspace(t.ctx);
  workspaceId = built.workspace.id;
  owner = built.owner;
  agent = await buildAgent(t.ctx, workspaceId, { name: "Ana Kovač" });
});
afterAll(() => t.close());

const actorOf = (user: TestActor): Actor => ({
  userId: user.user.id,
  workspaceId: user.workspaceId,
  role: user.user.role,
  name: user.user.name,
  via: "token",
});

const NOTE = "Check the replacement lamp arrived";

/**
 * A conversation with a follow-up set by `by` whose time has passed (moved back directly, as if it fell
 * due while Heed was down: setting one needs a future time).
 */
async function dueFollowUp(overrides: ConversationOverrides = {}, by: TestActor = owner, db?: Database) {
  const { conversation } = await buildConversation(t.ctx, { workspaceId, ...overrides });
  const followUp = await setFollowUp(db ?? t.ctx.db, actorOf(by), conversation.id, {
    dueAt: new Date(Date.now() + 3600_000),
    note: NOTE,
  });
  await (db ?? t.ctx.db).query("UPDATE follow_ups SET due_at = $2 WHERE id = $1", [
    followUp.id,
    new Date(Date.now() - 60_000),
  ]);
  return { conversationId: conversation.id, followUpId: followUp.id };
}

const conversationRow = async (id: string) =>
  (
    await t.ctx.db.query<{ status: string; snoozed_until: Date | null }>(
      "SELECT status, snoozed_until FROM conversations WHERE id = $1",
      [id],
    )
  )[0]!;

const eventsOf = (db: Database, conversationId: string, type: string) =>
  db.query<{ payload: Record<string, unknown>; actor_user_id: string | null }>(
    "SELECT payload, actor_user_id FROM events WHERE conversation_id = $1 AND type = $2",
    [conversationId, type],
  );

const notificationsOf = (db: Database, conversationId: string) =>
  db.query<{
    user_id: string;
    kind: string;
    actor_user_id: string | null;
    payload: Record<string, unknown>;
  }>("SELECT user_id, kind, actor_user_id, payload FROM notifications WHERE conversation_id = $1", [
    conversationId,
  ]);

describe("fireDueFollowUps", () => {
  it("reopens a pending, a snoozed and a resolved conversation, with an activity line and an event", async () => {
    const pending = await dueFollowUp({ status: "pending" });
    const snoozed = await dueFollowUp({ snoozedUntil: new Date(Date.now() + 86_400_000) });
    const resolved = await dueFollowUp({ status: "resolved" });
    expect(await fireDueFollowUps(t.ctx.db)).toBeGreaterThanOrEqual(3);

    for (const [due, from] of [
      [pending, "pending"],
      [snoozed, "snoozed"],
      [resolved, "resolved"],
    ] as const) {
      expect(await conversationRow(due.conversationId)).toEqual({ status: "open", snoozed_until: null });
      const activity = await t.ctx.db.query<{ body: string; meta: Record<string, unknown> }>(
        "SELECT body, meta FROM messages WHERE conversation_id = $1 AND kind = 'activity' ORDER BY created_at DESC, id DESC LIMIT 1",
        [due.conversationId],
      );
      expect(activity[0]!.body).toBe(`Follow-up due: ${NOTE}`);
      expect(activity[0]!.meta).toMatchObject({ action: "follow_up_due", note: NOTE, from, to: "open" });
      const events = await eventsOf(t.ctx.db, due.conversationId, "conversation.follow_up_due");
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({ followUpId: due.followUpId, from, to: "open" });
      const fired = await t.ctx.db.query<{ fired_at: Date | null }>(
        "SELECT fired_at FROM follow_ups WHERE id = $1",
        [due.followUpId],
      );
      expect(fired[0]!.fired_at).toBeInstanceOf(Date);
    }

    // The folder counters followed the reopening.
    const counts = await t.ctx.db.query<{ status: string; n: number }>(
      "SELECT status, sum(count)::int AS n FROM folder_counts WHERE workspace_id = $1 GROUP BY status",
      [workspaceId],
    );
    const actual = await t.ctx.db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM conversations WHERE workspace_id = $1 GROUP BY status",
      [workspaceId],
    );
    const byStatus = (rows: { status: string; n: number }[]) =>
      Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.status, Number(r.n)]));
    expect(byStatus(counts)).toEqual(byStatus(actual));
  });

  it("leaves an open conversation open and still writes the line and notifies", async () => {
    const due = await dueFollowUp({ assigneeId: agent.user.id });
    await fireDueFollowUps(t.ctx.db);
    expect((await conversationRow(due.conversationId)).status).toBe("open");
    const events = await eventsOf(t.ctx.db, due.conversationId, "conversation.follow_up_due");
    expect(events.map((e) => e.payload.from)).toEqual(["open"]);
    expect(await notificationsOf(t.ctx.db, due.conversationId)).toHaveLength(1);
  });

  it("notifies the assignee, with who set the follow-up as the actor", async () => {
    const due = await dueFollowUp({ status: "resolved", assigneeId: agent.user.id }, owner);
    await fireDueFollowUps(t.ctx.db);
    const notifications = await notificationsOf(t.ctx.db, due.conversationId);
    expect(notifications).toEqual([
      {
        user_id: agent.user.id,
        kind: "follow_up_due",
        actor_user_id: owner.user.id,
        payload: expect.objectContaining({ followUpId: due.followUpId, note: NOTE, from: "resolved" }),
      },
    ]);
    // The bell hears of it live: a notification.created event addressed to the agent.
    const created = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE type = 'notification.created' AND payload->>'userId' = $1",
      [agent.user.id],
    );
    expect(created.map((e) => e.payload.kind)).toContain("follow_up_due");
  });

  it("notifies whoever set the follow-up when nobody is assigned", async () => {
    const due = await dueFollowUp({ status: "pending" }, agent);
    await fireDueFollowUps(t.ctx.db);
    const notifications = await notificationsOf(t.ctx.db, due.conversationId);
    expect(notifications.map((n) => [n.user_id, n.kind])).toEqual([[agent.user.id, "follow_up_due"]]);
  });

  it("does not fire cancelled, replaced or future follow-ups", async () => {
    const cancelled = await dueFollowUp({ status: "pending" });
    await cancelFollowUp(t.ctx.db, actorOf(owner), cancelled.conversationId);
    const replaced = await dueFollowUp({ status: "pending" });
    const later = await setFollowUp(t.ctx.db, actorOf(owner), replaced.conversationId, {
      dueAt: new Date(Date.now() + 86_400_000),
    });
    await fireDueFollowUps(t.ctx.db);
    for (const id of [cancelled.conversationId, replaced.conversationId]) {
      expect((await conversationRow(id)).status).toBe("pending");
      expect(await eventsOf(t.ctx.db, id, "conversation.follow_up_due")).toHaveLength(0);
      expect(await notificationsOf(t.ctx.db, id)).toHaveLength(0);
    }
    const pending = await t.ctx.db.query<{ id: string }>(
      "SELECT id FROM follow_ups WHERE conversation_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL",
      [replaced.conversationId],
    );
    expect(pending.map((row) => row.id)).toEqual([later.id]);
  });

  it("fires each follow-up exactly once when two workers run at the same moment", async () => {
    // With PostgreSQL the second worker is a separate connection pool, as another process would be; the
    // embedded database belongs to one process, whose calls still overlap.
    const other: Database = testDatabaseUrl
      ? createPgDatabase({ mode: "postgres", config: { connectionString: t.database.location, max: 3 } })
      : t.ctx.db;
    try {
      const due = await Promise.all(
        Array.from({ length: 12 }, (_, i) => dueFollowUp({ status: i % 2 ? "pending" : "resolved" })),
      );
      const pendingDue = await t.ctx.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM follow_ups WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()",
      );
      const fired = await Promise.all([
        fireDueFollowUps(t.ctx.db),
        fireDueFollowUps(other),
        fireDueFollowUps(t.ctx.db),
        fireDueFollowUps(other),
      ]);
      expect(fired.reduce((a, b) => a + b, 0)).toBe(Number(pendingDue[0]!.n));
      for (const { conversationId } of due) {
        expect(await eventsOf(t.ctx.db, conversationId, "conversation.follow_up_due")).toHaveLength(1);
        expect(await notificationsOf(t.ctx.db, conversationId)).toHaveLength(1);
        expect((await conversationRow(conversationId)).status).toBe("open");
      }
    } finally {
      if (other !== t.ctx.db) await other.close();
    }
  });

  it("does not deadlock with an agent replacing the follow-up while it fires", async () => {
    const other: Database = testDatabaseUrl
      ? createPgDatabase({ mode: "postgres", config: { connectionString: t.database.location, max: 3 } })
      : t.ctx.db;
    try {
      const due = await Promise.all(Array.from({ length: 6 }, () => dueFollowUp({ status: "pending" })));
      await Promise.all([
        fireDueFollowUps(other),
        ...due.map(({ conversationId }) =>
          setFollowUp(t.ctx.db, actorOf(agent), conversationId, {
            dueAt: new Date(Date.now() + 86_400_000),
            note: "Ask again",
          }),
        ),
      ]);
      await fireDueFollowUps(other);
      for (const { conversationId, followUpId } of due) {
        const rows = await t.ctx.db.query<{ id: string; state: string }>(
          `SELECT id, CASE WHEN fired_at IS NOT NULL THEN 'fired' WHEN cancelled_at IS NOT NULL THEN 'cancelled'
                  ELSE 'pending' END AS state
             FROM follow_ups WHERE conversation_id = $1`,
          [conversationId],
        );
        // The old one either fired before the change or was replaced; the new one waits either way.
        const old = rows.find((row) => row.id === followUpId)!;
        expect(["fired", "cancelled"]).toContain(old.state);
        expect(rows.filter((row) => row.state === "pending")).toHaveLength(1);
        const firedEvents = await eventsOf(t.ctx.db, conversationId, "conversation.follow_up_due");
        expect(firedEvents).toHaveLength(old.state === "fired" ? 1 : 0);
      }
    } finally {
      if (other !== t.ctx.db) await other.close();
    }
  });

  it("tells the worker when the next follow-up is due", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const soon = new Date(Date.now() + 5 * 60_000);
    await setFollowUp(t.ctx.db, actorOf(owner), conversation.id, { dueAt: soon });
    const next = await findNextFollowUpDue(t.ctx.db);
    expect(next).not.toBeNull();
    expect(next!.getTime()).toBeLessThanOrEqual(soon.getTime());
  });
});

describe("a follow-up across a restart", () => {
  it("is fired by a brand-new database connection and app instance, and its owner sees it", async () => {
    const first = await createTestApp();
    const location = first.database.location;
    const { workspace, owner: boss } = await buildWorkspace(first.ctx);
    const { conversation } = await buildConversation(first.ctx, {
      workspaceId: workspace.id,
      status: "resolved",
    });
    const followUp = await setFollowUp(first.ctx.db, actorOf(boss), conversation.id, {
      dueAt: new Date(Date.now() + 2000),
      note: NOTE,
    });
    // Heed stops before the follow-up is due…
    await first.app.close();
    await first.ctx.db.close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, followUp.due_at.getTime() - Date.now())));

    // …and starts again: new connections, a new app, nothing kept in memory.
    const db: Database = testDatabaseUrl
      ? createPgDatabase({ mode: "postgres", config: { connectionString: location, max: 5 } })
      : await openEmbeddedDatabase({ dataDir: location });
    const ctx = { db, env: first.ctx.env };
    const app = await buildApp(ctx, { webRoot: "/nonexistent" });
    try {
      await app.ready();
      expect(await findNextFollowUpDue(db)).toEqual(followUp.due_at);
      expect(await fireDueFollowUps(db)).toBe(1);
      expect(await fireDueFollowUps(db)).toBe(0);
      const list = await apiClient(app).get<{ data: TNotification[] }>("/api/v1/notifications", boss);
      expect(list.status).toBe(200);
      expect(list.body.data.map((n) => [n.kind, n.conversationId])).toEqual([
        ["follow_up_due", conversation.id],
      ]);
      const detail = await apiClient(app).get<{ status: string; followUp: unknown }>(
        `/api/v1/conversations/${conversation.id}`,
        boss,
      );
      expect(detail.body).toMatchObject({ status: "open", followUp: null });
    } finally {
      await app.close();
      await db.close();
      if (testDatabaseUrl) await dropTestDatabase(location);
      else fs.rmSync(location, { recursive: true, force: true });
    }
  });
});
