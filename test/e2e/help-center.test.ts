/**
 * The public help center in real headless Chromium, on the demo workspace with its starter content: a
 * reader arrives in their browser's language and switches language, searches (a Russian inflected form,
 * a Croatian word without its diacritics), answers "Was this helpful?" with a comment, reaches the contact
 * page (with the chat widget) and the complaint procedure; an internal article is not found. With
 * JavaScript turned off, articles, search and the vote still work. No page breaks its own content policy
 * or has a serious accessibility violation. Screenshots: docs/screenshots/help-*.png with
 * HEED_UPDATE_SCREENSHOTS=1, else a temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
import {
  closePages,
  eventually,
  launchBrowser,
  newPage,
  readPngSize,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";
import { bumpHelpContentVersion } from "../../src/server/models/help-centers.js";

const isUpdate = process.env.HEED_UPDATE_SCREENSHOTS === "1";
const docsDir = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const MIN_PNG_BYTES = 15_000;

describe.runIf(await requireComponents("browser e2e (help center)", [chromium]))(
  "the public help center",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let workspaceId: string;
    let shotsDir: string;
    const opened: OpenedPage[] = [];
    /** Messages the browser logged about blocked content (Content-Security-Policy). */
    const policyErrors: string[] = [];

    /** A fresh reader; its console is watched for anything the page's policy blocked. */
    const reader = async (
      options: { locale?: string; viewport?: { width: number; height: number } } = {},
    ) => {
      const page = await newPage(browser, options);
      opened.push(page);
      page.page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) policyErrors.push(message.text());
      });
      return page.page;
    };

    const articleOf = async (lang: string, title: string) => {
      const [row] = await server.ctx.db.query<{ id: string; number: number; slug: string }>(
        `SELECT a.id, a.number, t.slug FROM help_articles a JOIN help_article_translations t ON t.article_id = a.id
        WHERE a.workspace_id = $1 AND t.lang = $2 AND t.title = $3`,
        [workspaceId, lang, title],
      );
      if (!row) throw new Error(`no article "${title}"`);
      return row;
    };

    /** The help center offers the demo's chat inbox on its contact page. */
    const offerChat = async () => {
      const [chat] = await server.ctx.db.query<{ id: string }>(
        "SELECT id FROM inboxes WHERE workspace_id = $1 AND channel = 'chat'",
        [workspaceId],
      );
      await server.ctx.db.query("UPDATE help_centers SET chat_inbox_id = $2 WHERE workspace_id = $1", [
        workspaceId,
        chat!.id,
      ]);
    };

    const shoot = async (page: Page, name: string) => {
      const file = path.join(shotsDir, name);
      await page.screenshot({ path: file, animations: "disabled" });
      const png = readPngSize(file);
      expect(png, file).toMatchObject(page.viewportSize()!);
      expect(png.bytes, `${file} looks blank`).toBeGreaterThan(MIN_PNG_BYTES);
    };

    const hasNoSidewaysScroll = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      workspaceId = server.demo.workspaceId;
      shotsDir = isUpdate ? docsDir : fs.mkdtempSync(path.join(os.tmpdir(), "heed-help-shots-"));
      fs.mkdirSync(shotsDir, { recursive: true });
      // The first visit creates the help center with its starter content.
      const first = await fetch(`${server.url}/help/en`);
      expect(first.status).toBe(200);
    });
    afterEach(async () => {
      await closePages(opened);
      expect(policyErrors.splice(0)).toEqual([]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (!isUpdate && shotsDir) fs.rmSync(shotsDir, { recursive: true, force: true });
    });

    it("greets a reader in their language, and switches the article to another language", async () => {
      const page = await reader({ locale: "hr-HR" });
      await page.goto(`${server.url}/help`);
      await page.waitForURL(`${server.url}/help/hr`);
      await page.getByRole("heading", { level: 1, name: "Kako vam možemo pomoći?" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("hr");

      await page.getByRole("link", { name: "Dostava", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Dostava" }).waitFor();
      await page.getByRole("link", { name: "Paket je stigao oštećen" }).click();
      await page.getByRole("heading", { level: 1, name: "Paket je stigao oštećen" }).waitFor();
      const damaged = await articleOf("en", "My package arrived damaged");

      await page.getByRole("navigation", { name: "Jezik" }).getByRole("link", { name: "English" }).click();
      await page.waitForURL(`${server.url}/help/en/articles/${damaged.number}-${damaged.slug}`);
      await page.getByRole("heading", { level: 1, name: "My package arrived damaged" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      // No script at all on an article page.
      expect(await page.locator("script").count()).toBe(0);
    });

    it("finds a Russian inflected form and a Croatian word typed without diacritics; a click counts", async () => {
      const page = await reader({ locale: "ru-RU" });
      await page.goto(`${server.url}/help/ru`);
      const box = page.getByRole("searchbox", { name: "Поиск по справочному центру" });
      await box.fill("посылку повредили");
      await box.press("Enter");
      await page.waitForURL(/\/help\/ru\/search\?q=/);
      const result = page.getByRole("link", { name: "Посылка пришла повреждённой" });
      await result.waitFor();
      expect(await page.locator("ol.results mark").count()).toBeGreaterThan(0);
      await result.click();
      await page.getByRole("heading", { level: 1, name: "Посылка пришла повреждённой" }).waitFor();
      const article = await articleOf("ru", "Посылка пришла повреждённой");
      await eventually(async () => {
        const rows = await server.ctx.db.query<{ query: string }>(
          `SELECT s.query FROM help_article_views v JOIN help_searches s ON s.id = v.search_id
          WHERE v.article_id = $1`,
          [article.id],
        );
        return rows.map((r) => r.query);
      }).toEqual(["посылку повредили"]);

      await page.goto(`${server.url}/help/hr/search?q=${encodeURIComponent("ostecen paket")}`);
      await page.getByRole("link", { name: "Paket je stigao oštećen" }).waitFor();
    });

    it("takes a vote with a comment and thanks the reader", async () => {
      const page = await reader();
      const article = await articleOf("en", "Delivery abroad");
      await page.goto(`${server.url}/help/en/articles/${article.number}-${article.slug}`);
      await page
        .getByLabel("What could we add or explain better? (optional)")
        .fill("Which countries exactly?");
      await page.getByRole("button", { name: "No", exact: true }).click();
      await page.waitForURL(/\?voted=1#feedback$/);
      await page.getByText("Thank you for your feedback!").waitFor();
      const votes = await server.ctx.db.query<{ is_helpful: boolean; comment: string }>(
        "SELECT is_helpful, comment FROM help_article_votes WHERE article_id = $1",
        [article.id],
      );
      expect(votes).toEqual([{ is_helpful: false, comment: "Which countries exactly?" }]);
    });

    it("leads to the contact page with the chat widget, and on to the complaint procedure", async () => {
      await offerChat();
      const page = await reader();
      await page.goto(`${server.url}/help/en`);
      await page.getByRole("contentinfo").getByRole("link", { name: "Contact us" }).click();
      await page.waitForURL(`${server.url}/help/en/contact`);
      await page.getByRole("heading", { level: 2, name: "Email" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Live chat" }).waitFor();
      // The widget loaded, styled (its stylesheet is allowed) and connected (its socket is allowed).
      const launcher = page.getByRole("button", { name: "Chat with us" });
      await launcher.waitFor();
      expect(await launcher.evaluate((node) => getComputedStyle(node).borderRadius)).toBe("50%");
      await launcher.click();
      await page.getByRole("dialog").getByRole("textbox", { name: "Your message" }).waitFor();

      await page.getByRole("link", { name: /how to make a complaint/ }).click();
      await page.waitForURL(`${server.url}/help/en/complaints`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.getByRole("link", { name: "Contact us" }).first().waitFor();
    });

    it("answers an internal article with the not-found page", async () => {
      const article = await articleOf("en", "Keeping your account safe");
      await server.ctx.db.transaction(async (tx) => {
        const version = await bumpHelpContentVersion(tx, workspaceId);
        await tx.query("UPDATE help_articles SET visibility = 'internal' WHERE id = $1", [article.id]);
        await tx.query("UPDATE help_article_translations SET index_version = $2 WHERE article_id = $1", [
          article.id,
          version,
        ]);
      });
      const page = await reader();
      const response = await page.goto(`${server.url}/help/en/articles/${article.number}-${article.slug}`);
      expect(response!.status()).toBe(404);
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    });

    it("works without JavaScript: reading, searching and voting", async () => {
      const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false, locale: "en-US" });
      context.setDefaultTimeout(10_000);
      opened.push({ context, page: await context.newPage(), errors: [] });
      const page = opened.at(-1)!.page;
      await page.goto(`${server.url}/help/en`);
      const box = page.getByRole("searchbox", { name: "Search the help center" });
      await box.fill("refund");
      await box.press("Enter");
      await page.waitForURL(/\/help\/en\/search\?q=refund/);
      await page.getByRole("link", { name: /Refunds: when and how/ }).click();
      await page
        .getByRole("heading", { level: 1, name: "Refunds: when and how you get your money back" })
        .waitFor();
      await page.getByRole("button", { name: "Yes", exact: true }).click();
      await page.getByText("Thank you for your feedback!").waitFor();

      await offerChat();
      await page.goto(`${server.url}/help/en/contact`);
      await page.getByText("The chat needs JavaScript, which is turned off in your browser.").waitFor();
      expect(await page.getByText("Chat with us: use the chat button").isVisible()).toBe(false);
    });

    it("has no serious accessibility violations on the home, article, search and contact pages", async () => {
      // axe is injected as a script, which the pages' policy rightly refuses: this context ignores it.
      const context = await browser.newContext({ bypassCSP: true, locale: "en-US" });
      opened.push({ context, page: await context.newPage(), errors: [] });
      const page = opened.at(-1)!.page;
      const article = await articleOf("en", "How to return an item");
      for (const url of [
        "/help/en",
        `/help/en/articles/${article.number}-${article.slug}`,
        "/help/en/search?q=invoice",
        "/help/en/contact",
      ]) {
        await page.goto(`${server.url}${url}`);
        const violations = (await findAxeViolations(page)).filter(
          (v) => !v.nodes.every((n) => JSON.stringify(n.target).includes("heed-chat")),
        );
        expect(violations, `${url}\n${describeViolations(violations)}`).toEqual([]);
      }
    });

    it("looks right on a desktop and a phone (screenshots)", async () => {
      const desktop = await reader({ viewport: { width: 1280, height: 900 } });
      await desktop.goto(`${server.url}/help/en`);
      await shoot(desktop, "help-home.png");
      const article = await articleOf("en", "How to return an item");
      await desktop.goto(`${server.url}/help/en/articles/${article.number}-${article.slug}`);
      await shoot(desktop, "help-article.png");

      const phone = await reader({ viewport: { width: 390, height: 844 } });
      await phone.goto(`${server.url}/help/en/articles/${article.number}-${article.slug}`);
      await shoot(phone, "help-article-mobile.png");
      expect(await hasNoSidewaysScroll(phone)).toBe(true);
      await phone.goto(`${server.url}/help/en`);
      expect(await hasNoSidewaysScroll(phone)).toBe(true);
    });
  },
);
