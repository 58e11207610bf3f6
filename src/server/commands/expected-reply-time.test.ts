import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox, ownerActor } from "../../../test/helpers/factories-conversations.js";
import { expectedReplySeconds } from "./expected-reply-time.js";
import { replyToConversation } from "./reply-to-conversation.js";
import { createCalendar, setInboxBusinessHours } from "./save-calendar.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("expectedReplySeconds", () => {
  it("is the median first reply of the week from the reporting rows, in business time with a calendar", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    const actor = await ownerActor(t.ctx, workspace.id);
    const always = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "chat" });
    const hourADay = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "chat" });
    // Open only an hour a day: at most an hour of any 10-hour wait counts, often less.
    const oneHour = await createCalendar(t.ctx.db, actor, {
      name: "One hour",
      timeZone: "UTC",
      intervals: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day: day as 1, start: "12:00", end: "13:00" })),
      holidays: [],
    });
    await setInboxBusinessHours(t.ctx.db, actor, hourADay.id, oneHour.id);
    expect(await expectedReplySeconds(t.ctx.db, always.id)).toBeNull();
    // Eleven conversations in each, each answered 10 hours after it was written.
    for (const inbox of [always, hourADay]) {
      for (let i = 0; i < 11; i++) {
        const written = Date.now() - (i + 1) * 60_000 - 10 * 3600_000;
        const { conversation } = await buildConversation(t.ctx, {
          workspaceId: workspace.id,
          inboxId: inbox.id,
          at: new Date(written),
        });
        await replyToConversation(t.ctx.db, actor, conversation.id, {
          kind: "reply",
          body: "Here to help.",
          at: new Date(written + 10 * 3600_000),
        });
        // Ten replies are too few for an honest number.
        if (inbox === always && i === 8) expect(await expectedReplySeconds(t.ctx.db, inbox.id)).toBeNull();
      }
    }
    expect(await expectedReplySeconds(t.ctx.db, always.id)).toBe(10 * 3600);
    const business = await expectedReplySeconds(t.ctx.db, hourADay.id);
    expect(business).not.toBeNull();
    expect(business!).toBeLessThanOrEqual(3600);
  });
});
