import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildConversation, buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TConversationItem } from "../presenters/conversation-presenter.js";
import type { TCustomer } from "../presenters/customer-presenter.js";

interface SearchResult {
  conversations: TConversationItem[];
  customers: TCustomer[];
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
let inbox: InboxRow;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId);
  inbox = await buildInbox(t.ctx, { workspaceId });
  const texts: Record<string, { subject: string; body: string }> = {
    en: {
      subject: "Refund request",
      body: "The blender I bought arrived broken and I would like my money back.",
    },
    ru: {
      subject: "Доставка заказа",
      body: "Здравствуйте! Мой заказ до сих пор не доставлен, курьер не звонил.",
    },
    hr: {
      subject: "Oštećena pošiljka",
      body: "Poštovani, paket je stigao oštećen i tražim zamjenu proizvoda.",
    },
    sk: {
      subject: "Reklamácia topánok",
      body: "Dobrý deň, topánky sa po týždni roztrhli, žiadam o vrátenie peňazí.",
    },
  };
  for (const [language, text] of Object.entries(texts)) {
    ids[language] = (
      await buildConversation(t.ctx, { workspaceId, inboxId: inbox.id, ...text })
    ).conversation.id;
  }
});
afterAll(() => t.close());

const find = async (q: string, actor = agent) =>
  (await api.get<SearchResult>(`/api/v1/search?q=${encodeURIComponent(q)}`, actor)).body;
const found = async (q: string, actor = agent) => (await find(q, actor)).conversations.map((c) => c.id);

describe("GET /api/v1/search", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/search?q=refund", null)).status).toBe(401);
  });

  it("answers 400 naming q when it is missing", async () => {
    const response = await api.get<{ error: { details: { field: string }[] } }>("/api/v1/search", agent);
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]!.field).toBe("q");
  });

  it("finds English text by other forms of its words", async () => {
    expect(await found("refunds")).toContain(ids.en);
    expect(await found("blenders arriving")).toContain(ids.en);
    expect(await found("refund")).not.toContain(ids.ru);
  });

  it("finds Russian text by inflected forms", async () => {
    expect(await found("заказы")).toContain(ids.ru);
    expect(await found("доставлены")).toContain(ids.ru);
    expect(await found("курьера")).toContain(ids.ru);
  });

  it("finds Croatian text with and without diacritics", async () => {
    expect(await found("oštećen")).toContain(ids.hr);
    expect(await found("ostecena posiljka")).toContain(ids.hr);
    expect(await found("zamjena")).toContain(ids.hr);
  });

  it("finds Slovak text with and without diacritics", async () => {
    expect(await found("reklamácia")).toContain(ids.sk);
    expect(await found("reklamacia topanok")).toContain(ids.sk);
    expect(await found("peňazí")).toContain(ids.sk);
  });

  it("finds conversations and the customer by the customer's name, email or number", async () => {
    const { conversation, customer } = await buildConversation(t.ctx, {
      workspaceId,
      inboxId: inbox.id,
      customer: { email: "jelena.babic@mail.example", name: "Jelena Babić" },
      subject: "Question",
      body: "Hi there",
    });
    for (const q of ["jelena bab", "jelena.babic@", customer.number]) {
      const result = await find(q);
      expect(result.conversations.map((c) => c.id)).toContain(conversation.id);
      expect(result.customers.map((c) => c.id)).toContain(customer.id);
    }
  });

  it("never finds conversations of a members-only inbox the agent is not in, nor another workspace's", async () => {
    const closed = await buildInbox(t.ctx, { workspaceId, access: "members" });
    const secret = await buildConversation(t.ctx, {
      workspaceId,
      inboxId: closed.id,
      subject: "Confidential payroll",
      body: "payroll",
    });
    const foreign = await buildConversation(t.ctx, { subject: "Confidential payroll", body: "payroll" });
    expect(await found("payroll")).not.toContain(secret.conversation.id);
    expect(await found("payroll", owner)).toContain(secret.conversation.id);
    expect(await found("payroll", owner)).not.toContain(foreign.conversation.id);
    const list = await api.get<{ data: { id: string }[] }>("/api/v1/conversations?q=payroll", agent);
    expect(list.body.data).toEqual([]);
  });

  it("does not break on punctuation-only or operator-like queries", async () => {
    for (const q of ["!!!", "& | :*", "'", '"unterminated', "-"]) {
      const response = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}`, agent);
      expect(response.status).toBe(200);
    }
  });
});
