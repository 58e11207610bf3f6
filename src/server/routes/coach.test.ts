import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldOf, startApiTest } from "../../../test/helpers/api-test.js";
import type { TestApp } from "../../../test/helpers/app.js";
import type { ApiClient } from "../../../test/helpers/api.js";
import type { TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import { addCustomerMessage } from "../commands/add-customer-message.js";
import type { TCoachResult } from "../presenters/coach-presenter.js";
import type { TConversation, TConversationItem } from "../presenters/conversation-presenter.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;
let workspaceId: string;

beforeAll(async () => {
  ({ t, api, owner, agent, stranger, workspaceId } = await startApiTest());
});
afterAll(() => t.close());

const coach = (actor: TestActor | null, body: unknown) => api.post("/api/v1/coach", actor, body);
const rulesOf = (result: TCoachResult) => result.findings.map((f) => f.rule);

describe("POST /api/v1/coach", () => {
  it("returns 401 without credentials", async () => {
    expect((await coach(null, { text: "Hello" })).status).toBe(401);
  });

  it("returns 404 for a conversation of another workspace or an inbox the agent does not see", async () => {
    const { conversation } = await buildConversation(t.ctx, { workspaceId });
    const answer = await coach(stranger, { text: "Hello", context: { conversationId: conversation.id } });
    expect(answer.status).toBe(404);
    const hidden = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const other = await buildConversation(t.ctx, { workspaceId, inboxId: hidden.id });
    const refused = await coach(agent, { text: "Hello", context: { conversationId: other.conversation.id } });
    expect(refused.status).toBe(404);
  });

  it("answers 400 naming the field for a missing or too long text, a language Heed lacks, unknown fields", async () => {
    expect(fieldOf((await coach(agent, {})).body)).toBe("text");
    expect(fieldOf((await coach(agent, { text: "x".repeat(20_001) })).body)).toBe("text");
    expect(fieldOf((await coach(agent, { text: "Hi", lang: "de" })).body)).toBe("lang");
    expect((await coach(agent, { text: "Hi", tone: "warm" })).status).toBe(400);
  });

  it("points out negative phrasing with a positive alternative, in the language asked for", async () => {
    const answer = await coach(agent, {
      text: "Unfortunately we can't refund this order.",
      lang: "en",
      context: { closing: false },
    });
    expect(answer.status).toBe(200);
    const result = answer.body as TCoachResult;
    expect(result.lang).toBe("en");
    const negative = result.findings.filter((f) => f.rule === "negative");
    expect(negative.length).toBeGreaterThan(0);
    for (const finding of negative) {
      expect("Unfortunately we can't refund this order.".slice(finding.start, finding.end)).toBe(
        finding.excerpt,
      );
      expect(finding.suggestion).toBeTruthy();
    }
    expect(result.latte).toBeNull();
  });

  it("guesses the draft's language when none is given", async () => {
    const result = (await coach(agent, { text: "К сожалению, мы не можем вернуть деньги за этот заказ." }))
      .body as TCoachResult;
    expect(result.lang).toBe("ru");
    expect(rulesOf(result)).toContain("negative");
  });

  it("reads a conversation: its language, and the LATTE checklist when a tag says complaint", async () => {
    const { conversation } = await buildConversation(t.ctx, {
      workspaceId,
      language: "hr",
      body: "Paket je stigao oštećen, vaza je razbijena.",
      tags: ["Reklamacija"],
    });
    const result = (
      await coach(agent, {
        text: "Žao mi je što je vaza stigla razbijena. Hvala što ste nam javili. Danas šaljemo novu vazu, stići će do petka.",
        context: { conversationId: conversation.id },
      })
    ).body as TCoachResult;
    expect(result.lang).toBe("hr");
    expect(result.complaint).toBe(true);
    expect(result.latte).not.toBeNull();
    expect(result.latte!.thank).toBe(true);
    expect(result.latte!.acknowledge).toBe(true);
  });

  it("treats a conversation whose customer wrote angrily as a complaint, unless told otherwise", async () => {
    const { conversation } = await buildConversation(t.ctx, {
      workspaceId,
      language: "en",
      body: "This is terrible. I am very angry, the product is broken and your service is awful!",
    });
    const read = (await api.get(`/api/v1/conversations/${conversation.id}`, agent)).body as TConversation;
    expect(read.sentiment).toBe("negative");
    const result = (
      await coach(agent, { text: "Thanks for writing.", context: { conversationId: conversation.id } })
    ).body as TCoachResult;
    expect(result.complaint).toBe(true);
    const overridden = (
      await coach(agent, {
        text: "Thanks for writing.",
        context: { conversationId: conversation.id, complaint: false },
      })
    ).body as TCoachResult;
    expect(overridden.latte).toBeNull();
  });

  it("flags the workspace's own jargon once an admin lists it", async () => {
    const text = "I have moved your case to the Falcon queue, you will hear from us today.";
    expect(rulesOf((await coach(agent, { text, lang: "en" })).body as TCoachResult)).not.toContain("jargon");
    const patched = await api.patch("/api/v1/workspace", owner, {
      coachJargon: [" Falcon queue ", "falcon QUEUE"],
    });
    expect(patched.status).toBe(200);
    expect((patched.body as { coachJargon: string[] }).coachJargon).toEqual(["Falcon queue"]);
    expect((await api.patch("/api/v1/workspace", agent, { coachJargon: [] })).status).toBe(403);
    const result = (await coach(agent, { text, lang: "en" })).body as TCoachResult;
    const jargon = result.findings.find((f) => f.rule === "jargon");
    expect(jargon?.excerpt.toLowerCase()).toBe("falcon queue");
  });
});

describe("customer messages: language and sentiment", () => {
  it("stores each customer message's language and mood, and the conversation keeps the latest mood", async () => {
    const { conversation } = await buildConversation(t.ctx, {
      workspaceId,
      language: "sk",
      body: "Dobrý deň, objednávka prišla poškodená a som veľmi nespokojný, je to hrozné.",
    });
    let read = (await api.get(`/api/v1/conversations/${conversation.id}`, owner)).body as TConversation;
    const first = read.messages.find((m) => m.kind === "incoming")!;
    expect(first.language).toBe("sk");
    expect(first.sentiment).toBe("negative");
    expect(read.sentiment).toBe("negative");

    await addCustomerMessage(t.ctx.db, {
      workspaceId,
      conversationId: conversation.id,
      body: "Ďakujem veľmi pekne, všetko je v poriadku, ste skvelí!",
    });
    read = (await api.get(`/api/v1/conversations/${conversation.id}`, owner)).body as TConversation;
    const latest = read.messages.filter((m) => m.kind === "incoming").at(-1)!;
    expect(latest.sentiment).toBe("positive");
    expect(read.sentiment).toBe("positive");
  });

  it("filters the conversation list by the customer's mood and by language", async () => {
    const angry = await buildConversation(t.ctx, {
      workspaceId,
      body: "Я очень недоволен, заказ сломан, это ужасно!",
    });
    const calm = await buildConversation(t.ctx, { workspaceId, body: "Hello, where can I see my invoice?" });
    const list = (query: string) =>
      api
        .get(`/api/v1/conversations?limit=100&${query}`, owner)
        .then((r) => (r.body as { data: TConversationItem[] }).data.map((c) => c.id));
    const negative = await list("sentiment=negative");
    expect(negative).toContain(angry.conversation.id);
    expect(negative).not.toContain(calm.conversation.id);
    const russian = await list("language=ru");
    expect(russian).toContain(angry.conversation.id);
    expect(russian).not.toContain(calm.conversation.id);
    expect((await api.get("/api/v1/conversations?sentiment=grumpy", owner)).status).toBe(400);
  });
});
