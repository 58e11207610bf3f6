import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { canSeeInbox } from "../policies/inbox-policy.js";
import { findInboxAccess, visibleInboxesSql } from "./inboxes.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("visibleInboxesSql", () => {
  it("selects exactly the inboxes canSeeInbox lets an agent see", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const member = await buildAgent(t.ctx, workspace.id);
    const outsider = await buildAgent(t.ctx, workspace.id);
    await buildInbox(t.ctx, { workspaceId: workspace.id, access: "all" });
    await buildInbox(t.ctx, { workspaceId: workspace.id, access: "members", memberIds: [member.user.id] });
    await buildInbox(t.ctx, { workspaceId: workspace.id, access: "members", memberIds: [] });
    await buildInbox(t.ctx, { workspaceId: workspace.id, access: "all", memberIds: [member.user.id] });
    // Another workspace's open inbox is never visible.
    const other = await buildWorkspace(t.ctx);
    await buildInbox(t.ctx, { workspaceId: other.workspace.id, access: "all" });

    for (const agent of [member, outsider]) {
      const byPolicy = (await findInboxAccess(t.ctx.db, workspace.id, agent.user.id))
        .filter((inbox) => canSeeInbox({ role: "agent" }, inbox))
        .map((inbox) => inbox.id)
        .sort();
      const bySql = (
        await t.ctx.db.query<{ id: string }>(visibleInboxesSql("$1", "$2"), [workspace.id, agent.user.id])
      )
        .map((row) => row.id)
        .sort();
      expect(bySql).toEqual(byPolicy);
    }
    expect((await t.ctx.db.query(visibleInboxesSql("$1", "$2"), [workspace.id, member.user.id])).length).toBe(
      3,
    );
    expect(
      (await t.ctx.db.query(visibleInboxesSql("$1", "$2"), [workspace.id, outsider.user.id])).length,
    ).toBe(2);
  });
});
