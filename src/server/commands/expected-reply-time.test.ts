import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { expectedReplySeconds } from "./expected-reply-time.js";
import { createCalendar, setInboxBusinessHours } from "./save-calendar.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("expectedReplySeconds", () => {
  it("is the median first reply of the week, in business time when the inbox follows a calendar", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const inbox = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "chat" });
    expect(await expectedReplySeconds(t.ctx.db, inbox.id)).toBeNull();
    // Eleven conversations, each written 10 hours before its first reply.
    for (let i = 0; i < 11; i++) {
      const { conversation } = await buildConversation(t.ctx, {
        workspaceId: workspace.id,
        inboxId: inbox.id,
        at: new Date(Date.now() - (i + 1) * 60_000 - 10 * 3600_000),
      });
      await t.ctx.db.query(
        "UPDATE conversations SET first_reply_at = created_at + interval '10 hours' WHERE id = $1",
        [conversation.id],
      );
    }
    expect(await expectedReplySeconds(t.ctx.db, inbox.id)).toBe(10 * 3600);
    // Open only an hour a day: at most an hour of any 10-hour wait counted, often less.
    const actor = await ownerActor(t.ctx, workspace.id);
    const oneHour = await createCalendar(t.ctx.db, actor, {
      name: "One hour",
      timeZone: "UTC",
      intervals: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day: day as 1, start: "12:00", end: "13:00" })),
      holidays: [],
    });
    await setInboxBusinessHours(t.ctx.db, actor, inbox.id, oneHour.id);
    const business = await expectedReplySeconds(t.ctx.db, inbox.id);
    expect(business).not.toBeNull();
    expect(business!).toBeLessThanOrEqual(3600);
  });
});
