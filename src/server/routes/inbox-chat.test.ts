import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { InboxRow } from "../models/inboxes.js";

interface Settings {
  widgetKey: string;
  embedCode: string;
  allowedOrigins: string[];
  askName: string;
  askEmail: string;
  hasIdentitySecret: boolean;
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let chat: InboxRow;
let email: InboxRow;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  agent = await buildAgent(t.ctx, built.workspace.id);
  chat = await buildInbox(t.ctx, { workspaceId: built.workspace.id, channel: "chat" });
  email = await buildInbox(t.ctx, { workspaceId: built.workspace.id });
});
afterAll(() => t.close());

const url = (id: string) => `/api/v1/inboxes/${id}/chat`;

describe("/api/v1/inboxes/:id/chat", () => {
  it("shows the embed code and the defaults, to owners and admins only", async () => {
    const settings = await api.get<Settings>(url(chat.id), owner);
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      widgetKey: chat.widget_key,
      embedCode: `<script src="${TEST_ORIGIN}/widget.js" data-key="${chat.widget_key}" async></script>`,
      allowedOrigins: [],
      askName: "optional",
      askEmail: "optional",
      hasIdentitySecret: false,
    });
    expect((await api.get(url(chat.id), agent)).status).toBe(403);
    expect((await api.get(url(email.id), owner)).status).toBe(400);
    expect((await api.get(url((await buildInbox(t.ctx, { channel: "chat" })).id), owner)).status).toBe(404);
  });

  it("saves allowed sites as origins and the pre-chat fields, refusing what is not a site", async () => {
    const saved = await api.put<Settings>(url(chat.id), owner, {
      allowedOrigins: ["https://shop.example", "https://shop.example/", "http://localhost:8080"],
      askEmail: "required",
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      allowedOrigins: ["https://shop.example", "http://localhost:8080"],
      askName: "optional",
      askEmail: "required",
    });
    const bad = await api.put<{ error: { details: { field: string }[] } }>(url(chat.id), owner, {
      allowedOrigins: ["https://shop.example", "https://shop.example/cart"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.field).toBe("allowedOrigins.1");
    expect((await api.put(url(chat.id), owner, { askName: "always" })).status).toBe(400);
  });

  it("renews the identity secret, shown once", async () => {
    const renewed = await api.post<{ identitySecret: string }>(`${url(chat.id)}/identity-secret`, owner);
    expect(renewed.status).toBe(201);
    expect(renewed.body.identitySecret).toMatch(/^hcs_/);
    expect((await api.get<Settings>(url(chat.id), owner)).body.hasIdentitySecret).toBe(true);
    expect((await api.post(`${url(chat.id)}/identity-secret`, agent)).status).toBe(403);
  });
});
