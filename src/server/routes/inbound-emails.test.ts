import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { ingestReceivedEmails } from "../commands/ingest-emails.js";
import { receiveEmail } from "../commands/receive-email.js";
import type { TInboundEmail } from "../presenters/inbound-email-presenter.js";

interface Page {
  data: TInboundEmail[];
  nextCursor: string | null;
  error?: { details: { field: string }[] };
}

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let agent: TestActor;
let stranger: TestActor;

/** Stores a raw message for an email inbox of the actor's workspace and ingests it. */
async function deliver(actor: TestActor, raw: string) {
  const inbox = await buildInbox(t.ctx, { workspaceId: actor.workspaceId, channel: "email" });
  await receiveEmail(t.ctx.db, [{ id: inbox.id, workspace_id: actor.workspaceId, address: inbox.address! }], {
    source: "smtp",
    envelopeFrom: "sender@example.com",
    envelopeTo: [inbox.address!],
    raw: Buffer.from(raw),
  });
  while ((await ingestReceivedEmails(t.ctx.db)) > 0);
}

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  agent = await buildAgent(t.ctx, owner.workspaceId);
  stranger = (await buildWorkspace(t.ctx)).owner;
  await deliver(
    owner,
    "From: Ana <ana@example.com>\r\nSubject: Order late\r\nMessage-ID: <a1@x.test>\r\n\r\nHi\r\n",
  );
  await deliver(owner, "To: support@x.test\r\nSubject: Nobody sent this\r\n\r\nHi\r\n");
  await deliver(
    owner,
    "From: Iva <iva@example.com>\r\nSubject: Second\r\nMessage-ID: <a2@x.test>\r\n\r\nHello\r\n",
  );
  await deliver(stranger, "From: x@example.com\r\nSubject: Another workspace's mail\r\n\r\nHi\r\n");
});
afterAll(() => t.close());

describe("GET /api/v1/inbound-emails", () => {
  it("returns 401 without credentials and 403 for agents", async () => {
    expect((await api.get("/api/v1/inbound-emails", null)).status).toBe(401);
    expect((await api.get("/api/v1/inbound-emails", agent)).status).toBe(403);
  });

  it("answers 400 naming the field for an unknown status or an extra parameter", async () => {
    const bad = await api.get<Page>("/api/v1/inbound-emails?status=lost", owner);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details[0]?.field).toBe("status");
    expect((await api.get("/api/v1/inbound-emails?workspaceId=x", owner)).status).toBe(400);
  });

  it("lists the quarantine with the reason, and only the workspace's own mail", async () => {
    const quarantine = await api.get<Page>("/api/v1/inbound-emails?status=quarantined", owner);
    expect(quarantine.status).toBe(200);
    expect(quarantine.body.data).toHaveLength(1);
    expect(quarantine.body.data[0]).toMatchObject({
      status: "quarantined",
      subject: "Nobody sent this",
      from: null,
      conversationId: null,
    });
    expect(quarantine.body.data[0]!.problem).toMatch(/From/);

    const all = await api.get<Page>("/api/v1/inbound-emails", owner);
    expect(all.body.data.map((m) => m.subject)).toEqual(["Second", "Nobody sent this", "Order late"]);
    expect(all.body.data.every((m) => m.subject !== "Another workspace's mail")).toBe(true);
    expect(all.body.data[0]).toMatchObject({ status: "processed", from: "iva@example.com" });
    expect(all.body.data[0]!.conversationId).toBeTruthy();
  });

  it("pages with nextCursor, newest first, each message once", async () => {
    const first = await api.get<Page>("/api/v1/inbound-emails?limit=2", owner);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await api.get<Page>(
      `/api/v1/inbound-emails?limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      owner,
    );
    expect(second.body.data.map((m) => m.subject)).toEqual(["Order late"]);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe("GET /api/v1/inbound-emails/:id/raw and POST …/reprocess", () => {
  const quarantined = async () =>
    (await api.get<Page>("/api/v1/inbound-emails?status=quarantined", owner)).body.data[0]!;

  it("downloads the exact bytes as a .eml that never renders", async () => {
    const mail = await quarantined();
    const raw = await api.get<string>(`/api/v1/inbound-emails/${mail.id}/raw`, owner);
    expect(raw.status).toBe(200);
    expect(raw.body).toBe("To: support@x.test\r\nSubject: Nobody sent this\r\n\r\nHi\r\n");
    expect(raw.headers["content-type"]).toBe("message/rfc822");
    expect(raw.headers["content-disposition"]).toBe(`attachment; filename="${mail.id}.eml"`);
    expect(raw.headers["x-content-type-options"]).toBe("nosniff");
    expect(raw.headers["content-security-policy"]).toContain("sandbox");
  });

  it("answers 404 alike for another workspace's mail and a missing id, 403 for agents", async () => {
    const mail = await quarantined();
    expect((await api.get(`/api/v1/inbound-emails/${mail.id}/raw`, stranger)).status).toBe(404);
    expect((await api.get(`/api/v1/inbound-emails/${crypto.randomUUID()}/raw`, owner)).status).toBe(404);
    expect((await api.get(`/api/v1/inbound-emails/${mail.id}/raw`, agent)).status).toBe(403);
    expect((await api.post(`/api/v1/inbound-emails/${mail.id}/reprocess`, stranger)).status).toBe(404);
    expect((await api.post(`/api/v1/inbound-emails/${mail.id}/reprocess`, agent)).status).toBe(403);
  });

  it("sends quarantined mail through ingest again, once; processed mail cannot be reprocessed", async () => {
    const mail = await quarantined();
    const again = await api.post(`/api/v1/inbound-emails/${mail.id}/reprocess`, owner);
    expect(again.status).toBe(202);
    while ((await ingestReceivedEmails(t.ctx.db)) > 0);
    // Still no From: quarantined again, with the reason.
    const after = await quarantined();
    expect(after).toMatchObject({ id: mail.id, status: "quarantined" });
    const processed = (await api.get<Page>("/api/v1/inbound-emails?status=processed", owner)).body.data[0]!;
    expect((await api.post(`/api/v1/inbound-emails/${processed.id}/reprocess`, owner)).status).toBe(409);
    const events = await t.ctx.db.query(
      "SELECT 1 FROM events WHERE type = 'email.reprocess_requested' AND payload->>'inboundEmailId' = $1",
      [mail.id],
    );
    expect(events).toHaveLength(1);
  });
});
