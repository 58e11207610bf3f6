/**
 * A reply's delivery in a real headless Chromium: the mail server (a real SMTP server on loopback)
 * refuses it, the conversation says so with the server's reason and a Retry button; after Retry it is
 * queued again and, once sent, shows no warning. Live updates carry each change to the open page.
 */
import fs from "node:fs";
import { simpleParser } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { replyToConversation } from "../../src/server/commands/reply-to-conversation.js";
import { sendQueuedEmails } from "../../src/server/commands/send-queued-emails.js";
import { smtpSender } from "../../src/server/email/mail-transport.js";
import { installKeys } from "../../src/server/lib/install-secret.js";
import { buildConversation, buildInbox } from "../helpers/factories-conversations.js";
import {
  closePages,
  eventually,
  launchBrowser,
  newSignedInPage,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";
import { startMailSink, type MailSink } from "../helpers/mail-sink.js";

const catalog = (file: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../locales/hr/${file}`, import.meta.url), "utf8")) as Record<
    string,
    string
  >;
const hr = catalog("settings.json");
const hrWeb = catalog("web.json");

describe.runIf(await requireComponents("browser e2e (reply delivery)", [chromium]))(
  "a reply's delivery state in a browser",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let sink: MailSink;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      sink = await startMailSink();
    });
    afterEach(() => closePages(opened));
    afterAll(async () => {
      await sink?.close();
      await browser?.close();
      await server?.close();
    });

    it("shows a refused reply with the reason and a Retry button, then clears once sent", async () => {
      const workspaceId = server.demo.workspaceId;
      const inbox = await buildInbox(server.ctx, { workspaceId, channel: "email" });
      const { conversation } = await buildConversation(server.ctx, {
        workspaceId,
        inboxId: inbox.id,
        subject: "Reklamacija paketa",
        customer: { email: "vesna@customer.example", name: "Vesna Horvat" },
      });
      const [tom] = await server.ctx.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [
        server.user("tom").email,
      ]);
      await replyToConversation(
        server.ctx.db,
        { userId: tom!.id, workspaceId, role: "agent", name: "Tom", via: "session" },
        conversation.id,
        { kind: "reply", body: "Paket šaljemo ponovno danas." },
      );
      const keys = await installKeys(server.ctx.db, undefined);
      const sender = smtpSender(sink.url);
      try {
        sink.behave({ kind: "refuse", code: 550, message: "5.1.1 <vesna@customer.example>: no such user" });
        await sendQueuedEmails(server.ctx.db, { keys, sender });

        const { page } = await newSignedInPage(browser, server, await server.signIn("tom"));
        opened.push({ page, context: page.context(), errors: [] });
        await page.goto(`${server.url}/inbox/open/${conversation.id}`);
        const reply = page.getByRole("listitem").filter({ hasText: "Paket šaljemo ponovno danas." });
        await reply.getByText("not delivered").waitFor();
        await reply.getByText("5.1.1 <vesna@customer.example>: no such user").waitFor();
        await page.screenshot({ path: "/tmp/heed-delivery-failed.png" });

        sink.behave({ kind: "accept" });
        await reply.getByRole("button", { name: "Retry" }).click();
        await reply.getByText("queued").waitFor();
        expect(await reply.getByRole("button", { name: "Retry" }).count()).toBe(0);

        await sendQueuedEmails(server.ctx.db, { keys, sender });
        expect(sink.received).toHaveLength(1);
        // The open page learns of the delivery from the event feed, without a reload.
        await eventually(() => reply.getByText("queued").count(), "the queued mark went away").toBe(0);
        expect(await reply.getByText("not delivered").count()).toBe(0);
      } finally {
        sender.close();
      }
    });

    it("lets an admin turn on acknowledgements and set the inbox's own outgoing server", async () => {
      const workspaceId = server.demo.workspaceId;
      const inbox = await buildInbox(server.ctx, { workspaceId, channel: "email", name: "Returns desk" });
      const { page } = await newSignedInPage(browser, server, await server.signIn("marko"));
      opened.push({ page, context: page.context(), errors: [] });
      await page.goto(`${server.url}/settings/inboxes`);
      // Marko reads the app in Croatian.
      await page.getByRole("button", { name: `${hr["settings.edit"]}: Returns desk`, exact: true }).click();
      const dialog = page.getByRole("dialog");
      const box = dialog.getByRole("checkbox", { name: hr["settings.inboxes.autoAcknowledge"] });
      expect(await box.isChecked()).toBe(false);
      await box.check();
      await dialog
        .getByLabel(hr["settings.inboxes.smtpUrl"]!)
        .fill("smtps://povrati%40shop.example:tajna@mail.shop.example");
      await page.screenshot({ path: "/tmp/heed-acknowledge-setting.png" });
      await dialog.getByRole("button", { name: hrWeb["common.save"] }).click();
      await dialog.waitFor({ state: "detached" });
      const [row] = await server.ctx.db.query<{ auto_acknowledge: boolean }>(
        "SELECT auto_acknowledge FROM inboxes WHERE id = $1",
        [inbox.id],
      );
      expect(row!.auto_acknowledge).toBe(true);
      const [smtp] = await server.ctx.db.query<{ host: string; username: string; url_sealed: string }>(
        "SELECT host, username, url_sealed FROM inbox_smtp WHERE inbox_id = $1",
        [inbox.id],
      );
      expect(smtp).toMatchObject({ host: "mail.shop.example", username: "povrati@shop.example" });
      expect(smtp!.url_sealed).not.toContain("tajna");
      // The saved server is named in the dialog, never its password.
      await page.getByRole("button", { name: `${hr["settings.edit"]}: Returns desk`, exact: true }).click();
      await dialog.getByText("povrati@shop.example @ mail.shop.example:465").waitFor();
      expect(await dialog.getByLabel(hr["settings.inboxes.smtpUrl"]!).inputValue()).toBe("");
    });

    it("attaches a file to a reply in the composer, and the customer's mail carries it", async () => {
      const workspaceId = server.demo.workspaceId;
      const inbox = await buildInbox(server.ctx, { workspaceId, channel: "email" });
      const { conversation } = await buildConversation(server.ctx, {
        workspaceId,
        inboxId: inbox.id,
        subject: "Invoice please",
        customer: { email: "iris@customer.example", name: "Iris Berg" },
      });
      const { page } = await newSignedInPage(browser, server, await server.signIn("tom"));
      opened.push({ page, context: page.context(), errors: [] });
      await page.goto(`${server.url}/inbox/open/${conversation.id}`);
      const pdf = Buffer.from("%PDF-1.4 invoice 77\n%%EOF\n");
      await page.locator(".composer input[type=file]").setInputFiles({
        name: "Invoice 77.pdf",
        mimeType: "application/pdf",
        buffer: pdf,
      });
      const files = page.getByRole("list", { name: "Files to send" });
      await files.getByText("Invoice 77.pdf").waitFor();
      await page.getByLabel("Reply to the customer").fill("Here is your invoice.");
      await page.screenshot({ path: "/tmp/heed-composer-files.png" });
      await page.getByRole("button", { name: "Send reply" }).click();
      await files.waitFor({ state: "detached" });
      const reply = page.getByRole("listitem").filter({ hasText: "Here is your invoice." });
      await reply.getByRole("link", { name: /Invoice 77\.pdf/ }).waitFor();

      sink.behave({ kind: "accept" });
      const keys = await installKeys(server.ctx.db, undefined);
      const sender = smtpSender(sink.url);
      try {
        const before = sink.received.length;
        await sendQueuedEmails(server.ctx.db, { keys, sender });
        expect(sink.received.length).toBe(before + 1);
        const mail = await simpleParser(sink.received.at(-1)!.raw);
        expect(mail.attachments.map((a) => a.filename)).toEqual(["Invoice 77.pdf"]);
        expect(Buffer.compare(mail.attachments[0]!.content, pdf)).toBe(0);
      } finally {
        sender.close();
      }
    });
  },
);
