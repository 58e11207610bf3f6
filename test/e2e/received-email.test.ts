/**
 * The received-email review in a real headless Chromium: an admin finds mail without a From header in the
 * quarantine with the server's reason, downloads its exact bytes, sends it through ingest again, sees the
 * ignored auto-reply and the processed message (with a link to its conversation) under the other
 * filters, and pages through a long quarantine. An agent has no way in. Marko reads the app in Croatian:
 * the labels come from the Croatian catalog.
 */
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingestReceivedEmails } from "../../src/server/commands/ingest-emails.js";
import { receiveEmail } from "../../src/server/commands/receive-email.js";
import type { EmailInboxRow } from "../../src/server/models/inbound-emails.js";
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
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
import { buildInbox } from "../helpers/factories-conversations.js";

const catalog = (lang: string, file: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../locales/${lang}/${file}`, import.meta.url), "utf8")) as Record<
    string,
    string
  >;
const hr = catalog("hr", "settings.json");
const en = catalog("en", "settings.json");
const enWeb = catalog("en", "web.json");
const label = (key: string, params: Record<string, string> = {}) =>
  Object.entries(params).reduce((text, [name, value]) => text.replace(`{${name}}`, value), hr[key]!);

// Markup in a subject must show as text, never as markup.
const QUARANTINED_SUBJECT = "Invoice <b>overdue</b> & unpaid";
const QUARANTINED_RAW =
  "To: claims@shop.example\r\n" +
  `Subject: ${QUARANTINED_SUBJECT}\r\n` +
  "Message-ID: <no-from-1@mailer.example>\r\n" +
  "Date: Tue, 3 Dec 2024 10:00:00 +0100\r\n" +
  "\r\n" +
  "Nobody signed this.\r\n";
const GOOD_RAW =
  "From: Vesna Horvat <vesna@customer.example>\r\n" +
  "To: claims@shop.example\r\n" +
  "Subject: Where is my parcel?\r\n" +
  "Message-ID: <good-1@customer.example>\r\n" +
  "Date: Tue, 3 Dec 2024 09:00:00 +0100\r\n" +
  "\r\n" +
  "It has been a week.\r\n";
const AUTO_REPLY_RAW =
  "From: Out of office <ooo@partner.example>\r\n" +
  "To: claims@shop.example\r\n" +
  "Subject: Automatic reply: Your request\r\n" +
  "Auto-Submitted: auto-replied\r\n" +
  "Message-ID: <ooo-1@partner.example>\r\n" +
  "Date: Tue, 3 Dec 2024 09:30:00 +0100\r\n" +
  "\r\n" +
  "I am away until Monday.\r\n";

describe.runIf(await requireComponents("browser e2e (received email)", [chromium]))(
  "the received-email review in the settings",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let inbox: EmailInboxRow;
    const opened: OpenedPage[] = [];

    /** Stores `raw` as mail for the test's inbox from `envelopeFrom`; the worker's pass is separate. */
    const receive = (raw: string, envelopeFrom = "bounces@mailer.example") =>
      receiveEmail(server.ctx.db, [inbox], {
        source: "smtp",
        envelopeFrom,
        envelopeTo: [inbox.address],
        raw: Buffer.from(raw),
      });
    const ingestAll = async () => {
      while ((await ingestReceivedEmails(server.ctx.db)) > 0);
    };
    const statusOf = async (subject: string) => {
      const [row] = await server.ctx.db.query<{ status: string }>(
        "SELECT status FROM inbound_emails WHERE inbox_id = $1 AND subject = $2",
        [inbox.id, subject],
      );
      return row?.status;
    };

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      const built = await buildInbox(server.ctx, {
        workspaceId: server.demo.workspaceId,
        channel: "email",
        name: "Claims mail",
        address: "claims@shop.example",
      });
      inbox = { id: built.id, workspace_id: server.demo.workspaceId, address: built.address! };
      // Oldest first, so the quarantined one is the newest.
      await receive(GOOD_RAW, "vesna@customer.example");
      await receive(AUTO_REPLY_RAW, "ooo@partner.example");
      await receive(QUARANTINED_RAW);
      await ingestAll();
    });

    afterEach(() => closePages(opened));

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const pageOf = async (name: string): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, await server.signIn(name));
      opened.push(signedIn);
      return signedIn.page;
    };

    it("shows the quarantine with the reason, downloads the .eml and processes a message again", async () => {
      expect(await statusOf(QUARANTINED_SUBJECT)).toBe("quarantined");
      const page = await pageOf("marko");
      await page.goto(`${server.url}/settings/received-email`);
      await page.getByRole("heading", { level: 1, name: hr["settings.receivedEmail.title"] }).waitFor();
      const nav = page.getByRole("navigation", { name: hr["settings.navLabel"] });
      expect(
        await nav.getByRole("link", { name: hr["settings.nav.received-email"] }).getAttribute("aria-current"),
      ).toBe("page");
      expect(await page.getByLabel(hr["settings.receivedEmail.filter"]!).inputValue()).toBe("quarantined");

      // Quarantined by default: only the message without a From header, with the server's reason.
      const table = page.getByRole("table", {
        name: label("settings.receivedEmail.caption", {
          filter: hr["settings.receivedEmail.filter.quarantined"]!,
        }),
      });
      const row = table.getByRole("row", { name: new RegExp(escape(QUARANTINED_SUBJECT)) });
      await row.getByText("no From address").waitFor();
      expect(await table.getByRole("row").count()).toBe(2);
      await row.getByText(`bounces@mailer.example ${hr["settings.receivedEmail.envelopeFrom"]}`).waitFor();
      await row.getByText("Claims mail").waitFor();
      await row.getByText(hr["settings.receivedEmail.status.quarantined"]!).waitFor();
      expect(await row.getByRole("rowheader").textContent()).toBe(QUARANTINED_SUBJECT);
      expect(await page.locator("main b").count()).toBe(0);

      await expectNoSeriousViolations(page);
      await page.screenshot({ path: "/tmp/heed-received-email.png", fullPage: true });

      // The exact bytes, as a download.
      const name = (key: string) => `${hr[key]}: ${QUARANTINED_SUBJECT}`;
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        row.getByRole("link", { name: name("settings.receivedEmail.download"), exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.eml$/);
      expect(fs.readFileSync(await download.path()).equals(Buffer.from(QUARANTINED_RAW))).toBe(true);

      // Processed again after a confirmation; it leaves the quarantine until the worker looks at it.
      await row.getByRole("button", { name: name("settings.receivedEmail.reprocess"), exact: true }).click();
      const dialog = page.getByRole("dialog", {
        name: label("settings.receivedEmail.reprocessTitle", { subject: QUARANTINED_SUBJECT }),
      });
      await dialog.getByRole("button", { name: hr["settings.receivedEmail.reprocess"], exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await page
        .getByRole("status")
        .getByText(label("settings.receivedEmail.reprocessed", { subject: QUARANTINED_SUBJECT }))
        .waitFor();
      await page.getByText(hr["settings.receivedEmail.empty.quarantined"]!).waitFor();
      expect(await statusOf(QUARANTINED_SUBJECT)).toBe("received");
      // Still without a From header: ingest quarantines it again, with the reason.
      await ingestAll();
      expect(await statusOf(QUARANTINED_SUBJECT)).toBe("quarantined");
    });

    it("lists ignored mail with the reason, and processed mail with a link to its conversation", async () => {
      const page = await pageOf("marko");
      await page.goto(`${server.url}/settings/received-email`);
      const filter = page.getByLabel(hr["settings.receivedEmail.filter"]!);
      await filter.waitFor();
      await page.waitForFunction(() => document.documentElement.lang === "hr");

      await filter.selectOption({ label: hr["settings.receivedEmail.filter.ignored"]! });
      await page.waitForURL("**/settings/received-email?status=ignored");
      const ignored = page.getByRole("row", { name: /Automatic reply: Your request/ });
      await ignored.getByText("Auto-Submitted: auto-replied").waitFor();
      await ignored
        .getByRole("button", {
          name: `${hr["settings.receivedEmail.reprocess"]}: Automatic reply: Your request`,
          exact: true,
        })
        .waitFor();

      await filter.selectOption({ label: hr["settings.receivedEmail.filter.all"]! });
      await page.waitForURL("**/settings/received-email?status=all");
      const processed = page.getByRole("row", { name: /Where is my parcel\?/ });
      await processed.getByText("vesna@customer.example").waitFor();
      await processed.getByText(hr["settings.receivedEmail.status.processed"]!).waitFor();
      expect(await processed.getByRole("button").count()).toBe(0);
      await page.screenshot({ path: "/tmp/heed-received-email-all.png", fullPage: true });
      const [mail] = await server.ctx.db.query<{ conversation_id: string }>(
        "SELECT conversation_id FROM inbound_emails WHERE inbox_id = $1 AND subject = 'Where is my parcel?'",
        [inbox.id],
      );
      await processed
        .getByRole("link", { name: `${hr["settings.receivedEmail.open"]}: Where is my parcel?`, exact: true })
        .click();
      await page.waitForURL(`**/inbox/open/${mail!.conversation_id}`);
      await page.getByRole("heading", { level: 2, name: /Where is my parcel\?/ }).waitFor();
    });

    it("pages through a long quarantine with Load more", async () => {
      for (let i = 0; i < 50; i++) {
        await receive(`To: claims@shop.example\r\nSubject: Unsigned ${i}\r\n\r\nNumber ${i}\r\n`);
      }
      await ingestAll();
      const page = await pageOf("marko");
      await page.goto(`${server.url}/settings/received-email`);
      const rows = page.locator("main tbody tr");
      await page.getByRole("row", { name: /Unsigned 49/ }).waitFor();
      expect(await rows.count()).toBe(50);
      await page.getByRole("button", { name: hr["settings.receivedEmail.loadMore"], exact: true }).click();
      await eventually(() => rows.count(), "the second page was added").toBe(51);
      await page.getByRole("row", { name: new RegExp(escape(QUARANTINED_SUBJECT)) }).waitFor();
      expect(await page.getByRole("button", { name: hr["settings.receivedEmail.loadMore"] }).count()).toBe(0);
    });

    it("keeps agents out: no settings link, and the section says it is for owners and admins", async () => {
      // Tom reads the app in English.
      const page = await pageOf("tom");
      const asked: string[] = [];
      page.on("request", (request) => {
        if (request.url().includes("/inbound-emails")) asked.push(request.url());
      });
      await page.goto(`${server.url}/inbox/mine`);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      expect(await page.getByRole("link", { name: enWeb["settings.title"] }).count()).toBe(0);

      await page.goto(`${server.url}/settings/received-email`);
      await page.getByText(en["settings.onlyManagers"]!).waitFor();
      expect(await page.getByRole("navigation", { name: en["settings.navLabel"] }).count()).toBe(0);
      expect(await page.getByRole("link", { name: en["settings.nav.received-email"] }).count()).toBe(0);
      expect(await page.getByRole("table").count()).toBe(0);
      expect(asked).toEqual([]);
    });
  },
);

/** Waits until the page has stopped loading, then runs axe: no serious or critical violation. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  const violations = await findAxeViolations(page);
  expect(violations.length, `axe on ${page.url()}:\n${describeViolations(violations)}`).toBe(0);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
