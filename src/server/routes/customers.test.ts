import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import {
  buildConversation,
  buildCustomer,
  buildInbox,
} from "../../../test/helpers/factories-conversations.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TCustomer } from "../presenters/customer-presenter.js";
import type { TConversationItem } from "../presenters/conversation-presenter.js";

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}
interface CustomerDetail extends TCustomer {
  identities: { kind: string; value: string }[];
  conversations: TConversationItem[];
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let workspaceId: string;
let inbox: InboxRow;
let privateInbox: InboxRow;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  agent = await buildAgent(t.ctx, workspaceId);
  inbox = await buildInbox(t.ctx, { workspaceId });
  privateInbox = await buildInbox(t.ctx, { workspaceId, access: "members" });
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const search = async (q: string, actor = agent) =>
  (await api.get<{ data: TCustomer[] }>(`/api/v1/customers?q=${encodeURIComponent(q)}`, actor)).body.data.map(
    (c) => c.id,
  );

describe("GET /api/v1/customers", () => {
  it("returns 401 without credentials", async () => {
    expect((await api.get("/api/v1/customers", null)).status).toBe(401);
  });

  it("answers 400 naming the field for a bad limit or cursor", async () => {
    expect((await api.get<ErrorBody>("/api/v1/customers?limit=0", agent)).body.error.details![0]!.field).toBe(
      "limit",
    );
    expect(
      (await api.get<ErrorBody>("/api/v1/customers?cursor=x", agent)).body.error.details![0]!.field,
    ).toBe("cursor");
  });

  it("finds a customer by word prefixes of the name, with or without diacritics", async () => {
    const customer = await buildCustomer(t.ctx, { workspaceId, name: "Željka Šimić-Horvat" });
    expect(await search("zelj")).toContain(customer.id);
    expect(await search("Šim želj")).toContain(customer.id);
    expect(await search("horv")).toContain(customer.id);
    expect(await search("zelj petrov")).not.toContain(customer.id);
  });

  it("finds a customer by email prefix in any case, by phone digits and by customer number", async () => {
    const customer = await buildCustomer(t.ctx, {
      workspaceId,
      name: "Ivan Petrov",
      email: "Ivan.Petrov@Post.example",
      phone: "+7 (912) 345-67-89",
    });
    expect(await search("IVAN.PET")).toContain(customer.id);
    expect(await search("7912 345")).toContain(customer.id);
    expect(await search("+79123456789")).toContain(customer.id);
    expect(await search(customer.number.toLowerCase())).toContain(customer.id);
    expect(await search(customer.number.slice(0, 4))).toContain(customer.id);
  });

  it("treats LIKE wildcards in the query as plain characters", async () => {
    await buildCustomer(t.ctx, { workspaceId, email: `under_score${Date.now()}@example.test` });
    expect(await search("%")).toEqual([]);
    expect(await search("u_der")).toEqual([]);
  });

  it("never finds another workspace's customers", async () => {
    const foreign = await buildCustomer(t.ctx, {
      workspaceId: stranger.workspaceId,
      name: "Zdenka Foreignová",
    });
    expect(await search("zdenka")).not.toContain(foreign.id);
  });

  it("lists customers most recently seen first, page by page", async () => {
    const ws = await buildWorkspace(t.ctx);
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await buildCustomer(t.ctx, { workspaceId: ws.workspace.id })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: { body: { data: TCustomer[]; nextCursor: string | null } } = await api.get(url, ws.owner);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });
});

describe("GET /api/v1/customers/:id", () => {
  it("returns 401 without credentials", async () => {
    const customer = await buildCustomer(t.ctx, { workspaceId });
    expect((await api.get(`/api/v1/customers/${customer.id}`, null)).status).toBe(401);
  });

  it("returns 404 for another workspace's customer, like a missing one", async () => {
    const foreign = await buildCustomer(t.ctx, { workspaceId: stranger.workspaceId });
    const response = await api.get<ErrorBody>(`/api/v1/customers/${foreign.id}`, owner);
    const missing = await api.get<ErrorBody>(`/api/v1/customers/${crypto.randomUUID()}`, owner);
    expect(response.status).toBe(404);
    expect(response.body).toEqual(missing.body);
  });

  it("answers 400 naming id for an id that is not a uuid", async () => {
    const response = await api.get<ErrorBody>("/api/v1/customers/ABC123", agent);
    expect(response.status).toBe(400);
    expect(response.body.error.details![0]!.field).toBe("id");
  });

  it("shows one record across channels with its identities and the conversations the actor may see", async () => {
    const email = `nina.${Date.now()}@example.test`;
    const byEmail = await buildConversation(t.ctx, {
      workspaceId,
      inboxId: inbox.id,
      customer: { email, name: "Nina" },
    });
    const byPhone = await buildConversation(t.ctx, {
      workspaceId,
      inboxId: privateInbox.id,
      customer: { email: email.toUpperCase(), phone: "+385 98 111 2222" },
    });
    expect(byPhone.customer.id).toBe(byEmail.customer.id);
    const forAgent = await api.get<CustomerDetail>(`/api/v1/customers/${byEmail.customer.id}`, agent);
    expect(forAgent.status).toBe(200);
    expect(forAgent.body.number).toBe(byEmail.customer.number);
    expect(forAgent.body.identities.map((i) => [i.kind, i.value])).toEqual([
      ["email", email],
      ["phone", "+385 98 111 2222"],
    ]);
    expect(forAgent.body.conversations.map((c) => c.id)).toEqual([byEmail.conversation.id]);
    const forOwner = await api.get<CustomerDetail>(`/api/v1/customers/${byEmail.customer.id}`, owner);
    expect(forOwner.body.conversations.map((c) => c.id).sort()).toEqual(
      [byEmail.conversation.id, byPhone.conversation.id].sort(),
    );
  });
});

describe("PATCH /api/v1/customers/:id", () => {
  it("returns 401 without credentials and 404 for another workspace's customer", async () => {
    const foreign = await buildCustomer(t.ctx, { workspaceId: stranger.workspaceId });
    expect((await api.patch(`/api/v1/customers/${foreign.id}`, null, { name: "x" })).status).toBe(401);
    expect((await api.patch(`/api/v1/customers/${foreign.id}`, owner, { name: "x" })).status).toBe(404);
  });

  it("refuses fields that must not be written, like the number", async () => {
    const customer = await buildCustomer(t.ctx, { workspaceId });
    const response = await api.patch<ErrorBody>(`/api/v1/customers/${customer.id}`, agent, {
      number: "000000",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details![0]!.field).toBe("number");
    const language = await api.patch<ErrorBody>(`/api/v1/customers/${customer.id}`, agent, {
      language: "de",
    });
    expect(language.body.error.details![0]!.field).toBe("language");
  });

  it("renames the customer (searchable by the new name) and sets the language", async () => {
    const customer = await buildCustomer(t.ctx, { workspaceId, name: null });
    const response = await api.patch<CustomerDetail>(`/api/v1/customers/${customer.id}`, agent, {
      name: "Božena Kováčová",
      language: "sk",
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: "Božena Kováčová", language: "sk", number: customer.number });
    expect(await search("bozena kova")).toContain(customer.id);
  });
});
