import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace } from "../../../test/helpers/factories.js";
import { buildConversation } from "../../../test/helpers/factories-conversations.js";
import { startJobs } from "../jobs/index.js";
import { nextSnoozeWake, wakeSnoozedConversations } from "./wake-snoozed-conversations.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const row = async (id: string) =>
  (
    await t.ctx.db.query<{ status: string; snoozed_until: Date | null }>(
      "SELECT status, snoozed_until FROM conversations WHERE id = $1",
      [id],
    )
  )[0]!;

/** A conversation snoozed until `until` (set directly, as if its time passed while Heed was down). */
async function snoozedUntil(until: Date, overrides: { workspaceId?: string; assigneeId?: string } = {}) {
  const { conversation, workspaceId } = await buildConversation(t.ctx, {
    ...overrides,
    snoozedUntil: new Date(Date.now() + 3600_000),
  });
  await t.ctx.db.query("UPDATE conversations SET snoozed_until = $2 WHERE id = $1", [conversation.id, until]);
  return { id: conversation.id, workspaceId };
}

describe("wakeSnoozedConversations", () => {
  it("reopens a conversation whose snooze time has passed, with an activity message and an event", async () => {
    const due = await snoozedUntil(new Date(Date.now() - 60_000));
    const later = await snoozedUntil(new Date(Date.now() + 3600_000));
    expect(await wakeSnoozedConversations(t.ctx.db)).toBeGreaterThanOrEqual(1);
    expect(await row(due.id)).toEqual({ status: "open", snoozed_until: null });
    expect((await row(later.id)).status).toBe("snoozed");
    const activity = await t.ctx.db.query<{ meta: { action: string } }>(
      "SELECT meta FROM messages WHERE conversation_id = $1 AND kind = 'activity' ORDER BY created_at DESC LIMIT 1",
      [due.id],
    );
    expect(activity[0]!.meta.action).toBe("unsnoozed");
    const events = await t.ctx.db.query<{ type: string }>(
      "SELECT type FROM events WHERE conversation_id = $1 AND type = 'conversation.unsnoozed'",
      [due.id],
    );
    expect(events).toHaveLength(1);
    // A second pass finds nothing more to do for it: no double wake.
    await wakeSnoozedConversations(t.ctx.db);
    const again = await t.ctx.db.query(
      "SELECT 1 FROM events WHERE conversation_id = $1 AND type = 'conversation.unsnoozed'",
      [due.id],
    );
    expect(again).toHaveLength(1);
  });

  it("keeps the folder counts right when waking", async () => {
    const due = await snoozedUntil(new Date(Date.now() - 1000));
    await wakeSnoozedConversations(t.ctx.db);
    const counts = await t.ctx.db.query<{ status: string; n: number }>(
      "SELECT status, sum(count) AS n FROM folder_counts WHERE workspace_id = $1 GROUP BY status",
      [due.workspaceId],
    );
    expect(Object.fromEntries(counts.map((c) => [c.status, c.n]))).toMatchObject({ open: 1, snoozed: 0 });
  });

  it("notifies the assignee that the snooze ended, and nobody when it is unassigned", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const agent = await buildAgent(t.ctx, workspace.id);
    const until = new Date(Date.now() - 60_000);
    const assigned = await snoozedUntil(until, { workspaceId: workspace.id, assigneeId: agent.user.id });
    const unassigned = await snoozedUntil(until, { workspaceId: workspace.id });
    await wakeSnoozedConversations(t.ctx.db);
    const notifications = await t.ctx.db.query<{
      user_id: string;
      kind: string;
      conversation_id: string;
      payload: Record<string, unknown>;
    }>("SELECT user_id, kind, conversation_id, payload FROM notifications WHERE workspace_id = $1", [
      workspace.id,
    ]);
    expect(notifications).toEqual([
      {
        user_id: agent.user.id,
        kind: "snooze_ended",
        conversation_id: assigned.id,
        payload: expect.objectContaining({ snoozedUntil: until.toISOString() }),
      },
    ]);
    expect(notifications.some((n) => n.conversation_id === unassigned.id)).toBe(false);
    const created = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE workspace_id = $1 AND type = 'notification.created'",
      [workspace.id],
    );
    expect(created.map((e) => e.payload.userId)).toEqual([agent.user.id]);
  });

  it("tells the loop when the next snooze is due", async () => {
    const soon = new Date(Date.now() + 5 * 60_000);
    await snoozedUntil(soon);
    const next = await nextSnoozeWake(t.ctx.db);
    expect(next).not.toBeNull();
    expect(next!.getTime()).toBeLessThanOrEqual(soon.getTime());
  });

  it("wakes an overdue snooze on the first pass of a freshly started job loop (as after a restart)", async () => {
    const due = await snoozedUntil(new Date(Date.now() - 86_400_000));
    const jobs = startJobs(t.ctx, () => {});
    try {
      await expect.poll(async () => (await row(due.id)).status, { timeout: 10_000 }).toBe("open");
    } finally {
      await jobs.stop();
    }
  });
});
