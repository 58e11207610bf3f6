import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { TNotification } from "../../api/types.js";
import { translate, type Catalog } from "../../i18n/translate.js";
import { notificationText } from "./notification-text.js";

const catalog = (lang: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../../../../locales/${lang}/web.json`, import.meta.url), "utf8"),
  ) as Catalog;
const en = catalog("en");
const sayer = (lang: string) => {
  const own = catalog(lang);
  return (key: string, params?: Record<string, string | number>) => translate(own, en, lang, key, params);
};

const notification = (overrides: Partial<TNotification>): TNotification => ({
  id: "n1",
  kind: "follow_up_due",
  conversationId: "c1",
  conversation: { id: "c1", number: 123, subject: "Where is my order?" },
  actor: { id: "u1", name: "Ana Kovač" },
  payload: {},
  readAt: null,
  createdAt: "2025-03-14T08:00:00.000Z",
  ...overrides,
});

describe("notificationText", () => {
  const t = sayer("en");

  it("says a due follow-up with its note, and without one", () => {
    expect(notificationText(notification({ payload: { note: "check the replacement arrived" } }), t)).toBe(
      "Follow-up due on #123 Where is my order?: check the replacement arrived",
    );
    expect(notificationText(notification({ payload: { note: "" } }), t)).toBe(
      "Follow-up due on #123 Where is my order?",
    );
  });

  it("names who escalated and why, and someone when that user is gone", () => {
    const escalated = notification({ kind: "escalated", payload: { reason: "wants a refund today" } });
    expect(notificationText(escalated, t)).toBe(
      "Ana Kovač escalated #123 Where is my order? to you: wants a refund today",
    );
    expect(notificationText({ ...escalated, actor: null }, t)).toMatch(/^Someone escalated #123/);
  });

  it("says an ended snooze, and which SLA clock is due soon or overdue", () => {
    expect(
      notificationText(
        notification({ kind: "snooze_ended", conversation: { id: "c1", number: 7, subject: null } }),
        t,
      ),
    ).toBe("Snooze ended on #7");
    expect(
      notificationText(notification({ kind: "sla_warning", payload: { kind: "first_response" } }), t),
    ).toBe("First response due soon on #123 Where is my order?");
    expect(notificationText(notification({ kind: "sla_breached", payload: { kind: "resolution" } }), t)).toBe(
      "Resolution overdue on #123 Where is my order?",
    );
  });

  it("still names the conversation for a kind it does not know", () => {
    expect(notificationText(notification({ kind: "something_new" }), t)).toBe(
      "News on #123 Where is my order?",
    );
    expect(notificationText(notification({ kind: "sla_warning", payload: { kind: "odd" } }), t)).toBe(
      "News on #123 Where is my order?",
    );
  });

  it("has a sentence of its own in every language for every kind", () => {
    const kinds: Partial<TNotification>[] = [
      { kind: "follow_up_due", payload: { note: "x" } },
      { kind: "follow_up_due" },
      { kind: "escalated", payload: { reason: "x" } },
      { kind: "snooze_ended" },
      ...["first_response", "next_response", "resolution"].flatMap((clock) => [
        { kind: "sla_warning", payload: { kind: clock } },
        { kind: "sla_breached", payload: { kind: clock } },
      ]),
    ];
    for (const lang of ["ru", "hr", "sk"]) {
      const say = sayer(lang);
      for (const overrides of kinds) {
        const text = notificationText(notification(overrides), say);
        expect(text, `${lang} ${overrides.kind}`).toContain("#123 Where is my order?");
        expect(text, `${lang} ${overrides.kind}`).not.toBe(notificationText(notification(overrides), t));
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });
});
