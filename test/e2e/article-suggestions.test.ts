/**
 * Help-center articles while answering, in real headless Chromium against the real server: the reply box
 * offers articles for the customer's question and follows the draft; "Insert link" puts a public
 * article's link into the reply in one click. Resolving a conversation whose tag is linked to an article
 * offers that article for the closing reply ("the next question"); "Add to reply" adds its link and keeps
 * the conversation open, and resolving again does not ask twice.
 */
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TConversation } from "../../src/server/presenters/conversation-presenter.js";
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
import { buildConversation, buildInbox } from "../helpers/factories-conversations.js";

describe.runIf(await requireComponents("browser e2e (article suggestions)", [chromium]))(
  "help-center articles in the composer",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let tom: string;
    let ana: string;
    let tomId: string;
    let inboxId: string;
    const articleId = new Map<string, string>();
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      tom = await server.signIn("tom");
      ana = await server.signIn("ana");
      tomId = (await server.api.get<{ user: { id: string } }>("/api/v1/session", tom)).body.user.id;
      inboxId = (await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, name: "Orders" })).id;
      // The first help-center request creates the starter content.
      expect((await server.api.get("/api/v1/help-center", ana)).status).toBe(200);
      const rows = await server.ctx.db.query<{ id: string; starter_key: string }>(
        "SELECT id, starter_key FROM help_articles WHERE workspace_id = $1",
        [server.demo.workspaceId],
      );
      for (const row of rows) articleId.set(row.starter_key, row.id);
    });
    afterEach(() => closePages(opened));
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const pageOf = async (cookie: string): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, cookie);
      opened.push(signedIn);
      return signedIn.page;
    };
    const conversation = async (body: string, tags: string[] = []) =>
      (
        await buildConversation(server.ctx, {
          workspaceId: server.demo.workspaceId,
          inboxId,
          subject: body.slice(0, 30),
          body,
          assigneeId: tomId,
          tags,
        })
      ).conversation;
    const open = async (page: Page, id: string, number: number) => {
      await page.goto(`${server.url}/inbox/mine/${id}`);
      await page.getByRole("heading", { level: 2, name: new RegExp(`^#${number}\\b`) }).waitFor();
    };

    it("offers articles for the customer's question and inserts a link in one click", async () => {
      const c = await conversation("Hello, my parcel still has not arrived after two weeks. Where is it?");
      const page = await pageOf(tom);
      await open(page, c.id, c.number);
      const offered = page.getByRole("region", { name: "Articles that may help" });
      await offered.getByRole("link", { name: "My parcel is late or lost" }).waitFor();
      const violations = await findAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.screenshot({ path: path.join(os.tmpdir(), "heed-article-suggestions.png") });

      const reply = page.getByLabel("Reply to the customer");
      await reply.fill("Sorry about the wait!");
      const item = offered.getByRole("listitem").filter({ hasText: "My parcel is late or lost" });
      await item.getByRole("button", { name: "Insert link" }).click();
      await expect
        .poll(() => reply.inputValue())
        .toMatch(
          /^Sorry about the wait!\n\n\[My parcel is late or lost\]\(http[^)]+\/help\/en\/articles\/\d+-[a-z0-9-]+\)$/,
        );

      // The draft counts too: writing about a refund brings the refund article.
      await reply.fill("We can also refund the order to your card if you prefer.");
      await offered.getByRole("link", { name: /^Refunds/ }).waitFor();
    });

    it("offers the tag's articles when resolving, adds them to the reply, then resolves without asking again", async () => {
      const tag = await server.api.post<{ id: string }>("/api/v1/tags", ana, { name: "Returns" });
      const linked = await server.api.patch(`/api/v1/help-center/articles/${articleId.get("refunds")}`, ana, {
        tagIds: [tag.body.id],
      });
      expect(linked.status).toBe(200);
      const c = await conversation("I sent the shoes back last week.", ["returns"]);
      const page = await pageOf(tom);
      await open(page, c.id, c.number);
      await page.getByRole("button", { name: "Resolve", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Help with the next question?" });
      await dialog.getByRole("checkbox", { name: /^Refunds/ }).waitFor();
      const violations = await findAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await dialog.getByRole("button", { name: "Add to reply" }).click();
      await dialog.waitFor({ state: "detached" });
      const reply = page.getByLabel("Reply to the customer");
      await expect
        .poll(() => reply.inputValue())
        .toMatch(/^- \[Refunds[^\]]*\]\(http[^)]+\/help\/en\/articles\//);
      const status = async () =>
        (await server.api.get<TConversation>(`/api/v1/conversations/${c.id}`, tom)).body.status;
      expect(await status()).toBe("open");

      await page.getByRole("button", { name: "Send reply" }).click();
      await expect.poll(() => reply.inputValue()).toBe("");
      await page.getByRole("button", { name: "Resolve", exact: true }).click();
      await eventually(status).toBe("resolved");
      expect(await page.getByRole("dialog").count()).toBe(0);
    });
  },
);
