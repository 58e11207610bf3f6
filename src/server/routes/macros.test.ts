import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest, type ApiTest } from "../../../test/helpers/api-test.js";
import { buildAgent, type TestActor } from "../../../test/helpers/factories.js";
import { buildTeam } from "../../../test/helpers/factories-accounts.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { TConversation } from "../presenters/conversation-presenter.js";
import type { TMacro, TMacroApplied } from "../presenters/macro-presenter.js";
import type { TSavedReply } from "../presenters/saved-reply-presenter.js";

let s: ApiTest;
let other: TestActor;
beforeAll(async () => {
  s = await startApiTest({ agentName: "Marko Horvat" });
  other = await buildAgent(s.t.ctx, s.workspaceId);
});
afterAll(() => s.t.close());

const url = "/api/v1/macros";
const applyUrl = (conversationId: string, macroId: string) =>
  `/api/v1/conversations/${conversationId}/macros/${macroId}`;

async function createMacro(actor: TestActor, body: Record<string, unknown>): Promise<TMacro> {
  const response = await s.api.post<TMacro>(url, actor, { name: "Macro", scope: "personal", ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Activity messages and events of a conversation, to see what a macro wrote. */
async function trail(conversationId: string) {
  const [row] = await s.t.ctx.db.query<{ activities: number; events: number; macro_events: number }>(
    `SELECT (SELECT count(*)::int FROM messages WHERE conversation_id = $1 AND kind = 'activity') AS activities,
            (SELECT count(*)::int FROM events WHERE conversation_id = $1) AS events,
            (SELECT count(*)::int FROM events WHERE conversation_id = $1 AND type = 'conversation.macro_applied')
              AS macro_events`,
    [conversationId],
  );
  return row!;
}

describe("/api/v1/macros", () => {
  it("returns 401 without credentials", async () => {
    expect((await s.api.get(url, null)).status).toBe(401);
    expect((await s.api.post(url, null, {})).status).toBe(401);
  });

  it("lets agents create personal macros only, seen by themselves alone", async () => {
    const shared = { name: "Close", scope: "shared", actions: { status: "resolved" } };
    expect((await s.api.post(url, s.agent, shared)).status).toBe(403);
    const mine = await createMacro(s.agent, { name: "My close", actions: { status: "resolved" } });
    expect(mine).toMatchObject({
      scope: "personal",
      ownerId: s.agent.user.id,
      savedReplyId: null,
      actions: { status: "resolved" },
      usageCount: 0,
      abilities: { edit: true, delete: true },
    });
    const ids = async (actor: TestActor) =>
      (await s.api.get<{ data: TMacro[] }>(url, actor)).body.data.map((m) => m.id);
    expect(await ids(s.agent)).toContain(mine.id);
    expect(await ids(other)).not.toContain(mine.id);
    expect((await s.api.patch(`${url}/${mine.id}`, other, { name: "x" })).status).toBe(404);
    expect((await s.api.delete(`${url}/${mine.id}`, s.stranger)).status).toBe(404);
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    expect((await s.api.post(applyUrl(conversation.id, mine.id), other)).status).toBe(404);
    const sharedMacro = await createMacro(s.owner, shared);
    expect((await s.api.patch(`${url}/${sharedMacro.id}`, s.agent, { name: "x" })).status).toBe(403);
    expect((await s.api.patch<TMacro>(`${url}/${sharedMacro.id}`, s.owner, { name: "Done" })).body.name).toBe(
      "Done",
    );
  });

  it("answers 400 naming the action that cannot be", async () => {
    const bad = async (body: Record<string, unknown>) => {
      const response = await s.api.post(url, s.owner, { name: "Bad", scope: "shared", ...body });
      return [response.status, fieldOf(response.body)];
    };
    expect(await bad({ actions: { assigneeId: s.stranger.user.id } })).toEqual([400, "actions.assigneeId"]);
    expect(await bad({ actions: { teamId: s.stranger.user.id } })).toEqual([400, "actions.teamId"]);
    expect(await bad({ actions: { addTags: ["vip"], removeTags: ["x", "VIP"] } })).toEqual([
      400,
      "actions.removeTags.1",
    ]);
    expect(await bad({ actions: { status: "snoozed" } })).toEqual([400, "actions.status"]);
    expect(await bad({ actions: { followUpInHours: 0 } })).toEqual([400, "actions.followUpInHours"]);
    expect(await bad({ actions: {} })).toEqual([400, "actions"]);
    expect(await bad({ actions: { unknown: 1 } })).toEqual([400, "actions.unknown"]);
    const personal = (
      await s.api.post<TSavedReply>("/api/v1/saved-replies", s.owner, {
        title: "Mine",
        scope: "personal",
        variants: [{ lang: "en", body: "Hi" }],
      })
    ).body;
    expect(await bad({ savedReplyId: personal.id, actions: {} })).toEqual([400, "savedReplyId"]);
  });
});

describe("POST /api/v1/conversations/:id/macros/:macroId", () => {
  it("returns 401 without credentials and 404 for another workspace's conversation or macro", async () => {
    const macro = await createMacro(s.owner, { scope: "shared", actions: { priority: "high" } });
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const theirs = await buildConversation(s.t.ctx, { workspaceId: s.stranger.workspaceId });
    expect((await s.api.post(applyUrl(conversation.id, macro.id), null)).status).toBe(401);
    expect((await s.api.post(applyUrl(theirs.conversation.id, macro.id), s.agent)).status).toBe(404);
    expect((await s.api.post(applyUrl(conversation.id, macro.id), s.stranger)).status).toBe(404);
    const closed = await buildInbox(s.t.ctx, { workspaceId: s.workspaceId, access: "members" });
    const hidden = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId, inboxId: closed.id });
    expect((await s.api.post(applyUrl(hidden.conversation.id, macro.id), s.agent)).status).toBe(404);
  });

  it("applies every action at once: one activity message, one event, the filled reply", async () => {
    const team = await buildTeam(s.t.ctx, s.workspaceId, { name: "Billing" });
    const reply = (
      await s.api.post<TSavedReply>("/api/v1/saved-replies", s.owner, {
        title: "Refund on its way",
        scope: "shared",
        variants: [
          {
            lang: "en",
            body: 'Hi {{ customer.firstName | "there" }}, your refund is on its way. {{ agent.firstName }}',
          },
          { lang: "hr", body: "Pozdrav {{ customer.firstName }}, povrat je na putu. {{ agent.firstName }}" },
        ],
      })
    ).body;
    const macro = await createMacro(s.owner, {
      name: "Refund",
      scope: "shared",
      savedReplyId: reply.id,
      actions: {
        status: "pending",
        priority: "high",
        addTags: ["Refund", "refund "],
        removeTags: ["new"],
        assigneeId: s.agent.user.id,
        teamId: team.id,
        followUpInHours: 48,
      },
    });
    expect(macro.actions.addTags).toEqual(["Refund"]);
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      tags: ["New", "VIP"],
      customer: { email: "ana.macro@example.test", name: "Ana Kovač" },
      language: "hr",
    });
    const before = await trail(conversation.id);
    const started = Date.now();

    const applied = await s.api.post<TMacroApplied>(applyUrl(conversation.id, macro.id), s.agent);
    expect(applied.status).toBe(200);
    expect(applied.body.reply).toEqual({
      lang: "hr",
      body: "Pozdrav Ana, povrat je na putu. Marko",
      missing: [],
    });
    const opened = await s.api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, s.agent);
    expect(applied.body.conversation).toEqual(opened.body);
    expect(opened.body).toMatchObject({
      status: "pending",
      priority: "high",
      assignee: { id: s.agent.user.id, name: "Marko Horvat" },
      team: { id: team.id, name: "Billing" },
      tags: ["Refund", "VIP"],
    });
    expect(Date.parse(opened.body.followUp!.dueAt) - started).toBeGreaterThanOrEqual(48 * 3600_000 - 1000);

    expect(await trail(conversation.id)).toEqual({
      activities: before.activities + 1,
      events: before.events + 1,
      macro_events: 1,
    });
    const activity = opened.body.messages[opened.body.messages.length - 1]!;
    expect(activity.meta).toMatchObject({
      action: "macro_applied",
      macro: { id: macro.id, name: "Refund" },
      changes: [
        { field: "status", from: "open", to: "pending" },
        { field: "priority", from: "normal", to: "high" },
        { field: "assignee", from: null, to: { id: s.agent.user.id, name: "Marko Horvat" } },
        { field: "team", from: null, to: { id: team.id, name: "Billing" } },
        { field: "tags", added: ["Refund"], removed: ["New"] },
        { field: "followUp", dueAt: opened.body.followUp!.dueAt, previousDueAt: null },
      ],
    });
    const used = async () => {
      const [row] = await s.t.ctx.db.query<{ macro: number; reply: number }>(
        `SELECT (SELECT usage_count FROM macros WHERE id = $1) AS macro,
                (SELECT usage_count FROM saved_replies WHERE id = $2) AS reply`,
        [macro.id, reply.id],
      );
      return row;
    };
    expect(await used()).toEqual({ macro: 1, reply: 1 });

    // Again: nothing left to change, but the follow-up is set anew (replacing the pending one).
    const again = await s.api.post<TMacroApplied>(applyUrl(conversation.id, macro.id), s.agent);
    expect(again.status).toBe(200);
    const [pending] = await s.t.ctx.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM follow_ups WHERE conversation_id = $1 AND cancelled_at IS NULL",
      [conversation.id],
    );
    expect(pending!.count).toBe(1);
    const last = again.body.conversation.messages[again.body.conversation.messages.length - 1]!;
    expect((last.meta as { changes: { field: string }[] }).changes.map((c) => c.field)).toEqual(["followUp"]);
    expect(await used()).toEqual({ macro: 2, reply: 2 });
  });

  it("counts a use but writes nothing when the macro changes nothing", async () => {
    const macro = await createMacro(s.agent, { actions: { status: "open", removeTags: ["absent"] } });
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const before = await trail(conversation.id);
    const applied = await s.api.post<TMacroApplied>(applyUrl(conversation.id, macro.id), s.agent);
    expect([applied.status, applied.body.reply]).toEqual([200, null]);
    expect(await trail(conversation.id)).toEqual(before);
    expect((await s.api.get<TMacro>(`${url}/${macro.id}`, s.agent)).body.usageCount).toBe(1);
  });

  it("changes nothing when one action cannot apply to the conversation", async () => {
    const outsider = await buildAgent(s.t.ctx, s.workspaceId);
    const closed = await buildInbox(s.t.ctx, {
      workspaceId: s.workspaceId,
      access: "members",
      memberIds: [s.agent.user.id],
    });
    const macro = await createMacro(s.owner, {
      scope: "shared",
      actions: {
        status: "resolved",
        priority: "urgent",
        addTags: ["escalated"],
        assigneeId: outsider.user.id,
      },
    });
    const { conversation } = await buildConversation(s.t.ctx, {
      workspaceId: s.workspaceId,
      inboxId: closed.id,
    });
    const before = await trail(conversation.id);
    const refused = await s.api.post(applyUrl(conversation.id, macro.id), s.agent);
    expect([refused.status, fieldOf(refused.body)]).toEqual([400, "actions.assigneeId"]);
    const opened = (await s.api.get<TConversation>(`/api/v1/conversations/${conversation.id}`, s.agent)).body;
    expect(opened).toMatchObject({ status: "open", priority: "normal", tags: [], assignee: null });
    expect(await trail(conversation.id)).toEqual(before);
    expect((await s.api.get<TMacro>(`${url}/${macro.id}`, s.agent)).body.usageCount).toBe(0);
  });

  it("keeps working without its reply once the saved reply is deleted", async () => {
    const reply = (
      await s.api.post<TSavedReply>("/api/v1/saved-replies", s.agent, {
        title: "Thanks",
        scope: "personal",
        variants: [{ lang: "en", body: "Thanks!" }],
      })
    ).body;
    const macro = await createMacro(s.agent, { savedReplyId: reply.id, actions: { priority: "low" } });
    expect((await s.api.delete(`/api/v1/saved-replies/${reply.id}`, s.agent)).status).toBe(204);
    expect((await s.api.get<TMacro>(`${url}/${macro.id}`, s.agent)).body.savedReplyId).toBeNull();
    const { conversation } = await buildConversation(s.t.ctx, { workspaceId: s.workspaceId });
    const applied = await s.api.post<TMacroApplied>(applyUrl(conversation.id, macro.id), s.agent);
    expect(applied.status).toBe(200);
    expect(applied.body.reply).toBeNull();
    expect(applied.body.conversation.priority).toBe("low");
  });
});
