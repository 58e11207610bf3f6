/**
 * An email's HTML, inline image and attachment in a real headless Chromium: the HTML shows in its
 * sandboxed frame without running anything, remote images are not fetched until the agent asks (from a
 * real HTTPS server this test starts), and the attachment link downloads the exact file.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingestReceivedEmails } from "../../src/server/commands/ingest-emails.js";
import { receiveEmail } from "../../src/server/commands/receive-email.js";
import { EMAIL_FRAME_SANDBOX } from "../../src/server/presenters/email-html-presenter.js";
import { buildInbox } from "../helpers/factories-conversations.js";
import {
  closePages,
  eventually,
  launchBrowser,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents, type Component } from "../helpers/components.js";

const openssl: Component = {
  name: "openssl (/usr/bin/openssl)",
  install: "apt-get install openssl",
  isAvailable: () => fs.existsSync("/usr/bin/openssl"),
};

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * A "remote" image host on 127.0.0.1 over HTTPS (a frame allows remote images only over https) with a
 * throwaway self-signed certificate; it records every path asked for.
 */
async function startImageServer(dir: string): Promise<{ origin: string; paths: string[]; close(): void }> {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("/usr/bin/openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
  ], { stdio: "ignore" }); // prettier-ignore
  const paths: string[] = [];
  const server = https.createServer(
    { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
    (req, res) => {
      paths.push(req.url ?? "");
      if (req.url?.startsWith("/pixel.png")) res.writeHead(200, { "content-type": "image/png" }).end(PNG);
      else res.writeHead(204).end();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `https://127.0.0.1:${port}`, paths, close: () => server.close() };
}

/** An HTML email with a script, an event handler, a remote and an inline image, and a text file. */
function htmlEmail(to: string, remote: string, attachment: { name: string; content: Buffer }): Buffer {
  const html =
    "<p>Hello from the browser test.</p>" +
    `<script>fetch("${remote}/script-ran")</script>` +
    `<img src="x" onerror="fetch('${remote}/onerror-ran')" alt="broken">` +
    `<p><img src="${remote}/pixel.png" alt="remote pixel" width="20" height="20"></p>` +
    '<p><img src="cid:inline-1@example.com" alt="inline image" width="30" height="30"></p>' +
    `<a href="javascript:fetch('${remote}/link-ran')">a link</a>` +
    "<p>The end.</p>";
  return Buffer.from(
    [
      "From: Petra Novak <petra@example.com>",
      `To: ${to}`,
      "Subject: E2E HTML email",
      `Message-ID: <e2e-html-${Date.now()}@example.com>`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="mixed"',
      "",
      "--mixed",
      'Content-Type: multipart/related; boundary="related"',
      "",
      "--related",
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(html).toString("base64"),
      "--related",
      "Content-Type: image/png",
      "Content-ID: <inline-1@example.com>",
      "Content-Transfer-Encoding: base64",
      "",
      PNG.toString("base64"),
      "--related--",
      "--mixed",
      "Content-Type: text/plain; charset=utf-8",
      `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      "Content-Transfer-Encoding: base64",
      "",
      attachment.content.toString("base64"),
      "--mixed--",
      "",
    ].join("\r\n"),
  );
}

/** The natural width of an image in the email's frame (0 while not loaded), read through the frame. */
const imageWidth = (page: Page, alt: string) =>
  page.evaluate((altText) => {
    const frame = document.querySelector<HTMLIFrameElement>("iframe.email-frame");
    const image = frame?.contentDocument?.querySelector<HTMLImageElement>(`img[alt="${altText}"]`);
    return image ? image.naturalWidth : -1;
  }, alt);

describe.runIf(await requireComponents("browser e2e (email content)", [chromium, openssl]))(
  "an email's HTML and attachments in a browser",
  () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "heed-e2e-email-"));
    let server: BrowserApp;
    let browser: Browser;
    let images: Awaited<ReturnType<typeof startImageServer>>;
    let tom: string;
    let inbox: { id: string; workspace_id: string; address: string };
    const opened: OpenedPage[] = [];

    /** A page signed in as Tom (an agent) that accepts the image server's self-signed certificate. */
    const agentPage = async (): Promise<Page> => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: "en-US",
        ignoreHTTPSErrors: true,
        acceptDownloads: true,
      });
      context.setDefaultTimeout(10_000);
      const [name, ...value] = tom.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: server.url }]);
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      opened.push({ context, page, errors });
      return page;
    };

    /** Delivers the mail as the SMTP receiver would and ingests it; returns its conversation and message. */
    const deliver = async (raw: Buffer) => {
      await receiveEmail(server.ctx.db, [inbox], {
        source: "smtp",
        envelopeFrom: null,
        envelopeTo: [inbox.address],
        raw,
      });
      while ((await ingestReceivedEmails(server.ctx.db)) > 0);
      const [row] = await server.ctx.db.query<{ conversation_id: string; message_id: string }>(
        `SELECT e.conversation_id, m.id AS message_id FROM inbound_emails e
           JOIN messages m ON m.conversation_id = e.conversation_id AND m.kind = 'incoming'
          WHERE e.inbox_id = $1 AND e.raw = $2`,
        [inbox.id, raw],
      );
      expect(row, "the email became a conversation").toBeDefined();
      return row!;
    };

    const openConversation = async (page: Page, conversationId: string) => {
      await page.goto(`${server.url}/inbox/open/${conversationId}`);
      await page.getByRole("list", { name: "Messages" }).waitFor();
    };

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      images = await startImageServer(tmp);
      tom = await server.signIn("tom");
      const row = await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, channel: "email" });
      inbox = { id: row.id, workspace_id: server.demo.workspaceId, address: row.address! };
    });

    afterEach(async () => {
      await closePages(opened);
    });

    afterAll(async () => {
      images?.close();
      await browser?.close();
      await server?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("shows the HTML without running anything, fetches remote images only when asked, and downloads the attachment", async () => {
      const file = { name: "Račun – ožujak.txt", content: Buffer.from("Iznos: 12,50 €\n") };
      const { conversation_id: conversationId } = await deliver(
        htmlEmail(inbox.address, images.origin, file),
      );
      const page = await agentPage();
      await openConversation(page, conversationId);

      // The web app's sandbox is the one the server's content policy repeats, and never allows scripts.
      const sandbox = await page.locator("iframe.email-frame").getAttribute("sandbox");
      expect(sandbox).toBe(EMAIL_FRAME_SANDBOX);
      expect(sandbox).not.toContain("allow-scripts");
      const frame = page.frameLocator('iframe[title="Email from Petra Novak"]');
      await frame.getByText("Hello from the browser test.").waitFor();
      await frame.getByText("The end.").waitFor();
      // The inline image comes from Heed itself; the frame is as tall as the email.
      await eventually(() => imageWidth(page, "inline image"), "the inline image").toBe(1);
      const height = await page
        .locator("iframe.email-frame")
        .evaluate((el) => el.getBoundingClientRect().height);
      expect(height).toBeGreaterThan(100);

      // Nothing reached the image host: no script, no event handler, no link, no remote image.
      expect(await imageWidth(page, "remote pixel")).toBe(0);
      await page.waitForTimeout(500);
      expect(images.paths).toEqual([]);

      await page.getByRole("button", { name: "Show remote images" }).click();
      await eventually(() => images.paths, "the remote image was requested").toContain("/pixel.png");
      await frame.getByText("The end.").waitFor();
      await eventually(() => imageWidth(page, "remote pixel"), "the remote image").toBe(1);
      expect(await page.getByRole("button", { name: "Show remote images" }).count()).toBe(0);
      expect(images.paths.filter((p) => p !== "/pixel.png")).toEqual([]);

      const attachments = page.getByRole("list", { name: "Attachments" });
      expect(await attachments.getByRole("listitem").count()).toBe(1);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        attachments.getByRole("link", { name: file.name }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(file.name);
      const saved = path.join(tmp, "download.txt");
      await download.saveAs(saved);
      expect(fs.readFileSync(saved).equals(file.content)).toBe(true);
    });

    it("runs no script in the frame even from HTML that got past the sanitizer", async () => {
      const file = { name: "note.txt", content: Buffer.from("x") };
      const { conversation_id: conversationId, message_id: messageId } = await deliver(
        htmlEmail(inbox.address, `${images.origin}/second`, file),
      );
      const before = images.paths.length;
      // As if the stored HTML had been written by a broken sanitizer: the frame's sandbox and content
      // policy must still stop every script and every load.
      await server.ctx.db.query("UPDATE messages SET html = $2 WHERE id = $1", [
        messageId,
        `<p>Tampered</p><script>fetch("${images.origin}/tampered-script")</script>` +
          `<img src="${images.origin}/tampered-img" onerror="fetch('${images.origin}/tampered-onerror')">` +
          `<div style="background:url(${images.origin}/tampered-css)">x</div>` +
          `<form action="${images.origin}/tampered-form"><button id="go">go</button></form>`,
      ]);
      const page = await agentPage();
      await openConversation(page, conversationId);
      const frame = page.frameLocator('iframe[title="Email from Petra Novak"]');
      await frame.getByText("Tampered").waitFor();
      await frame.getByRole("button", { name: "go" }).click();
      await page.waitForTimeout(1000);
      expect(images.paths.slice(before)).toEqual([]);
      expect(await page.evaluate(() => document.title)).not.toContain("pwned");
    });
  },
);
