import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildAssignmentRule, setAvailabilityOf } from "../../../test/helpers/factories-assignment.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { AssignmentSettings } from "../models/inbox-assignment.js";
import type { InboxRow } from "../models/inboxes.js";
import { findNextAwayReassignment, reassignFromAwayAgents } from "./reassign-from-away-agents.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;
const minutesAgo = (n: number) => new Date(Date.now() - n * MINUTE);

interface Desk {
  workspaceId: string;
  agents: TestActor[];
  inbox: InboxRow;
}

/** A workspace with its owner offline, `agents` agents and an inbox with the rule. */
async function desk(agents: number, rule: Partial<AssignmentSettings>): Promise<Desk> {
  const { workspace, owner } = await buildWorkspace(t.ctx);
  await setAvailabilityOf(t.ctx, owner.user.id, "offline");
  const built: TestActor[] = [];
  for (let i = 0; i < agents; i += 1) built.push(await buildAgent(t.ctx, workspace.id));
  const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id });
  await buildAssignmentRule(t.ctx, workspace.id, inbox.id, rule);
  return { workspaceId: workspace.id, agents: built, inbox };
}

/** A new conversation of the desk's inbox assigned to `agent`. */
async function assignedTo(d: Desk, agent: TestActor) {
  const { conversation } = await buildConversation(t.ctx, {
    workspaceId: d.workspaceId,
    inboxId: d.inbox.id,
    assigneeId: agent.user.id,
  });
  return conversation.id;
}

const assigneeOf = async (id: string) =>
  (
    await t.ctx.db.query<{ assignee_id: string | null }>(
      "SELECT assignee_id FROM conversations WHERE id = $1",
      [id],
    )
  )[0]!.assignee_id;

const awayEvents = (id: string) =>
  t.ctx.db.query<{ actor_user_id: string | null; payload: Record<string, unknown> }>(
    "SELECT actor_user_id, payload FROM events WHERE conversation_id = $1 AND type = 'conversation.assigned' AND payload->>'reason' = 'agent_away'",
    [id],
  );

const lastActivity = async (id: string) =>
  (
    await t.ctx.db.query<{ body: string; meta: Record<string, unknown> }>(
      "SELECT body, meta FROM messages WHERE conversation_id = $1 AND kind = 'activity' ORDER BY created_at DESC, id DESC LIMIT 1",
      [id],
    )
  )[0]!;

describe("findNextAwayReassignment", () => {
  it("is null while no away agent has a new conversation in an inbox that reassigns, then says when", async () => {
    expect(await findNextAwayReassignment(t.ctx.db)).toBeNull();
    const d = await desk(2, { mode: "round_robin", reassignAwayMinutes: 30 });
    const [away] = d.agents as [TestActor];
    await assignedTo(d, away);
    expect(await findNextAwayReassignment(t.ctx.db)).toBeNull();
    const since = minutesAgo(5);
    await setAvailabilityOf(t.ctx, away.user.id, "away", since);
    expect((await findNextAwayReassignment(t.ctx.db))?.getTime()).toBe(since.getTime() + 30 * MINUTE);
    // Nothing is due yet; at the time it is.
    expect(await reassignFromAwayAgents(t.ctx.db)).toBe(0);
    expect(await reassignFromAwayAgents(t.ctx.db, new Date(since.getTime() + 30 * MINUTE))).toBe(1);
    expect(await findNextAwayReassignment(t.ctx.db)).toBeNull();
  });
});

describe("reassignFromAwayAgents", () => {
  it("gives an away agent's new conversations to others by the rule, with an activity line and an event", async () => {
    const d = await desk(3, { mode: "round_robin", reassignAwayMinutes: 30 });
    const [away, b, c] = d.agents as [TestActor, TestActor, TestActor];
    const fresh = [await assignedTo(d, away), await assignedTo(d, away)];
    const replied = await assignedTo(d, away);
    await t.ctx.db.query("UPDATE conversations SET first_reply_at = now() WHERE id = $1", [replied]);
    const resolved = await assignedTo(d, away);
    await t.ctx.db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [resolved]);
    await setAvailabilityOf(t.ctx, away.user.id, "away", minutesAgo(31));

    expect(await reassignFromAwayAgents(t.ctx.db)).toBe(2);
    const now = await Promise.all(fresh.map(assigneeOf));
    expect(now.sort()).toEqual([b.user.id, c.user.id].sort());
    expect(await assigneeOf(replied)).toBe(away.user.id);
    expect(await assigneeOf(resolved)).toBe(away.user.id);

    const line = await lastActivity(fresh[0]!);
    const to = now[0] === b.user.id ? b : c;
    expect(line.body).toBe(
      `Reassigned to ${to.user.name} (round robin): ${away.user.name} has been away for over 30 minutes`,
    );
    expect(line.meta).toMatchObject({ action: "auto_assigned", reason: "agent_away", actor: null });
    expect(await awayEvents(fresh[0]!)).toEqual([
      {
        actor_user_id: null,
        payload: expect.objectContaining({ previousAssigneeId: away.user.id, assigneeId: to.user.id }),
      },
    ]);
  });

  it("waits for the inbox's threshold and counts offline like away", async () => {
    const d = await desk(2, { mode: "balanced", reassignAwayMinutes: 60 });
    const [gone, other] = d.agents as [TestActor, TestActor];
    const id = await assignedTo(d, gone);
    await setAvailabilityOf(t.ctx, gone.user.id, "offline", minutesAgo(59));
    await reassignFromAwayAgents(t.ctx.db);
    expect(await assigneeOf(id)).toBe(gone.user.id);
    await reassignFromAwayAgents(t.ctx.db, new Date(Date.now() + 2 * MINUTE));
    expect(await assigneeOf(id)).toBe(other.user.id);
  });

  it("leaves conversations alone in inboxes without away reassignment, and of agents who are back", async () => {
    const d = await desk(2, { mode: "round_robin" });
    const [away] = d.agents as [TestActor];
    const id = await assignedTo(d, away);
    await setAvailabilityOf(t.ctx, away.user.id, "away", minutesAgo(600));
    const back = await desk(2, { mode: "round_robin", reassignAwayMinutes: 5 });
    const backId = await assignedTo(back, back.agents[0]!);
    await setAvailabilityOf(t.ctx, back.agents[0]!.user.id, "online", minutesAgo(600));
    await reassignFromAwayAgents(t.ctx.db);
    expect(await assigneeOf(id)).toBe(away.user.id);
    expect(await assigneeOf(backId)).toBe(back.agents[0]!.user.id);
  });

  it("puts the conversation back to Unassigned when nobody else can take it, or the inbox is manual", async () => {
    const d = await desk(2, { mode: "round_robin", reassignAwayMinutes: 10 });
    const [away, alsoAway] = d.agents as [TestActor, TestActor];
    const id = await assignedTo(d, away);
    await setAvailabilityOf(t.ctx, alsoAway.user.id, "away");
    await setAvailabilityOf(t.ctx, away.user.id, "away", minutesAgo(11));
    await reassignFromAwayAgents(t.ctx.db);
    expect(await assigneeOf(id)).toBeNull();
    expect((await lastActivity(id)).body).toBe(
      `Unassigned: ${away.user.name} has been away for over 10 minutes and no other agent is available`,
    );

    const manual = await desk(2, { mode: "manual", reassignAwayMinutes: 10 });
    const manualId = await assignedTo(manual, manual.agents[0]!);
    await setAvailabilityOf(t.ctx, manual.agents[0]!.user.id, "offline", minutesAgo(11));
    await reassignFromAwayAgents(t.ctx.db);
    expect(await assigneeOf(manualId)).toBeNull();
    expect((await lastActivity(manualId)).meta).toMatchObject({ action: "auto_unassigned", rule: "manual" });
  });

  it("moves each conversation once when workers run it at the same time", async () => {
    const d = await desk(3, { mode: "round_robin", reassignAwayMinutes: 15 });
    const [away] = d.agents as [TestActor];
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await assignedTo(d, away));
    await setAvailabilityOf(t.ctx, away.user.id, "away", minutesAgo(20));
    const results = await Promise.all([
      reassignFromAwayAgents(t.ctx.db),
      reassignFromAwayAgents(t.ctx.db),
      reassignFromAwayAgents(t.ctx.db),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(6);
    for (const id of ids) {
      expect(await awayEvents(id)).toHaveLength(1);
      expect(await assigneeOf(id)).not.toBe(away.user.id);
    }
    // Fair among the two who are left, and nothing left to do.
    const counts = d.agents.slice(1).map(async (agent) => {
      const assignees = await Promise.all(ids.map(assigneeOf));
      return assignees.filter((id) => id === agent.user.id).length;
    });
    expect(await Promise.all(counts)).toEqual([3, 3]);
    expect(await reassignFromAwayAgents(t.ctx.db)).toBe(0);
  });
});
