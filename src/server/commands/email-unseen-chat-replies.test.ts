import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { startMailSink, type MailSink } from "../../../test/helpers/mail-sink.js";
import { openTestSocket } from "../../../test/helpers/realtime-client.js";
import { smtpSender } from "../email/mail-transport.js";
import { installKeys } from "../lib/install-secret.js";
import type { InboxRow } from "../models/inboxes.js";
import { emailUnseenChatReplies, EMAILED_BECAUSE_LEFT } from "./email-unseen-chat-replies.js";
import { sendQueuedEmails } from "./send-queued-emails.js";

let t: TestApp;
let api: ApiClient;
let sink: MailSink;
let agent: TestActor;
let chat: InboxRow;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ HEED_MAIL_FROM: "help@shop.example" });
  api = apiClient(t.app);
  sink = await startMailSink();
  base = (await t.app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
  const built = await buildWorkspace(t.ctx);
  agent = await buildAgent(t.ctx, built.workspace.id, { name: "Ana Kovač" });
  chat = await buildInbox(t.ctx, { workspaceId: built.workspace.id, channel: "chat", name: "Lumen chat" });
});
afterAll(async () => {
  await sink?.close();
  await t?.close();
});

/** A visitor writes (with or without an email) and leaves; returns their conversation's id. */
async function visitorWritesAndLeaves(email: string | undefined, body: string): Promise<string> {
  const socket = await openTestSocket(`${base}/widget/v1/socket?key=${chat.widget_key}`);
  socket.send({ type: "hello" });
  await socket.waitFor((m) => m.type === "welcome");
  socket.send({ type: "message", clientId: `left-${body.length}-${Date.now()}`, body, email, name: "Iva" });
  const ack = await socket.waitFor((m) => m.type === "ack");
  await socket.close();
  const [row] = await t.ctx.db.query<{ conversation_id: string }>(
    "SELECT conversation_id FROM messages WHERE id = $1",
    [(ack.message as { id: string }).id],
  );
  return row!.conversation_id;
}

const delivery = async (id: string) =>
  (
    await t.ctx.db.query<{ delivery_status: string; delivery_error: string | null }>(
      "SELECT delivery_status, delivery_error FROM messages WHERE id = $1",
      [id],
    )
  )[0]!;

describe("emailUnseenChatReplies", () => {
  it("emails a reply the visitor never saw, once, and marks it sent; leaves fresh and unreachable ones", async () => {
    const withEmail = await visitorWritesAndLeaves("iva@customer.example", "Is the lamp dimmable?");
    const withoutEmail = await visitorWritesAndLeaves(undefined, "Do you have gift cards?");
    const reply = await api.post<{ id: string }>(`/api/v1/conversations/${withEmail}/messages`, agent, {
      kind: "reply",
      body: "Yes, **fully** dimmable.",
    });
    const unreachable = await api.post<{ id: string }>(
      `/api/v1/conversations/${withoutEmail}/messages`,
      agent,
      {
        kind: "reply",
        body: "Yes, from 20 euros.",
      },
    );
    const mailFrom = t.ctx.env.mailFrom;
    // Just written: the visitor may still be reading; nothing goes yet.
    expect(await emailUnseenChatReplies(t.ctx.db, { mailFrom })).toBe(0);
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await emailUnseenChatReplies(t.ctx.db, { mailFrom, now: later })).toBe(1);
    expect(await emailUnseenChatReplies(t.ctx.db, { mailFrom, now: later })).toBe(0);
    expect(await delivery(reply.body.id)).toEqual({
      delivery_status: "pending",
      delivery_error: EMAILED_BECAUSE_LEFT,
    });

    const keys = await installKeys(t.ctx.db, t.ctx.env.HEED_SECRET);
    expect(await sendQueuedEmails(t.ctx.db, { keys, sender: smtpSender(sink.url) })).toBe(1);
    const [mail] = await sink.waitFor(1);
    expect(mail!.to).toEqual(["iva@customer.example"]);
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.from?.text).toBe('"Ana Kovač (Lumen chat)" <help@shop.example>');
    expect(parsed.subject).toBe("A reply to your chat with Lumen chat");
    expect(parsed.text).toContain("Yes, **fully** dimmable.");
    expect(parsed.html).toContain("<strong>fully</strong>");
    expect((await delivery(reply.body.id)).delivery_status).toBe("sent");
    expect((await delivery(unreachable.body.id)).delivery_status).toBe("pending");
  });

  it("does not let another visitor mark a reply received, and leaves replies already delivered", async () => {
    const conversationId = await visitorWritesAndLeaves("jan@customer.example", "Hello?");
    const socket = await openTestSocket(`${base}/widget/v1/socket?key=${chat.widget_key}`);
    // Another visitor's socket cannot mark it: it is this conversation's visitor who must receive it.
    socket.send({ type: "hello" });
    await socket.waitFor((m) => m.type === "welcome");
    const reply = await api.post<{ id: string }>(`/api/v1/conversations/${conversationId}/messages`, agent, {
      kind: "reply",
      body: "Hi Jan!",
    });
    socket.send({ type: "received", ids: [reply.body.id] });
    await socket.close();
    expect((await delivery(reply.body.id)).delivery_status).toBe("pending");
    await t.ctx.db.query("UPDATE messages SET delivery_status = 'sent' WHERE id = $1", [reply.body.id]);
    const later = new Date(Date.now() + 5 * 60_000);
    expect(await emailUnseenChatReplies(t.ctx.db, { mailFrom: t.ctx.env.mailFrom, now: later })).toBe(0);
  });
});
