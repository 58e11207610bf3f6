/**
 * Screenshots of the agent web app from the demo workspace, signed in as an agent: the inbox and an open
 * conversation in English and in Croatian at 1280x720, the composer with the reply coach reading a draft,
 * and a conversation at a phone's width, which must not scroll sideways. With HEED_UPDATE_SCREENSHOTS=1
 * the five desktop ones replace docs/screenshots/*.png; otherwise everything goes to a temporary folder.
 * Either way each file must be a real, non-blank PNG.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TConversation, TConversationItem } from "../../src/server/presenters/conversation-presenter.js";
import {
  closePages,
  eventually,
  launchBrowser,
  newSignedInPage,
  readPngSize,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";

const isUpdate = process.env.HEED_UPDATE_SCREENSHOTS === "1";
const docsDir = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
/** A screenshot of a real page is tens of kilobytes; a blank or one-colour one is a few. */
const MIN_PNG_BYTES = 20_000;

describe.runIf(await requireComponents("browser e2e (screenshots)", [chromium]))(
  "screenshots of the agent web app",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let tom: string;
    let tomId: string;
    let conversation: TConversation;
    let tempDir: string;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 40 });
      tom = await server.signIn("tom");
      tomId = (await server.api.get<{ user: { id: string } }>("/api/v1/session", tom)).body.user.id;
      tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-screenshots-"));
      // The open conversation with the most to show: the longest timeline.
      const open = await server.api.get<{ data: TConversationItem[] }>(
        "/api/v1/conversations?status=open&limit=30",
        tom,
      );
      const full = await Promise.all(
        open.body.data.map(
          async (item) => (await server.api.get<TConversation>(`/api/v1/conversations/${item.id}`, tom)).body,
        ),
      );
      conversation = full.sort((a, b) => b.messageCount - a.messageCount)[0]!;
    });

    afterEach(async () => {
      await closePages(opened);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    });

    const agentPage = async (viewport = { width: 1280, height: 720 }): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, tom, { viewport });
      opened.push(signedIn);
      return signedIn.page;
    };

    /** Waits for the page to settle (data loaded, no request for 500 ms), then writes the PNG. */
    const shoot = async (page: Page, file: string) => {
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: file, animations: "disabled" });
      const png = readPngSize(file);
      const size = page.viewportSize()!;
      expect(png, file).toMatchObject({ width: size.width, height: size.height });
      expect(png.bytes, `${file} looks blank`).toBeGreaterThan(MIN_PNG_BYTES);
    };

    /** What the tests read on the page, in both languages. */
    const text = {
      en: { folder: "All open", list: "Conversations", timeline: "Messages" },
      hr: { folder: "Svi otvoreni", list: "Razgovori", timeline: "Poruke" },
    } as const;

    const showInbox = async (page: Page, lang: keyof typeof text) => {
      await page.goto(`${server.url}/inbox/open`);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.getByRole("heading", { level: 1, name: text[lang].folder }).waitFor();
      await page.getByRole("list", { name: text[lang].list }).getByRole("link").first().waitFor();
    };

    const showConversation = async (page: Page, lang: keyof typeof text) => {
      await page
        .getByRole("list", { name: text[lang].list })
        .getByRole("link", { name: new RegExp(`#${conversation.number}\\s`) })
        .click();
      await page.waitForURL(`**/inbox/open/${conversation.id}`);
      await page.getByRole("list", { name: text[lang].timeline }).getByRole("listitem").first().waitFor();
      // The customer's details load after the conversation: wait for their headings.
      const customer = page.getByRole("region", { name: conversation.customer.name ?? "" });
      await customer.getByRole("heading", { level: 3 }).first().waitFor();
    };

    it("of the inbox and a conversation in English and Croatian at 1280x720", async () => {
      const dir = isUpdate ? docsDir : tempDir;
      fs.mkdirSync(dir, { recursive: true });
      const page = await agentPage();
      try {
        await showInbox(page, "en");
        await shoot(page, path.join(dir, "inbox-en.png"));
        await showConversation(page, "en");
        await shoot(page, path.join(dir, "conversation-en.png"));

        await page.getByLabel("Language").selectOption({ label: "Hrvatski" });
        await page.waitForFunction(() => document.documentElement.lang === "hr");
        // The choice is saved on the profile before the next page load picks it up.
        await eventually(
          async () =>
            (await server.api.get<{ user: { language: string } }>("/api/v1/session", tom)).body.user.language,
        ).toBe("hr");
        await showInbox(page, "hr");
        await shoot(page, path.join(dir, "inbox-hr.png"));
        await showConversation(page, "hr");
        await shoot(page, path.join(dir, "conversation-hr.png"));
      } finally {
        await server.api.patch(`/api/v1/users/${tomId}`, tom, { language: "en" });
      }
    });

    it("of the composer with the reply coach's findings at 1280x720", async () => {
      const dir = isUpdate ? docsDir : tempDir;
      const page = await agentPage();
      // An English conversation, so the coach reads the English draft in its own language.
      const open = await server.api.get<{ data: TConversationItem[] }>(
        "/api/v1/conversations?status=open&limit=30",
        tom,
      );
      const english = open.body.data.find((item) => item.language === "en") ?? open.body.data[0]!;
      await page.goto(`${server.url}/inbox/open/${english.id}`);
      await page.getByRole("list", { name: text.en.timeline }).getByRole("listitem").first().waitFor();
      await page
        .getByLabel("Reply to the customer")
        .fill("Unfortunately we can't refund this order. You should have contacted the courier yourself.");
      const coach = page.getByRole("region", { name: "Reply coach" });
      await coach
        .getByRole("status")
        .filter({ hasText: /^\d+ suggestions?$/ })
        .waitFor();
      await shoot(page, path.join(dir, "reply-coach-en.png"));
    });

    it("of a conversation at a phone's width, without sideways scrolling", async () => {
      const page = await agentPage({ width: 390, height: 844 });
      await page.goto(`${server.url}/inbox/open/${conversation.id}`);
      await page.getByRole("list", { name: text.en.timeline }).getByRole("listitem").first().waitFor();
      await shoot(page, path.join(tempDir, "conversation-phone.png"));
      const widths = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        wider: [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`),
      }));
      expect(
        widths.scrollWidth,
        `the page is wider than the phone; elements past the edge: ${widths.wider.join(", ")}`,
      ).toBeLessThanOrEqual(widths.innerWidth);
    });
  },
);
