import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  autoAssignedActivity,
  awayReassignedActivity,
  escalatedActivity,
} from "../../../server/commands/assignment-activities.js";
import { macroAppliedActivity, type MacroChange } from "../../../server/commands/macro-activities.js";
import type { Activity } from "../../../server/commands/record-activity.js";
import type { TMessage } from "../../api/types.js";
import { translate, type Catalog } from "../../i18n/translate.js";
import { activityText } from "./activity-text.js";

const catalog = (lang: string) =>
  JSON.parse(
    fs.readFileSync(new URL(`../../../../locales/${lang}/web.json`, import.meta.url), "utf8"),
  ) as Catalog;
const en = catalog("en");
const sayer = (lang: string) => {
  const own = catalog(lang);
  return (key: string, params?: Record<string, string | number>) => translate(own, en, lang, key, params);
};
const formatDateTime = (iso: string) => iso;

/** The timeline message the server stores for an activity (the author is whoever did it, or nobody). */
const messageOf = (activity: Activity, author: string | null = null): TMessage => ({
  id: "m1",
  conversationId: "c1",
  kind: "activity",
  body: activity.body,
  author: author ? { type: "user", id: "u1", name: author } : null,
  deliveryStatus: null,
  deliveryError: null,
  meta: activity.meta,
  attachments: [],
  hasHtml: false,
  hasRemoteImages: false,
  language: null,
  sentiment: null,
  createdAt: "2025-03-14T08:00:00.000Z",
});

const marko = { id: "u2", name: "Marko Horvat" };
const tom = { id: "u3", name: "Tom Baker" };

describe("activityText for assignment", () => {
  it("says in English what the server's sentence says, for every reason", () => {
    const t = sayer("en");
    const activities = [
      autoAssignedActivity(marko, "round_robin"),
      autoAssignedActivity(marko, "balanced"),
      autoAssignedActivity(marko, "returning_customer"),
      autoAssignedActivity(marko, "agent_online"),
      awayReassignedActivity(tom, 30, marko, "round_robin"),
      awayReassignedActivity(tom, 30, marko, "balanced"),
      awayReassignedActivity(tom, 30, null, "manual"),
    ];
    for (const activity of activities) {
      expect(activityText(messageOf(activity), t, formatDateTime)).toBe(activity.body);
    }
    expect(activityText(messageOf(autoAssignedActivity(marko, "round_robin")), t, formatDateTime)).toBe(
      "Assigned to Marko Horvat by round robin",
    );
    const escalated = escalatedActivity("Ana Kovač", marko, tom, "wants a refund today", null);
    expect(activityText(messageOf(escalated, "Ana Kovač"), t, formatDateTime)).toBe(
      "Ana Kovač escalated this to Marko Horvat: wants a refund today",
    );
  });

  it("words them in the reader's language, with the plural form of the minutes", () => {
    const line = (lang: string, activity: Activity, author?: string) =>
      activityText(messageOf(activity, author), sayer(lang), formatDateTime);
    expect(line("ru", autoAssignedActivity(marko, "round_robin"))).toBe(
      "Назначен ответственный — Marko Horvat (по очереди)",
    );
    expect(line("ru", awayReassignedActivity(tom, 21, marko, "balanced"))).toBe(
      "Новый ответственный — Marko Horvat (равномерно): Tom Baker нет на месте больше 21 минуты",
    );
    expect(line("ru", awayReassignedActivity(tom, 45, null, "manual"))).toBe(
      "Ответственный снят: Tom Baker нет на месте больше 45 минут, других свободных агентов нет",
    );
    expect(line("hr", awayReassignedActivity(tom, 3, marko, "round_robin"))).toBe(
      "Ponovno dodijeljeno — Marko Horvat (kružna dodjela): Tom Baker nije tu više od 3 minute",
    );
    expect(line("hr", awayReassignedActivity(tom, 30, marko, "round_robin"))).toMatch(/od 30 minuta$/);
    expect(line("sk", awayReassignedActivity(tom, 1, null, "manual"))).toMatch(/viac ako 1 minútu a /);
    expect(line("sk", awayReassignedActivity(tom, 5, null, "manual"))).toMatch(/viac ako 5 minút a /);
    expect(
      line("sk", escalatedActivity("Ana Kovač", marko, null, "zákazník žiada vrátenie", null), "Ana Kovač"),
    ).toBe("Ana Kovač: eskalované — Marko Horvat. Dôvod: zákazník žiada vrátenie");
  });

  it("keeps the server's sentence for a reason this version does not know", () => {
    const future: Activity = {
      ...autoAssignedActivity(marko, "round_robin"),
      body: "Assigned to Marko Horvat by skill",
    };
    future.meta = { ...future.meta, reason: "skills" };
    expect(activityText(messageOf(future), sayer("hr"), formatDateTime)).toBe(
      "Assigned to Marko Horvat by skill",
    );
  });
});

describe("activityText for a macro", () => {
  const lostOrder = { id: "m1", name: "Lost order" };
  const changes: MacroChange[] = [
    { field: "status", from: "open", to: "pending" },
    { field: "tags", added: ["lost-order"], removed: ["new"] },
    { field: "priority", from: "normal", to: "high" },
    { field: "assignee", from: null, to: marko },
    { field: "team", from: { id: "t1", name: "Returns" }, to: null },
    { field: "followUp", dueAt: "2025-03-16T08:00:00.000Z", previousDueAt: null },
  ];
  const line = (lang: string, list = changes) =>
    activityText(
      messageOf(macroAppliedActivity("Ana Kovač", lostOrder, list, null), "Ana Kovač"),
      sayer(lang),
      formatDateTime,
    );

  it("lists every change the macro made in one line, in each language", () => {
    expect(line("en")).toBe(
      "Ana Kovač applied macro “Lost order”: status pending, tags +lost-order \u2212new, priority high, " +
        "assigned to Marko Horvat, team removed, follow-up on 2025-03-16T08:00:00.000Z",
    );
    expect(line("ru")).toBe(
      "Ana Kovač: применён макрос «Lost order» — статус «в ожидании», метки +lost-order \u2212new, " +
        "приоритет «высокий», ответственный — Marko Horvat, команда убрана, напоминание на 2025-03-16T08:00:00.000Z",
    );
    expect(line("hr", changes.slice(0, 2))).toBe(
      "Ana Kovač: primijenjena makronaredba „Lost order“ — status „na čekanju“, oznake +lost-order \u2212new",
    );
    expect(line("sk", [{ field: "status", from: "open", to: "resolved" }])).toBe(
      "Ana Kovač: použité makro „Lost order“ — stav „vyriešená“",
    );
  });

  it("keeps the server's sentence for a change this version does not know", () => {
    const future = macroAppliedActivity("Ana Kovač", lostOrder, changes.slice(0, 1), null);
    future.meta = { ...future.meta, changes: [{ field: "language", to: "hr" }] };
    expect(activityText(messageOf(future, "Ana Kovač"), sayer("hr"), formatDateTime)).toBe(future.body);
  });
});
