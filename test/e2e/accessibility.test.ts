/**
 * axe-core on the agent web app's main pages in a real Chromium, signed in as the demo workspace's owner:
 * no violation of impact "serious" or "critical" may remain. A failure lists each rule broken, its help
 * text and the elements, so the message says what to fix.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TConversationItem } from "../../src/server/presenters/conversation-presenter.js";
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
import {
  closePages,
  launchBrowser,
  newPage,
  newSignedInPage,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";

describe.runIf(await requireComponents("browser e2e (accessibility)", [chromium]))(
  "accessibility of the agent web app (axe-core)",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let owner: string;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 40 });
      owner = await server.signIn("ana");
    });

    afterEach(async () => {
      await closePages(opened);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const ownerPage = async (): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, owner);
      opened.push(signedIn);
      return signedIn.page;
    };

    /** Waits until the page has stopped loading (the live-update poll leaves gaps of 4 s), then runs axe. */
    const expectNoSeriousViolations = async (page: Page) => {
      await page.waitForLoadState("networkidle");
      const violations = await findAxeViolations(page);
      expect(violations.length, `axe on ${page.url()}:\n${describeViolations(violations)}`).toBe(0);
    };

    it("the sign-in page", async () => {
      const signedOut = await newPage(browser);
      opened.push(signedOut);
      const page = signedOut.page;
      await page.goto(server.url);
      await page.getByLabel("Password").waitFor();
      await expectNoSeriousViolations(page);
    });

    it("the inbox", async () => {
      const page = await ownerPage();
      await page.goto(`${server.url}/inbox/open`);
      await page
        .getByRole("link", { name: /#\d+\s/ })
        .first()
        .waitFor();
      await page.waitForFunction(() => document.documentElement.lang === "hr");
      await expectNoSeriousViolations(page);
    });

    it("an open conversation, and its snooze and keyboard-shortcut dialogs", async () => {
      const page = await ownerPage();
      const list = await server.api.get<{ data: TConversationItem[] }>(
        "/api/v1/conversations?limit=100",
        owner,
      );
      // One that is not resolved, so it shows the snooze button.
      const item = list.body.data.find((c) => c.status === "open" || c.status === "pending");
      if (!item) throw new Error("the demo workspace has no open or pending conversation");
      await page.goto(`${server.url}/inbox/open/${item.id}`);
      await page.getByRole("heading", { level: 2, name: new RegExp(`^#${item.number}\\b`) }).waitFor();
      await page.waitForFunction(() => document.documentElement.lang === "hr");
      await expectNoSeriousViolations(page);

      // Ana works in Croatian: the snooze button is found by its ellipsis ("Odgodi…"), not its words.
      const dialog = page.getByRole("dialog");
      await page.getByRole("button", { name: /…$/ }).click();
      await dialog.locator("input").waitFor();
      await expectNoSeriousViolations(page);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });

      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("?");
      await dialog.locator("kbd").first().waitFor();
      await expectNoSeriousViolations(page);
    });

    it.each(["workspace", "agents", "teams", "inboxes", "business-hours", "tags", "received-email"])(
      "/settings/%s",
      async (section) => {
        const page = await ownerPage();
        await page.goto(`${server.url}/settings/${section}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        // The section's content, not its loading state: a form or a table is there.
        await page.locator("main form, main table").first().waitFor();
        await expectNoSeriousViolations(page);
      },
    );
  },
);
