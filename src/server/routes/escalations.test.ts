import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf } from "../../../test/helpers/api-test.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildTeam } from "../../../test/helpers/factories-accounts.js";
import { buildAssignmentRule, setAvailabilityOf } from "../../../test/helpers/factories-assignment.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";

interface ConversationBody {
  id: string;
  assignee: { id: string; name: string } | null;
  messages: { kind: string; body: string; meta?: Record<string, unknown> }[];
}

let t: TestApp;
let api: ApiClient;
let workspaceId: string;
let owner: TestActor;
let agent: TestActor;
let lead: TestActor;
let stranger: TestActor;
let teamId: string;

const escalate = (id: string, actor: TestActor | null, body: unknown) =>
  api.post<ConversationBody>(`/api/v1/conversations/${id}/escalate`, actor, body);

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const a = await buildWorkspace(t.ctx);
  workspaceId = a.workspace.id;
  owner = a.owner;
  agent = await buildAgent(t.ctx, workspaceId, { name: "Ana Agent" });
  lead = await buildAgent(t.ctx, workspaceId, { name: "Lea Lead" });
  teamId = (await buildTeam(t.ctx, workspaceId, { memberIds: [agent.user.id], leadIds: [lead.user.id] })).id;
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

describe("POST /api/v1/conversations/:id/escalate", () => {
  it("returns 401 without credentials and 404 for another workspace's conversation", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, teamId });
    expect((await escalate(conversation.id, null, { reason: "help" })).status).toBe(401);
    expect((await escalate(conversation.id, stranger, { reason: "help" })).status).toBe(404);
  });

  it("returns 404 to an agent who does not see the conversation's inbox", async () => {
    const hidden = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: hidden.id, teamId });
    expect((await escalate(conversation.id, agent, { reason: "help" })).status).toBe(404);
  });

  it("assigns the team's lead, shows the reason in the timeline, records events and notifies the lead", async () => {
    const { conversation } = await buildConversation(t.ctx, {
      workspaceId,
      teamId,
      assigneeId: agent.user.id,
    });
    const response = await escalate(conversation.id, agent, { reason: "  Wants a refund over the limit " });
    expect(response.status).toBe(200);
    expect(response.body.assignee).toEqual({ id: lead.user.id, name: "Lea Lead" });
    const line = response.body.messages.filter((m) => m.kind === "activity").at(-1);
    expect(line).toMatchObject({
      body: "Ana Agent escalated this to Lea Lead: Wants a refund over the limit",
      meta: {
        action: "escalated",
        reason: "Wants a refund over the limit",
        lead: { id: lead.user.id, name: "Lea Lead" },
        previousAssignee: { id: agent.user.id, name: "Ana Agent" },
        teamId,
      },
    });
    const events = await t.ctx.db.query<{
      type: string;
      actor_user_id: string;
      payload: Record<string, unknown>;
    }>(
      `SELECT type, actor_user_id, payload FROM events WHERE conversation_id = $1
          AND type IN ('conversation.escalated', 'conversation.assigned') ORDER BY id`,
      [conversation.id],
    );
    expect(events.slice(-2)).toMatchObject([
      {
        type: "conversation.escalated",
        actor_user_id: agent.user.id,
        payload: {
          leadId: lead.user.id,
          previousAssigneeId: agent.user.id,
          reason: "Wants a refund over the limit",
        },
      },
      { type: "conversation.assigned", payload: { assigneeId: lead.user.id, reason: "escalation" } },
    ]);
    const notifications = await t.ctx.db.query<{
      user_id: string;
      kind: string;
      actor_user_id: string;
      payload: object;
    }>("SELECT user_id, kind, actor_user_id, payload FROM notifications WHERE conversation_id = $1", [
      conversation.id,
    ]);
    expect(notifications).toEqual([
      {
        user_id: lead.user.id,
        kind: "escalated",
        actor_user_id: agent.user.id,
        payload: { reason: "Wants a refund over the limit" },
      },
    ]);
  });

  it("uses the team of the inbox's assignment rule when the conversation has none", async () => {
    const inbox = await buildInbox(t.ctx, { workspaceId });
    await buildAssignmentRule(t.ctx, workspaceId, inbox.id, { teamId });
    const { conversation } = await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id });
    const response = await escalate(conversation.id, agent, { reason: "Legal question" });
    expect(response.body.assignee?.id).toBe(lead.user.id);
  });

  it("prefers an online lead and never picks the one escalating", async () => {
    const away = await buildAgent(t.ctx, workspaceId);
    const online = await buildAgent(t.ctx, workspaceId);
    const team = await buildTeam(t.ctx, workspaceId, {
      leadIds: [away.user.id, online.user.id, lead.user.id],
    });
    await setAvailabilityOf(t.ctx, away.user.id, "away");
    const { conversation } = await buildConversation(t.ctx, { workspaceId, teamId: team.id });
    const first = await escalate(conversation.id, lead, { reason: "Second opinion" });
    expect(first.body.assignee?.id).toBe(online.user.id);
  });

  it("escalates to a chosen lead, owner or admin, but not to a plain agent, another workspace's user or yourself", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const chosen = await escalate(conversation.id, agent, { reason: "VIP", leadId: owner.user.id });
    expect(chosen.body.assignee?.id).toBe(owner.user.id);
    for (const leadId of [agent.user.id, (await buildAgent(t.ctx, workspaceId)).user.id, stranger.user.id]) {
      const refused = await escalate(conversation.id, agent, { reason: "VIP", leadId });
      expect(refused.status).toBe(400);
      expect(fieldOf(refused.body)).toBe("leadId");
    }
  });

  it("answers 400 naming leadId when there is no team or the team has no lead", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const noTeam = await escalate(conversation.id, agent, { reason: "help" });
    expect(noTeam.status).toBe(400);
    expect(fieldOf(noTeam.body)).toBe("leadId");
    const leaderless = await buildTeam(t.ctx, workspaceId, { memberIds: [agent.user.id] });
    const { conversation: other } = await buildConversation(t.ctx, { workspaceId, teamId: leaderless.id });
    expect(fieldOf((await escalate(other.id, agent, { reason: "help" })).body)).toBe("leadId");
  });

  it("answers 400 naming the field for a missing reason or an unknown field", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId, teamId });
    expect(fieldOf((await escalate(conversation.id, agent, { reason: "  " })).body)).toBe("reason");
    expect(fieldOf((await escalate(conversation.id, agent, {})).body)).toBe("reason");
    expect(fieldOf((await escalate(conversation.id, agent, { reason: "x", leadId: "me" })).body)).toBe(
      "leadId",
    );
  });
});
