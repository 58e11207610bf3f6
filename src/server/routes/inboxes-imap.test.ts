import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { installKeys } from "../lib/install-secret.js";
import type { TInbox } from "../presenters/inbox-presenter.js";

interface ErrorBody {
  error: { code: string; details?: { field: string; message: string }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let admin: TestActor;
let agent: TestActor;
let stranger: TestActor;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  admin = await buildAgent(t.ctx, built.workspace.id, { role: "admin" });
  agent = await buildAgent(t.ctx, built.workspace.id);
  stranger = (await buildWorkspace(t.ctx)).owner;
});
afterAll(() => t.close());

const PASSWORD = "correct horse battery staple";
const TOKEN = "ya29.a0AfH6SMBx-secret-token";
const uniqueAddress = () => `imap-${Math.random().toString(36).slice(2, 8)}@shop.example`;
const imap = (overrides: Record<string, unknown> = {}) => ({
  host: "imap.example.com",
  username: "help@shop.example",
  password: PASSWORD,
  ...overrides,
});

async function createImapInbox(settings: Record<string, unknown> = imap()) {
  return api.post<TInbox>("/api/v1/inboxes", admin, {
    name: "Mailbox",
    channel: "email",
    address: uniqueAddress(),
    imap: settings,
  });
}

const fieldOf = (body: unknown) => (body as ErrorBody).error.details?.[0]?.field;

async function storedSecret(inboxId: string) {
  const rows = await t.ctx.db.query<{ secret_sealed: string; auth_method: string }>(
    "SELECT secret_sealed, auth_method FROM inbox_imap WHERE inbox_id = $1",
    [inboxId],
  );
  return rows[0];
}

describe("POST /api/v1/inboxes with IMAP settings", () => {
  it("creates an email inbox reading a mailbox, with defaults, and never returns the password", async () => {
    const response = await createImapInbox();
    expect(response.status).toBe(201);
    expect(response.body.imap).toMatchObject({
      isEnabled: true,
      host: "imap.example.com",
      port: 993,
      security: "tls",
      username: "help@shop.example",
      authMethod: "password",
      hasPassword: true,
      hasAccessToken: false,
      mailbox: "INBOX",
      afterFetch: "leave",
      moveTo: null,
      status: { state: "starting", lastUid: 0, uidValidity: null, lastErrorCode: null },
    });
    expect(JSON.stringify(response.body)).not.toContain(PASSWORD);
    expect(response.body.imap).not.toHaveProperty("password");
  });

  it("keeps the password sealed at rest, readable only with the install's key", async () => {
    const response = await createImapInbox();
    const stored = (await storedSecret(response.body.id))!;
    expect(stored.secret_sealed).not.toContain(PASSWORD);
    expect(stored.secret_sealed).toMatch(/^v1\./);
    const keys = await installKeys(t.ctx.db, t.ctx.env.HEED_SECRET);
    expect(keys.open(stored.secret_sealed)).toBe(PASSWORD);
  });

  it("takes an OAuth2 access token instead of a password (XOAUTH2)", async () => {
    const response = await createImapInbox(imap({ password: undefined, accessToken: TOKEN, port: 1993 }));
    expect(response.status).toBe(201);
    expect(response.body.imap).toMatchObject({
      authMethod: "xoauth2",
      hasPassword: false,
      hasAccessToken: true,
      port: 1993,
    });
    expect(JSON.stringify(response.body)).not.toContain(TOKEN);
  });

  it("answers 400 naming the field for settings that cannot work", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [imap({ host: "imap://imap.example.com" }), "imap.host"],
      [imap({ host: "" }), "imap.host"],
      [imap({ port: 70000 }), "imap.port"],
      [imap({ security: "ssl" }), "imap.security"],
      [imap({ password: undefined }), "imap.password"],
      [imap({ accessToken: TOKEN }), "imap.accessToken"],
      [imap({ security: "none" }), "imap.security"],
      [imap({ afterFetch: "move" }), "imap.moveTo"],
      [imap({ afterFetch: "move", moveTo: "inbox" }), "imap.moveTo"],
      [imap({ mailbox: "In\r\nbox" }), "imap.mailbox"],
      [imap({ username: undefined }), "imap.username"],
      [imap({ lastUid: 5 }), "imap.lastUid"],
    ];
    for (const [settings, field] of cases) {
      const response = await createImapInbox(settings);
      expect(response.status, JSON.stringify(settings)).toBe(400);
      expect(fieldOf(response.body), JSON.stringify(settings)).toBe(field);
    }
  });

  it("reads without TLS only from a loopback host, or when allowInsecure says so", async () => {
    for (const host of ["localhost", "127.0.0.1", "::1"]) {
      const response = await createImapInbox(imap({ host, security: "none" }));
      expect(response.status, host).toBe(201);
      expect(response.body.imap?.port).toBe(143);
    }
    const insecure = await createImapInbox(imap({ security: "none", allowInsecure: true }));
    expect(insecure.status).toBe(201);
    expect(insecure.body.imap).toMatchObject({ security: "none", allowInsecure: true });
  });

  it("refuses IMAP settings on an inbox that is not an email inbox", async () => {
    const response = await api.post("/api/v1/inboxes", admin, {
      name: "Chat",
      channel: "chat",
      imap: imap(),
    });
    expect(response.status).toBe(400);
    expect(fieldOf(response.body)).toBe("imap");
  });
});

describe("PATCH /api/v1/inboxes/:id with IMAP settings", () => {
  it("returns 401 without credentials, 403 to agents, 404 for another workspace's inbox", async () => {
    const inbox = (await createImapInbox()).body;
    const url = `/api/v1/inboxes/${inbox.id}`;
    expect((await api.patch(url, null, { imap: { host: "x.example" } })).status).toBe(401);
    expect((await api.patch(url, agent, { imap: { host: "x.example" } })).status).toBe(403);
    expect((await api.patch(url, stranger, { imap: { host: "x.example" } })).status).toBe(404);
  });

  it("changes the given fields and keeps the password unless a new one is given", async () => {
    const inbox = (await createImapInbox()).body;
    const before = (await storedSecret(inbox.id))!;
    const response = await api.patch<TInbox>(`/api/v1/inboxes/${inbox.id}`, owner, {
      imap: { afterFetch: "move", moveTo: "Heed", mailbox: "Support" },
    });
    expect(response.status).toBe(200);
    expect(response.body.imap).toMatchObject({ afterFetch: "move", moveTo: "Heed", mailbox: "Support" });
    expect((await storedSecret(inbox.id))!.secret_sealed).toBe(before.secret_sealed);

    const token = await api.patch<TInbox>(`/api/v1/inboxes/${inbox.id}`, owner, {
      imap: { accessToken: TOKEN },
    });
    expect(token.body.imap).toMatchObject({
      authMethod: "xoauth2",
      hasAccessToken: true,
      hasPassword: false,
    });
    const keys = await installKeys(t.ctx.db, t.ctx.env.HEED_SECRET);
    expect(keys.open((await storedSecret(inbox.id))!.secret_sealed)).toBe(TOKEN);
  });

  it("keeps the fetch state for new credentials and starts over for another mailbox", async () => {
    const inbox = (await createImapInbox()).body;
    const setState = () =>
      t.ctx.db.query("UPDATE inbox_imap SET uid_validity = 77, last_uid = 42 WHERE inbox_id = $1", [
        inbox.id,
      ]);
    const status = async () =>
      (await api.get<TInbox>(`/api/v1/inboxes/${inbox.id}`, owner)).body.imap!.status;
    await setState();
    await api.patch(`/api/v1/inboxes/${inbox.id}`, owner, { imap: { password: "new password" } });
    expect(await status()).toMatchObject({ uidValidity: 77, lastUid: 42 });
    await api.patch(`/api/v1/inboxes/${inbox.id}`, owner, { imap: { mailbox: "Other" } });
    expect(await status()).toMatchObject({ uidValidity: null, lastUid: 0 });
    await setState();
    await api.patch(`/api/v1/inboxes/${inbox.id}`, owner, { imap: { host: "imap2.example.com" } });
    expect(await status()).toMatchObject({ uidValidity: null, lastUid: 0 });
  });

  it("adds IMAP to an existing email inbox, needing a secret, and removes it with null", async () => {
    const created = await api.post<TInbox>("/api/v1/inboxes", admin, {
      name: "Plain",
      channel: "email",
      address: uniqueAddress(),
    });
    expect(created.body.imap).toBeNull();
    const url = `/api/v1/inboxes/${created.body.id}`;
    const noSecret = await api.patch(url, owner, { imap: { host: "imap.example.com", username: "x" } });
    expect(noSecret.status).toBe(400);
    expect(fieldOf(noSecret.body)).toBe("imap.password");
    const added = await api.patch<TInbox>(url, owner, { imap: imap() });
    expect(added.body.imap?.hasPassword).toBe(true);
    const removed = await api.patch<TInbox>(url, owner, { imap: null });
    expect(removed.status).toBe(200);
    expect(removed.body.imap).toBeNull();
    expect(await storedSecret(created.body.id)).toBeUndefined();
  });

  it("records which settings changed, never their values", async () => {
    const inbox = (await createImapInbox()).body;
    await api.patch(`/api/v1/inboxes/${inbox.id}`, owner, { imap: { password: "another secret" } });
    const events = await t.ctx.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM events WHERE type = 'inbox.updated' AND payload->>'inboxId' = $1",
      [inbox.id],
    );
    expect(events.map((e) => e.payload.imap)).toEqual([["password"]]);
    expect(JSON.stringify(events)).not.toContain("another secret");
  });
});

describe("GET /api/v1/inboxes: who sees IMAP settings", () => {
  it("shows them to owners and admins, and leaves them out for agents", async () => {
    const inbox = (await createImapInbox()).body;
    const asAdmin = await api.get<TInbox>(`/api/v1/inboxes/${inbox.id}`, admin);
    expect(asAdmin.body.imap?.host).toBe("imap.example.com");
    const asAgent = await api.get<TInbox>(`/api/v1/inboxes/${inbox.id}`, agent);
    expect(asAgent.status).toBe(200);
    expect(asAgent.body).not.toHaveProperty("imap");
    const list = await api.get<{ data: TInbox[] }>("/api/v1/inboxes", agent);
    expect(list.body.data.every((i) => !("imap" in i))).toBe(true);
    const ownerList = await api.get<{ data: TInbox[] }>("/api/v1/inboxes", owner);
    expect(JSON.stringify(ownerList.body)).not.toContain(PASSWORD);
  });
});
