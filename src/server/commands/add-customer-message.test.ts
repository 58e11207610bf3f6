import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildConversation, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildSlaPolicy } from "../../../test/helpers/factories-sla.js";
import { findConversationWithAccess } from "../models/conversations.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { replyToConversation } from "./reply-to-conversation.js";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const load = async (workspaceId: string, id: string) =>
  (await findConversationWithAccess(t.ctx.db, workspaceId, id, "00000000-0000-0000-0000-000000000000"))!;

describe("addCustomerMessage", () => {
  it("adds an incoming message and starts a new wait after a reply", async () => {
    const { conversation, workspaceId, customer } = await buildConversation(t.ctx);
    await replyToConversation(t.ctx.db, await ownerActor(t.ctx, workspaceId), conversation.id, {
      kind: "reply",
      body: "Could you send a photo?",
    });
    expect((await load(workspaceId, conversation.id)).waiting_since).toBeNull();
    const message = await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: conversation.id,
      body: "Here it is.",
    });
    expect(message).toMatchObject({ kind: "incoming", author_customer_id: customer.id });
    const after = await load(workspaceId, conversation.id);
    expect(after.waiting_since).not.toBeNull();
    expect(after.message_count).toBe(3);
    expect(after.preview).toBe("Here it is.");
  });

  it("reopens a resolved conversation with an activity message and a status_changed event", async () => {
    const { conversation, workspaceId } = await buildConversation(t.ctx, { status: "resolved" });
    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: conversation.id,
      body: "It broke again",
    });
    expect((await load(workspaceId, conversation.id)).status).toBe("open");
    const events = await t.ctx.db.query<{ type: string; payload: { from?: string; reason?: string } }>(
      "SELECT type, payload FROM events WHERE conversation_id = $1 ORDER BY id",
      [conversation.id],
    );
    const reopened = events.filter((e) => e.type === "conversation.status_changed").at(-1)!;
    expect(reopened.payload).toMatchObject({ from: "resolved", reason: "customer_message" });
    expect(events.at(-1)!.type).toBe("message.created");
  });

  it("records a started wait's sla.started before message.created, and bumps the customer's last_seen_at", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await buildSlaPolicy(t.ctx, workspace.id, { nextResponseSeconds: 3600 });
    const { conversation, workspaceId, customer } = await buildConversation(t.ctx, {
      workspaceId: workspace.id,
    });
    await replyToConversation(t.ctx.db, await ownerActor(t.ctx, workspaceId), conversation.id, {
      kind: "reply",
      body: "Which size?",
    });
    const [last] = await t.ctx.db.query<{ id: number }>(
      "SELECT max(id) AS id FROM events WHERE conversation_id = $1",
      [conversation.id],
    );
    const at = new Date(Date.now() + 60_000);
    const message = await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: conversation.id,
      body: "Medium, please.",
      at,
    });
    const events = await t.ctx.db.query<{ type: string; payload: { messageId?: string; kind?: string } }>(
      "SELECT type, payload FROM events WHERE conversation_id = $1 AND id > $2 ORDER BY id",
      [conversation.id, last!.id],
    );
    expect(events.map((e) => e.type)).toEqual(["sla.started", "message.created"]);
    expect(events[1]!.payload).toMatchObject({ messageId: message.id, kind: "incoming" });
    const [row] = await t.ctx.db.query<{ last_seen_at: Date }>(
      "SELECT last_seen_at FROM customers WHERE id = $1",
      [customer.id],
    );
    expect(row!.last_seen_at).toEqual(at);
    expect((await load(workspaceId, conversation.id)).last_message_at).toEqual(at);
  });

  it("refuses a conversation of another workspace", async () => {
    const { conversation } = await buildConversation(t.ctx);
    const other = await buildConversation(t.ctx);
    await expect(
      addCustomerMessage(t.ctx.db, {
        workspaceId: other.workspaceId,
        conversationId: conversation.id,
        body: "x",
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});
