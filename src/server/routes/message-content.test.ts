import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildAgent, buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { createConversation } from "../commands/create-conversation.js";
import { emailContent } from "../email/email-content.js";
import { parseMail } from "../email/parse-mail.js";
import type { InboxRow } from "../models/inboxes.js";
import type { TConversation } from "../presenters/conversation-presenter.js";
import type { TAttachment } from "../presenters/attachment-presenter.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let member: TestActor;
let outsider: TestActor;
let workspaceId: string;
let inbox: InboxRow;
let privateInbox: InboxRow;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  workspaceId = built.workspace.id;
  member = await buildAgent(t.ctx, workspaceId);
  outsider = await buildAgent(t.ctx, workspaceId);
  inbox = await buildInbox(t.ctx, { workspaceId });
  privateInbox = await buildInbox(t.ctx, { workspaceId, access: "members", memberIds: [member.user.id] });
});
afterAll(() => t.close());

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

interface Part {
  type: string;
  content: Buffer;
  fileName?: string;
  contentId?: string;
}

/** A multipart email: an HTML body and the given attachments (base64, with RFC 2231 names). */
function email(html: string, parts: Part[]): Buffer {
  const boundary = `b${Math.random().toString(36).slice(2)}`;
  const lines = [
    "From: Ana <ana@example.com>",
    "To: support@example.test",
    "Subject: With files",
    `Message-ID: <${boundary}@example.com>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/related; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(html).toString("base64"),
  ];
  for (const part of parts) {
    lines.push(`--${boundary}`, `Content-Type: ${part.type}`, "Content-Transfer-Encoding: base64");
    if (part.fileName) {
      const disposition = part.contentId ? "inline" : "attachment";
      lines.push(
        `Content-Disposition: ${disposition}; filename*=UTF-8''${encodeURIComponent(part.fileName)}`,
      );
    }
    if (part.contentId) lines.push(`Content-ID: <${part.contentId}>`);
    lines.push("", part.content.toString("base64"));
  }
  lines.push(`--${boundary}--`, "");
  return Buffer.from(lines.join("\r\n"));
}

/** A conversation whose first message is that email, stored the way ingest stores it. */
async function storeEmail(raw: Buffer, options: { workspaceId?: string; inboxId?: string } = {}) {
  const mail = await parseMail(raw);
  return createConversation(t.ctx.db, {
    workspaceId: options.workspaceId ?? workspaceId,
    inboxId: options.inboxId ?? inbox.id,
    customer: { email: mail.from!.address },
    subject: mail.subject,
    body: mail.text || "(no text)",
    content: emailContent(mail),
  });
}

/** That email's message as the conversation API presents it to the owner. */
async function conversationWith(raw: Buffer) {
  const created = await storeEmail(raw);
  const opened = await api.get<TConversation>(`/api/v1/conversations/${created.conversation.id}`, owner);
  return { ...created, presented: opened.body.messages[0]! };
}

const html = (id: string, query = "") => `/api/v1/messages/${id}/html${query}`;
const attachment = (id: string) => `/api/v1/attachments/${id}`;
const byName = (attachments: TAttachment[], name: string) => attachments.find((a) => a.fileName === name)!;

describe("GET /api/v1/messages/:id/html", () => {
  const body =
    '<p onclick="steal()">Hello <b>there</b></p><script>alert(1)</script>' +
    '<img src="cid:shot@example.com" alt="shot"><img src="https://tracker.example/p.gif" alt="pixel">';
  let messageId: string;
  let shotId: string;

  beforeAll(async () => {
    const { presented } = await conversationWith(
      email(body, [{ type: "image/png", content: PNG, fileName: "shot.png", contentId: "shot@example.com" }]),
    );
    messageId = presented.id;
    shotId = byName(presented.attachments, "shot.png").id;
    expect(presented).toMatchObject({ hasHtml: true, hasRemoteImages: true });
  });

  it("returns 401 without credentials", async () => {
    expect((await api.get(html(messageId), null)).status).toBe(401);
  });

  it("returns 404 for another workspace's message, exactly like a missing one", async () => {
    const other = await buildWorkspace(t.ctx);
    const foreignInbox = await buildInbox(t.ctx, { workspaceId: other.workspace.id });
    const { message } = await storeEmail(email("<p>secret</p>", []), {
      workspaceId: other.workspace.id,
      inboxId: foreignInbox.id,
    });
    const foreign = await api.get(html(message.id), owner);
    const missing = await api.get(html("01900000-0000-7000-8000-000000000000"), owner);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it("returns 404 to an agent who does not see the message's inbox", async () => {
    const created = await storeEmail(email("<p>members only</p>", []), { inboxId: privateInbox.id });
    expect((await api.get(html(created.message.id), outsider)).status).toBe(404);
    expect((await api.get(html(created.message.id), member)).status).toBe(200);
  });

  it("returns 404 for a message without HTML", async () => {
    const created = await createConversation(t.ctx.db, {
      workspaceId,
      inboxId: inbox.id,
      customer: { email: "plain@example.com" },
      body: "Just text",
    });
    expect((await api.get(html(created.message.id), owner)).status).toBe(404);
  });

  it("serves a complete document with a strict content policy, inline images and remote images blocked", async () => {
    const response = await api.get<string>(html(messageId), owner);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("private");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.headers["content-security-policy"]).toBe(
      "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'self'; sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    );
    const document = response.body;
    expect(document).toMatch(/^<!doctype html><html><head><meta charset="utf-8">/);
    expect(document).toContain("<p>Hello <b>there</b></p>");
    expect(document).toContain(`<img alt="shot" src="/api/v1/attachments/${shotId}" />`);
    expect(document).toContain('<img alt="pixel" data-heed-src="https://tracker.example/p.gif" />');
    expect(document).not.toMatch(/<script|onclick|\ssrc="https:/);
  });

  it("loads remote images over https with images=allow, and refuses other values", async () => {
    const response = await api.get<string>(html(messageId, "?images=allow"), owner);
    expect(response.status).toBe(200);
    expect(response.headers["content-security-policy"]).toContain("img-src 'self' data: https:;");
    expect(response.body).toContain('<img alt="pixel" src="https://tracker.example/p.gif" />');
    expect((await api.get(html(messageId, "?images=all"), owner)).status).toBe(400);
  });
});

describe("GET /api/v1/attachments/:id", () => {
  const pdf = Buffer.from(`%PDF-1.4 ${"x".repeat(100)} %%EOF`);
  let attachments: TAttachment[];

  beforeAll(async () => {
    const { presented } = await conversationWith(
      email('<p>Files</p><img src="cid:logo@example.com">', [
        { type: "application/pdf", content: pdf, fileName: "Žiadosť o vrátenie.pdf" },
        { type: "text/html", content: Buffer.from("<script>alert(1)</script>"), fileName: "page.html" },
        { type: "image/svg+xml", content: Buffer.from('<svg onload="alert(1)"/>'), fileName: "logo.svg" },
        { type: "image/png", content: PNG, fileName: "logo.png", contentId: "logo@example.com" },
        { type: "image/png", content: PNG, fileName: "unused.png", contentId: "unused@example.com" },
      ]),
    );
    attachments = presented.attachments;
  });

  it("lists the message's files with their types and sizes; only images the HTML shows are inline", () => {
    expect(
      attachments.map(({ fileName, contentType, size, isInline }) => ({
        fileName,
        contentType,
        size,
        isInline,
      })),
    ).toEqual([
      {
        fileName: "Žiadosť o vrátenie.pdf",
        contentType: "application/pdf",
        size: pdf.length,
        isInline: false,
      },
      { fileName: "page.html", contentType: "text/html", size: 25, isInline: false },
      { fileName: "logo.svg", contentType: "image/svg+xml", size: 24, isInline: false },
      { fileName: "logo.png", contentType: "image/png", size: PNG.length, isInline: true },
      { fileName: "unused.png", contentType: "image/png", size: PNG.length, isInline: false },
    ]);
  });

  it("returns 401 without credentials", async () => {
    expect((await api.get(attachment(attachments[0]!.id), null)).status).toBe(401);
  });

  it("returns 404 for another workspace's attachment, exactly like a missing one", async () => {
    const other = await buildWorkspace(t.ctx);
    const foreign = await api.get(attachment(attachments[0]!.id), other.owner);
    const missing = await api.get(attachment("01900000-0000-7000-8000-000000000000"), other.owner);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it("returns 404 to an agent who does not see the inbox of the attachment's conversation", async () => {
    const created = await storeEmail(
      email("<p>private</p>", [{ type: "text/plain", content: Buffer.from("secret"), fileName: "s.txt" }]),
      { inboxId: privateInbox.id },
    );
    const [row] = await t.ctx.db.query<{ id: string }>("SELECT id FROM attachments WHERE message_id = $1", [
      created.message.id,
    ]);
    expect((await api.get(attachment(row!.id), outsider)).status).toBe(404);
    const allowed = await api.get<string>(attachment(row!.id), member);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toBe("secret");
  });

  it("serves the exact bytes as a download with a UTF-8 file name, never sniffed or rendered", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: attachment(byName(attachments, "Žiadosť o vrátenie.pdf").id),
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(pdf)).toBe(true);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="_iados_ o vr_tenie.pdf"; filename*=UTF-8''%C5%BDiados%C5%A5%20o%20vr%C3%A1tenie.pdf`,
    );
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
    expect(response.headers["cache-control"]).toMatch(/^private/);
  });

  it("serves HTML and SVG attachments as application/octet-stream", async () => {
    for (const name of ["page.html", "logo.svg"]) {
      const response = await api.get(attachment(byName(attachments, name).id), owner);
      expect(response.status).toBe(200);
      expect(response.headers["content-type"]).toBe("application/octet-stream");
      expect(response.headers["content-disposition"]).toMatch(/^attachment;/);
    }
  });

  it("stores identical content once, however many messages carry it", async () => {
    await conversationWith(
      email("<p>again</p>", [{ type: "application/pdf", content: pdf, fileName: "copy.pdf" }]),
    );
    const sha256 = createHash("sha256").update(pdf).digest("hex");
    const [blobs] = await t.ctx.db.query<{ n: number }>("SELECT count(*) AS n FROM blobs WHERE sha256 = $1", [
      sha256,
    ]);
    const [uses] = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM attachments WHERE blob_sha256 = $1",
      [sha256],
    );
    expect(blobs!.n).toBe(1);
    expect(uses!.n).toBe(2);
  });
});
