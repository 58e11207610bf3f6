/**
 * What ingest keeps of an email besides its text: the sanitized HTML and the attachments (inline images
 * included), stored with the message, from real-world fixtures through the real receive and ingest steps.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient } from "../../../test/helpers/api.js";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace, type TestActor } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import type { EmailInboxRow } from "../models/inbound-emails.js";
import type { TConversation } from "../presenters/conversation-presenter.js";
import { ingestReceivedEmails } from "./ingest-emails.js";
import { receiveEmail } from "./receive-email.js";

let t: TestApp;
let api: ApiClient;
let owner: TestActor;
let inbox: EmailInboxRow;

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t.app);
  const built = await buildWorkspace(t.ctx);
  owner = built.owner;
  const row = await buildInbox(t.ctx, { workspaceId: built.workspace.id, channel: "email" });
  inbox = { id: row.id, workspace_id: built.workspace.id, address: row.address! };
});
afterAll(() => t.close());

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../test/fixtures/email/${name}`, import.meta.url));

/** Delivers raw mail to the inbox, ingests it, and returns the conversation it went to. */
async function deliver(raw: Buffer): Promise<string> {
  await receiveEmail(t.ctx.db, [inbox], {
    source: "smtp",
    envelopeFrom: null,
    envelopeTo: [inbox.address],
    raw,
  });
  while ((await ingestReceivedEmails(t.ctx.db)) > 0);
  const [row] = await t.ctx.db.query<{ status: string; problem: string | null; conversation_id: string }>(
    "SELECT status, problem, conversation_id FROM inbound_emails WHERE inbox_id = $1 AND raw = $2",
    [inbox.id, raw],
  );
  expect(row, "the mail was stored").toBeDefined();
  expect(row!.problem).toBeNull();
  expect(row!.status).toBe("processed");
  return row!.conversation_id;
}

const timeline = async (conversationId: string) => {
  const response = await api.get<TConversation>(`/api/v1/conversations/${conversationId}`, owner);
  return response.body.messages.filter((message) => message.kind === "incoming");
};

const storedHtml = async (messageId: string) =>
  (await t.ctx.db.query<{ html: string | null }>("SELECT html FROM messages WHERE id = $1", [messageId]))[0]!
    .html;

describe("ingesting email content", () => {
  it("keeps an inline image as an inline attachment and the HTML that shows it", async () => {
    const [message] = await timeline(await deliver(fixture("inline-image.eml")));
    expect(message).toMatchObject({ body: "See the screenshot:\n[image: error.png]", hasHtml: true });
    expect(message!.hasRemoteImages).toBe(false);
    expect(message!.attachments).toEqual([
      { id: expect.any(String), fileName: "error.png", contentType: "image/png", size: 70, isInline: true },
    ]);
    expect(await storedHtml(message!.id)).toBe(
      '<p>See the screenshot:</p><img alt="error.png" data-heed-cid="error-shot.18@example.com" />',
    );
    const [blob] = await t.ctx.db.query<{ sha256: string; matches: boolean }>(
      `SELECT b.sha256, encode(sha256(b.content), 'hex') = b.sha256 AS matches
         FROM attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 WHERE a.id = $1`,
      [message!.attachments[0]!.id],
    );
    expect(blob).toEqual({
      sha256: "6b7fa434f92a8b80aab02d9bf1a12e49ffcae424e4013a1c4f68b67e3d2bbcd0",
      matches: true,
    });
    const frame = await api.get<string>(`/api/v1/messages/${message!.id}/html`, owner);
    expect(frame.body).toContain(
      `<img alt="error.png" src="/api/v1/attachments/${message!.attachments[0]!.id}" />`,
    );
  });

  it("keeps attachments with RFC 2231 names of a text-only message, which has no HTML", async () => {
    const [message] = await timeline(await deliver(fixture("rfc2231-filename.eml")));
    expect(message!.hasHtml).toBe(false);
    expect(
      message!.attachments.map(({ fileName, contentType, size, isInline }) => [
        fileName,
        contentType,
        size,
        isInline,
      ]),
    ).toEqual([
      ["Žiadosť o vrátenie peňazí.pdf", "application/pdf", 45, false],
      ["Čísla objednávok – marec.csv", "text/csv", 34, false],
    ]);
  });

  it("keeps the sanitized HTML of an HTML-only message beside the text derived from it", async () => {
    const [message] = await timeline(await deliver(fixture("html-only.eml")));
    expect(message!.body).toBe("Hello,\n\nWhere is my order #5531? It was due on Friday.\n\nRegards,\nPeža");
    expect(message!.attachments).toEqual([]);
    expect(await storedHtml(message!.id)).toBe(
      "<style>p{color:red}</style><div><p>Hello,</p><p>Where is my order <b>#5531</b>? It was due on <i>Friday</i>." +
        "</p><p>Regards,<br />Peža</p></div>",
    );
  });

  it("stores a threaded reply's HTML and files, and marks blocked remote images", async () => {
    // A copy of a fixture with its own Message-ID (the same bytes would be stored only once).
    const copy = fixture("inline-image.eml")
      .toString("utf8")
      .replace(/inline-image-18@/g, "thread-1@");
    const first = await deliver(Buffer.from(copy));
    const reply = Buffer.from(
      [
        "From: Ana Horvat <ana.horvat@example.com>",
        `To: ${inbox.address}`,
        "Subject: Re: Screenshot of the error",
        "Message-ID: <thread-2@example.com>",
        "In-Reply-To: <thread-1@example.com>",
        "References: <thread-1@example.com>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="mix"',
        "",
        "--mix",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<p>Another one <img src="https://cdn.example/logo.png" alt="logo"></p><script>alert(1)</script>',
        "--mix",
        'Content-Type: text/plain; name="log.txt"',
        'Content-Disposition: attachment; filename="log.txt"',
        "",
        "error at line 1",
        "--mix--",
        "",
      ].join("\r\n"),
    );
    expect(await deliver(reply)).toBe(first);
    const messages = await timeline(first);
    const last = messages[messages.length - 1]!;
    expect(last).toMatchObject({ hasHtml: true, hasRemoteImages: true });
    expect(last.attachments.map((a) => [a.fileName, a.contentType, a.isInline])).toEqual([
      ["log.txt", "text/plain", false],
    ]);
    expect(await storedHtml(last.id)).toBe(
      '<p>Another one <img alt="logo" data-heed-src="https://cdn.example/logo.png" /></p>',
    );
  });
});
