import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildTeam } from "../../../test/helpers/factories-accounts.js";
import {
  buildAssignmentRule,
  setAvailabilityOf,
  setCapacityOf,
} from "../../../test/helpers/factories-assignment.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { AssignmentSettings } from "../models/inbox-assignment.js";
import type { Channel, InboxAccess, InboxRow } from "../models/inboxes.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Desk {
  workspaceId: string;
  owner: TestActor;
  agents: TestActor[];
  inbox: InboxRow;
}

/**
 * A workspace whose owner is offline (so only the agents take work), `agents` agents and one inbox with
 * the given rule.
 */
async function desk(
  agents: number,
  rule: Partial<AssignmentSettings>,
  inbox: { channel?: Channel; access?: InboxAccess } = {},
): Promise<Desk> {
  const { workspace, owner } = await buildWorkspace(t.ctx);
  await setAvailabilityOf(t.ctx, owner.user.id, "offline");
  const built: TestActor[] = [];
  for (let i = 0; i < agents; i += 1) built.push(await buildAgent(t.ctx, workspace.id));
  const row = await buildInbox(t.ctx, { workspaceId: workspace.id, ...inbox });
  await buildAssignmentRule(t.ctx, workspace.id, row.id, rule);
  return { workspaceId: workspace.id, owner, agents: built, inbox: row };
}

/** A new conversation in the desk's inbox; `email` makes it a returning customer's. */
async function write(d: Desk, email = `c-${randomUUID().slice(0, 8)}@example.test`, at?: Date) {
  const { conversation } = await buildConversation(t.ctx, {
    workspaceId: d.workspaceId,
    inboxId: d.inbox.id,
    customer: { email },
    at,
  });
  return conversation;
}

const countsOf = (assignees: (string | null)[], agents: TestActor[]) =>
  agents.map((agent) => assignees.filter((id) => id === agent.user.id).length);

const activities = (conversationId: string) =>
  t.ctx.db.query<{ body: string; author_user_id: string | null; meta: Record<string, unknown> }>(
    "SELECT body, author_user_id, meta FROM messages WHERE conversation_id = $1 AND kind = 'activity' ORDER BY created_at, id",
    [conversationId],
  );

describe("assignNewConversation: manual (the default)", () => {
  it("leaves a new conversation unassigned without a rule or with a manual one, writing nothing", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await buildAgent(t.ctx, workspace.id);
    const { conversation } = await buildConversation(t.ctx, { workspaceId: workspace.id });
    expect(conversation.assignee_id).toBeNull();
    expect(await activities(conversation.id)).toEqual([]);
    const d = await desk(2, { mode: "manual" });
    const manual = await write(d);
    expect(manual.assignee_id).toBeNull();
    expect(await activities(manual.id)).toEqual([]);
  });
});

describe("assignNewConversation: round robin", () => {
  it("gives 30 conversations to 3 agents in turn, 10 each, with an activity line and an event", async () => {
    const d = await desk(3, { mode: "round_robin" });
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 30; i += 1) assignees.push((await write(d)).assignee_id);
    expect(countsOf(assignees, d.agents)).toEqual([10, 10, 10]);
    // In turn: no agent twice in a row.
    expect(assignees.every((id, i) => i === 0 || id !== assignees[i - 1])).toBe(true);

    const last = (
      await t.ctx.db.query<{ id: string; assignee_id: string }>(
        "SELECT id, assignee_id FROM conversations WHERE workspace_id = $1 ORDER BY number DESC LIMIT 1",
        [d.workspaceId],
      )
    )[0]!;
    const [line] = await activities(last.id);
    const name = d.agents.find((a) => a.user.id === last.assignee_id)!.user.name;
    expect(line).toMatchObject({
      body: `Assigned to ${name} by round robin`,
      author_user_id: null,
      meta: {
        action: "auto_assigned",
        reason: "round_robin",
        assignee: { id: last.assignee_id },
        actor: null,
      },
    });
    const events = await t.ctx.db.query<{ type: string; actor_user_id: string | null; payload: object }>(
      "SELECT type, actor_user_id, payload FROM events WHERE conversation_id = $1 ORDER BY id",
      [last.id],
    );
    expect(events.map((e) => e.type)).toEqual([
      "conversation.created",
      "message.created",
      "conversation.assigned",
    ]);
    expect(events[2]).toMatchObject({
      actor_user_id: null,
      payload: { assigneeId: last.assignee_id, previousAssigneeId: null, reason: "round_robin" },
    });
  });

  it("splits between the two online agents while the third is away", async () => {
    const d = await desk(3, { mode: "round_robin" });
    await setAvailabilityOf(t.ctx, d.agents[1]!.user.id, "away");
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 20; i += 1) assignees.push((await write(d)).assignee_id);
    expect(countsOf(assignees, d.agents)).toEqual([10, 0, 10]);
  });

  it("stays fair when conversations arrive at the same moment (concurrent transactions)", async () => {
    const d = await desk(3, { mode: "round_robin" });
    const created = await Promise.all(Array.from({ length: 30 }, () => write(d)));
    const stored = await t.ctx.db.query<{ assignee_id: string | null }>(
      "SELECT assignee_id FROM conversations WHERE id = ANY($1::uuid[])",
      [created.map((c) => c.id)],
    );
    expect(
      countsOf(
        stored.map((row) => row.assignee_id),
        d.agents,
      ),
    ).toEqual([10, 10, 10]);
  });

  it("gives new conversations only to members of the rule's team", async () => {
    const d = await desk(3, { mode: "round_robin" });
    const team = await buildTeam(t.ctx, d.workspaceId, {
      memberIds: [d.agents[0]!.user.id, d.agents[2]!.user.id],
    });
    await buildAssignmentRule(t.ctx, d.workspaceId, d.inbox.id, { mode: "round_robin", teamId: team.id });
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 6; i += 1) assignees.push((await write(d)).assignee_id);
    expect(countsOf(assignees, d.agents)).toEqual([3, 0, 3]);
  });

  it("gives conversations of a members-only inbox only to agents who see it", async () => {
    const d = await desk(2, { mode: "round_robin" }, { access: "members" });
    const member = await buildAgent(t.ctx, d.workspaceId);
    await t.ctx.db.query("INSERT INTO inbox_members (workspace_id, inbox_id, user_id) VALUES ($1, $2, $3)", [
      d.workspaceId,
      d.inbox.id,
      member.user.id,
    ]);
    for (let i = 0; i < 3; i += 1) expect((await write(d)).assignee_id).toBe(member.user.id);
  });
});

describe("assignNewConversation: capacity", () => {
  it("skips an agent at capacity on the conversation's channel (open and pending count, other channels not)", async () => {
    const d = await desk(2, { mode: "round_robin" });
    const [full, free] = d.agents as [TestActor, TestActor];
    await setCapacityOf(t.ctx, d.workspaceId, full.user.id, { email: 2, chat: 0 });
    // Two email conversations (one pending) fill them; a chat one elsewhere does not count on email.
    await buildConversation(t.ctx, { workspaceId: d.workspaceId, assigneeId: full.user.id });
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      assigneeId: full.user.id,
      status: "pending",
    });
    const chat = await buildInbox(t.ctx, { workspaceId: d.workspaceId, channel: "chat" });
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: chat.id,
      assigneeId: full.user.id,
    });
    for (let i = 0; i < 4; i += 1) expect((await write(d)).assignee_id).toBe(free.user.id);
  });

  it("takes an agent again once a conversation of theirs is resolved", async () => {
    const d = await desk(1, { mode: "balanced" });
    const [agent] = d.agents as [TestActor];
    await setCapacityOf(t.ctx, d.workspaceId, agent.user.id, { email: 1 });
    const first = await write(d);
    expect(first.assignee_id).toBe(agent.user.id);
    expect((await write(d)).assignee_id).toBeNull();
    await t.ctx.db.query("UPDATE conversations SET status = 'resolved' WHERE id = $1", [first.id]);
    expect((await write(d)).assignee_id).toBe(agent.user.id);
  });

  it("leaves the conversation unassigned when everyone is full", async () => {
    const d = await desk(2, { mode: "round_robin" });
    for (const agent of d.agents) await setCapacityOf(t.ctx, d.workspaceId, agent.user.id, { email: 1 });
    const given = [await write(d), await write(d)].map((c) => c.assignee_id);
    expect(given.sort()).toEqual(d.agents.map((a) => a.user.id).sort());
    const left = await write(d);
    expect(left.assignee_id).toBeNull();
    expect(await activities(left.id)).toEqual([]);
  });
});

describe("assignNewConversation: availability", () => {
  it("never gives new conversations to away, offline or deactivated agents", async () => {
    const d = await desk(4, { mode: "round_robin" });
    const [online, away, offline, inactive] = d.agents as [TestActor, TestActor, TestActor, TestActor];
    await setAvailabilityOf(t.ctx, away.user.id, "away");
    await setAvailabilityOf(t.ctx, offline.user.id, "offline");
    await t.ctx.db.query("UPDATE users SET is_active = false WHERE id = $1", [inactive.user.id]);
    for (let i = 0; i < 5; i += 1) expect((await write(d)).assignee_id).toBe(online.user.id);
  });

  it("leaves it unassigned when nobody is online", async () => {
    const d = await desk(2, { mode: "balanced" });
    for (const agent of d.agents) await setAvailabilityOf(t.ctx, agent.user.id, "away");
    expect((await write(d)).assignee_id).toBeNull();
  });
});

describe("assignNewConversation: balanced", () => {
  it("gives the agent with the fewest open conversations; ties go to who was assigned longest ago", async () => {
    const d = await desk(3, { mode: "balanced" });
    const [a, b, c] = d.agents as [TestActor, TestActor, TestActor];
    // a has 2 open, b 1 open (and 1 pending, which does not count), c none.
    for (const [agent, status] of [
      [a, "open"],
      [a, "open"],
      [b, "open"],
      [b, "pending"],
    ] as const) {
      await buildConversation(t.ctx, { workspaceId: d.workspaceId, assigneeId: agent.user.id, status });
    }
    expect((await write(d)).assignee_id).toBe(c.user.id); // a 2, b 1, c 0
    expect((await write(d)).assignee_id).toBe(b.user.id); // a 2, b 1, c 1: b was never auto-assigned
    expect((await write(d)).assignee_id).toBe(c.user.id); // a 2, b 2, c 1
    const next = await write(d); // all at 2: a was never auto-assigned
    expect(next.assignee_id).toBe(a.user.id);
    const [line] = await activities(next.id);
    expect(line?.meta).toMatchObject({ action: "auto_assigned", reason: "balanced" });
  });
});

describe("assignNewConversation: sticky owner", () => {
  const DAY = 24 * 3600 * 1000;

  it("gives a returning customer within N days to their last owner, without using a round-robin turn", async () => {
    const d = await desk(3, { mode: "round_robin", stickyDays: 7 });
    const owner = d.agents[2]!;
    const email = `back-${randomUUID().slice(0, 8)}@example.test`;
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: d.inbox.id,
      customer: { email },
      assigneeId: owner.user.id,
      at: new Date(Date.now() - 3 * DAY),
    });
    const turnBefore = (await write(d)).assignee_id;
    const back = await write(d, email);
    expect(back.assignee_id).toBe(owner.user.id);
    const [line] = await activities(back.id);
    expect(line).toMatchObject({
      body: `Assigned to ${owner.user.name}, who helped this customer last time (returning customer)`,
      meta: { reason: "returning_customer" },
    });
    // The round-robin order continues where it was.
    const order = d.agents.map((a) => a.user.id);
    const expected = order[(order.indexOf(turnBefore!) + 1) % order.length];
    expect((await write(d)).assignee_id).toBe(expected);
  });

  it("uses the rule when the last owner is away or full", async () => {
    const d = await desk(2, { mode: "round_robin", stickyDays: 7 });
    const [owner, other] = d.agents as [TestActor, TestActor];
    const email = `away-${randomUUID().slice(0, 8)}@example.test`;
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: d.inbox.id,
      customer: { email },
      assigneeId: owner.user.id,
    });
    await setAvailabilityOf(t.ctx, owner.user.id, "away");
    const back = await write(d, email);
    expect(back.assignee_id).toBe(other.user.id);
    expect((await activities(back.id))[0]?.meta).toMatchObject({ reason: "round_robin" });
  });

  it("uses the rule when the customer's last conversation is older than N days", async () => {
    const d = await desk(2, { mode: "balanced", stickyDays: 2 });
    const [owner, other] = d.agents as [TestActor, TestActor];
    const email = `old-${randomUUID().slice(0, 8)}@example.test`;
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: d.inbox.id,
      customer: { email },
      assigneeId: owner.user.id,
      at: new Date(Date.now() - 5 * DAY),
    });
    // owner has 1 open conversation, other none: balanced picks other, sticky would pick owner.
    expect((await write(d, email)).assignee_id).toBe(other.user.id);
  });

  it("works in a manual inbox too: the last owner, or nobody", async () => {
    const d = await desk(2, { mode: "manual", stickyDays: 30 });
    const owner = d.agents[1]!;
    const email = `manual-${randomUUID().slice(0, 8)}@example.test`;
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: d.inbox.id,
      customer: { email },
      assigneeId: owner.user.id,
    });
    expect((await write(d, email)).assignee_id).toBe(owner.user.id);
    expect((await write(d)).assignee_id).toBeNull();
  });

  it("is off with 0 days", async () => {
    const d = await desk(2, { mode: "manual", stickyDays: 0 });
    const email = `zero-${randomUUID().slice(0, 8)}@example.test`;
    await buildConversation(t.ctx, {
      workspaceId: d.workspaceId,
      inboxId: d.inbox.id,
      customer: { email },
      assigneeId: d.agents[0]!.user.id,
    });
    expect((await write(d, email)).assignee_id).toBeNull();
  });
});
