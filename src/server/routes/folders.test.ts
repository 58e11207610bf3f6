import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { TFolders } from "../presenters/folder-presenter.js";

let t: TestApp;
let api: ApiClient;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
});
afterAll(() => t.close());

/** The same numbers counted the slow way, to check the trigger-kept counters against. */
async function countedByHand(workspaceId: string, userId: string) {
  const rows = await t.ctx.db.query<{ status: string; n: number; mine: number; unassigned: number }>(
    `SELECT status, count(*) AS n, count(*) FILTER (WHERE assignee_id = $2) AS mine,
            count(*) FILTER (WHERE assignee_id IS NULL) AS unassigned
       FROM conversations WHERE workspace_id = $1 GROUP BY status`,
    [workspaceId, userId],
  );
  const by = (status: string) => rows.find((r) => r.status === status);
  return {
    mine: by("open")?.mine ?? 0,
    unassigned: by("open")?.unassigned ?? 0,
    open: by("open")?.n ?? 0,
    pending: by("pending")?.n ?? 0,
    snoozed: by("snoozed")?.n ?? 0,
    resolved: by("resolved")?.n ?? 0,
  };
}

const totals = (f: TFolders) => ({
  mine: f.mine,
  unassigned: f.unassigned,
  open: f.open,
  pending: f.pending,
  snoozed: f.snoozed,
  resolved: f.resolved,
});

describe("GET /api/v1/folders", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/folders", null)).status).toBe(401);
  });

  it("keeps the counts right through create, assign, team, status changes and snooze", async () => {
    const { workspace, owner } = await buildWorkspace(t.ctx);
    const agent = await buildAgent(t.ctx, workspace.id);
    const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id });
    const teamId = crypto.randomUUID();
    await t.ctx.db.query("INSERT INTO teams (id, workspace_id, name) VALUES ($1, $2, 'Tier 2')", [
      teamId,
      workspace.id,
    ]);
    const check = async () => {
      const folders = (await api.get<TFolders>("/api/v1/folders", agent)).body;
      expect(totals(folders)).toEqual(await countedByHand(workspace.id, agent.user.id));
      return folders;
    };

    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        (await buildConversation(t.ctx, { workspaceId: workspace.id, inboxId: inbox.id })).conversation.id,
      );
    }
    let folders = await check();
    expect(folders).toMatchObject({ open: 4, unassigned: 4, mine: 0 });

    const patch = (id: string, body: unknown) => api.patch(`/api/v1/conversations/${id}`, agent, body);
    await patch(ids[0]!, { assigneeId: agent.user.id });
    await patch(ids[1]!, { assigneeId: owner.user.id, teamId });
    await patch(ids[2]!, { status: "pending" });
    await patch(ids[3]!, { snoozedUntil: new Date(Date.now() + 3600_000).toISOString() });
    folders = await check();
    expect(folders).toMatchObject({ open: 2, mine: 1, unassigned: 0, pending: 1, snoozed: 1, resolved: 0 });
    expect(folders.inboxes).toEqual([
      { inboxId: inbox.id, open: 2, mine: 1, unassigned: 0, pending: 1, snoozed: 1 },
    ]);
    expect(folders.teams).toEqual([{ teamId, open: 1, mine: 0, unassigned: 0, pending: 0, snoozed: 0 }]);

    await patch(ids[0]!, { status: "resolved" });
    await patch(ids[1]!, { assigneeId: agent.user.id });
    await patch(ids[3]!, { status: "open" });
    folders = await check();
    expect(folders).toMatchObject({ open: 2, mine: 1, unassigned: 1, snoozed: 0, resolved: 1 });
    expect(folders.teams[0]).toMatchObject({ teamId, mine: 1 });
  });

  it("counts only inboxes the actor may see, and never another workspace's", async () => {
    const { workspace, owner } = await buildWorkspace(t.ctx);
    const agent = await buildAgent(t.ctx, workspace.id);
    const open = await buildInbox(t.ctx, { workspaceId: workspace.id });
    const closed = await buildInbox(t.ctx, { workspaceId: workspace.id, access: "members" });
    await buildConversation(t.ctx, { workspaceId: workspace.id, inboxId: open.id });
    await buildConversation(t.ctx, { workspaceId: workspace.id, inboxId: closed.id });
    await buildConversation(t.ctx, { workspaceId: workspace.id, inboxId: closed.id });
    await buildConversation(t.ctx); // another workspace

    const forAgent = (await api.get<TFolders>("/api/v1/folders", agent)).body;
    expect(forAgent.open).toBe(1);
    expect(forAgent.inboxes.map((i) => i.inboxId)).toEqual([open.id]);
    const forOwner = (await api.get<TFolders>("/api/v1/folders", owner)).body;
    expect(forOwner.open).toBe(3);
    expect(forOwner.inboxes.map((i) => i.inboxId).sort()).toEqual([open.id, closed.id].sort());
  });
});
