/**
 * The reply coach, saved replies and macros in real headless Chromium against the real server: the coach
 * panel follows the draft while the agent types (a negative phrase is flagged, then gone once the reply is
 * rewritten; a complaint gets the LATTE checklist, ticked as the draft covers each step; "Closing reply"
 * drops the next-step finding), without taking the focus, also at a phone's width. "/" inserts a saved
 * reply filled with the customer's first name and the agent's name and names what had no value; a macro
 * from the conversation's menu sets status and tags and puts its reply into the composer. An agent keeps
 * personal saved replies in Settings. axe checks each new screen; screenshots go to the temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TConversation } from "../../src/server/presenters/conversation-presenter.js";
import type { TMacro } from "../../src/server/presenters/macro-presenter.js";
import type { TSavedReply } from "../../src/server/presenters/saved-reply-presenter.js";
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
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
import { buildConversation, buildInbox } from "../helpers/factories-conversations.js";

const hr = JSON.parse(
  fs.readFileSync(new URL("../../locales/hr/web.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const PARCEL_BODY =
  "Hi {{ customer.firstName }},\n\nI'm sorry your parcel is late. I've asked the courier to trace it and will " +
  "write again by noon tomorrow. Order: {{ order.number }}\n\n{{ agent.name }}";

describe.runIf(await requireComponents("browser e2e (reply coach)", [chromium]))(
  "reply coach, saved replies and macros in the composer",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let tom: string;
    let ana: string;
    let tomId: string;
    let inboxId: string;
    let parcel: TSavedReply;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      tom = await server.signIn("tom");
      ana = await server.signIn("ana");
      tomId = (await server.api.get<{ user: { id: string } }>("/api/v1/session", tom)).body.user.id;
      inboxId = (await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, name: "Orders" })).id;
      const created = await server.api.post<TSavedReply>("/api/v1/saved-replies", ana, {
        title: "Parcel trace",
        shortcut: "ptrace",
        scope: "shared",
        variants: [{ lang: "en", body: PARCEL_BODY }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      parcel = created.body;
    });
    afterEach(() => closePages(opened));
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const pageOf = async (cookie: string, viewport?: { width: number; height: number }): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, cookie, { viewport });
      opened.push(signedIn);
      return signedIn.page;
    };
    const conversation = async (body: string, tags: string[] = []) =>
      (
        await buildConversation(server.ctx, {
          workspaceId: server.demo.workspaceId,
          inboxId,
          customer: {
            email: `mila-${Math.random().toString(36).slice(2, 8)}@example.test`,
            name: "Mila Horvat",
          },
          subject: body.slice(0, 30),
          body,
          language: "en",
          assigneeId: tomId,
          tags,
        })
      ).conversation;
    const open = async (page: Page, c: { id: string; number: number }) => {
      await page.goto(`${server.url}/inbox/mine/${c.id}`);
      await page.getByRole("heading", { level: 2, name: new RegExp(`^#${c.number}\\b`) }).waitFor();
    };
    const screenshot = async (page: Page, name: string) => {
      const file = path.join(os.tmpdir(), `heed-${name}.png`);
      await page.screenshot({ path: file });
      expect(readPngSize(file).width).toBe(page.viewportSize()!.width);
    };
    const expectNoSeriousViolations = async (page: Page, what: string) => {
      const violations = await findAxeViolations(page);
      expect(violations.length, `axe on ${what}:\n${describeViolations(violations)}`).toBe(0);
    };
    const isFocused = (locator: Locator) => locator.evaluate((el) => document.activeElement === el);
    const latteStep = (coach: Locator, step: string) =>
      coach.locator(`[data-step="${step}"]`).evaluate((el) => el.classList.contains("latte-done"));

    it("flags a negative phrase while the agent types and drops it once the reply is rewritten", async () => {
      const c = await conversation("Hello, my parcel has not arrived yet. Can you check?");
      const page = await pageOf(tom);
      await open(page, c);
      const reply = page.getByLabel("Reply to the customer");
      const coach = page.getByRole("region", { name: "Reply coach" });
      expect(await coach.count()).toBe(0);

      await reply.pressSequentially("Unfortunately we can't refund this order.", { delay: 10 });
      const findings = coach.getByRole("list", { name: "What to improve" });
      const cannot = findings.locator(".coach-rule-negative").filter({ hasText: "we can't" });
      await cannot.waitFor();
      expect(await cannot.locator(".coach-message").textContent()).toMatch(/we can.t/);
      await cannot.getByText(/^Try:/).waitFor();
      await coach
        .getByRole("status")
        .filter({ hasText: /^\d+ suggestions?$/ })
        .waitFor();
      // The panel only reads: the caret stays in the reply box.
      expect(await isFocused(reply)).toBe(true);
      await expectNoSeriousViolations(page, "the coach panel with findings");
      await screenshot(page, "reply-coach-negative");

      // The excerpt selects its words in the draft.
      await cannot.getByRole("button", { name: "“we can't”" }).click();
      expect(
        await reply.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)),
      ).toBe("we can't");

      await reply.fill(
        "Thanks for your patience! I have sent a replacement today; it will arrive by Friday and I will " +
          "email you the tracking number tomorrow.",
      );
      await coach.getByRole("status").filter({ hasText: "Looks good" }).waitFor();
      expect(await coach.locator(".coach-rule-negative").count()).toBe(0);

      // A closing reply needs no next step.
      await reply.fill("Hi Mila, thank you for letting us know.");
      await findings.getByRole("listitem").filter({ hasText: "does not say what happens next" }).waitFor();
      await coach.getByRole("checkbox", { name: "Closing reply" }).check();
      await coach.getByRole("status").filter({ hasText: "Looks good" }).waitFor();

      // Folded, it keeps one line; notes get no coach.
      await coach.getByRole("button", { name: "Reply coach" }).click();
      expect(await coach.getByRole("button", { name: "Reply coach" }).getAttribute("aria-expanded")).toBe(
        "false",
      );
      expect(await coach.locator(".coach-body").count()).toBe(0);
      await coach.getByRole("button", { name: "Reply coach" }).click();
      await page.getByRole("tab", { name: "Note" }).click();
      await page.getByLabel("Internal note for your team").fill("Unfortunately we can't do this.");
      expect(await page.getByRole("region", { name: "Reply coach" }).count()).toBe(0);
    });

    it("shows the LATTE checklist on a complaint and ticks the steps the draft covers, also on a phone", async () => {
      const c = await conversation(
        "My order never arrived and nobody answers my emails! This is unacceptable.",
        ["complaint"],
      );
      const page = await pageOf(tom, { width: 390, height: 844 });
      await open(page, c);
      const reply = page.getByLabel("Reply to the customer");
      const coach = page.getByRole("region", { name: "Reply coach" });

      await reply.fill("Hi Mila, thank you for letting us know.");
      await coach.getByText("Complaint checklist (LATTE)").waitFor();
      await eventually(() => latteStep(coach, "thank")).toBe(true);
      for (const step of ["listen", "acknowledge", "takeAction", "explain"]) {
        expect(await latteStep(coach, step), step).toBe(false);
      }
      await coach.getByText("1 of 5").waitFor();

      await reply.fill(
        "Hi Mila, I understand how frustrating it is that your order never arrived. I'm sorry. Thank you for " +
          "letting us know. I have sent a replacement today and you will get the tracking number by email tomorrow.",
      );
      for (const step of ["listen", "acknowledge", "takeAction", "thank", "explain"]) {
        await eventually(() => latteStep(coach, step), step).toBe(true);
      }
      await coach.getByText("5 of 5").waitFor();
      expect(await isFocused(reply)).toBe(true);
      await expectNoSeriousViolations(page, "the LATTE checklist on a phone");
      await screenshot(page, "reply-coach-latte-phone");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, "the page scrolls sideways on a phone").toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 720 });
      await screenshot(page, "reply-coach-latte");
    });

    it("words the composer's tools in Croatian and fits them on a phone", async () => {
      await server.api.patch(`/api/v1/users/${tomId}`, tom, { language: "hr" });
      try {
        const c = (
          await buildConversation(server.ctx, {
            workspaceId: server.demo.workspaceId,
            inboxId,
            customer: { email: "ivana@example.test", name: "Ivana Kovač" },
            body: "Pozdrav, moja narudžba još nije stigla. Možete li provjeriti?",
            language: "hr",
            assigneeId: tomId,
          })
        ).conversation;
        const page = await pageOf(tom, { width: 390, height: 844 });
        await page.goto(`${server.url}/inbox/mine/${c.id}`);
        await page.waitForFunction(() => document.documentElement.lang === "hr");
        await page.getByLabel(hr["composer.replyLabel"] as string).fill("Nažalost, ne možemo vratiti novac.");
        const coach = page.getByRole("region", { name: hr["coach.title"] as string });
        await coach.locator(".coach-rule-negative").first().waitFor();
        await page.getByRole("button", { name: hr["savedReplies.button"] as string }).waitFor();
        await page.getByRole("button", { name: new RegExp(`^${hr["macros.button"] as string}`) }).waitFor();
        await screenshot(page, "reply-coach-hr-phone");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "the page scrolls sideways on a phone").toBeLessThanOrEqual(0);
      } finally {
        await server.api.patch(`/api/v1/users/${tomId}`, tom, { language: "en" });
      }
    });

    it("inserts a saved reply with / and fills in the customer's first name and the agent's name", async () => {
      const c = await conversation("Where is my parcel? It has been two weeks.");
      const page = await pageOf(tom);
      await open(page, c);
      const reply = page.getByLabel("Reply to the customer");
      await reply.click();
      await reply.pressSequentially("/ptra", { delay: 20 });
      const picker = page.getByRole("listbox", { name: "Saved replies" });
      const option = picker.getByRole("option", { name: /Parcel trace/ });
      await option.waitFor();
      expect(await option.getAttribute("aria-selected")).toBe("true");
      expect(await reply.getAttribute("aria-expanded")).toBe("true");
      await expectNoSeriousViolations(page, "the / saved-reply picker");
      await screenshot(page, "saved-reply-picker");

      // Escape closes it for this "/"; typing on does not bring it back, a new "/" does.
      await reply.press("Escape");
      await picker.waitFor({ state: "detached" });
      await reply.pressSequentially("c", { delay: 20 });
      expect(await picker.count()).toBe(0);
      await reply.fill("");
      await reply.pressSequentially("/ptrace", { delay: 20 });
      await option.waitFor();
      await reply.press("Enter");
      await picker.waitFor({ state: "detached" });

      await eventually(() => reply.inputValue()).toMatch(/^Hi Mila,\n\nI'm sorry your parcel is late\./);
      const text = await reply.inputValue();
      expect(text).toContain("\n\nTom Baker");
      expect(text).not.toContain("{{");
      expect(text).not.toContain("/ptrace");
      // No order number on this conversation: the agent is told.
      await page.getByRole("status").filter({ hasText: "No value for Order number" }).waitFor();
      await eventually(
        async () =>
          (await server.api.get<TSavedReply>(`/api/v1/saved-replies/${parcel.id}`, tom)).body.usageCount,
      ).toBeGreaterThanOrEqual(1);

      // The toolbar's button: the same replies with a preview, for the mouse.
      await reply.fill("Thanks for writing.");
      await page.getByRole("button", { name: "Saved replies" }).click();
      const dialog = page.getByRole("dialog", { name: "Saved replies" });
      await dialog.getByRole("combobox", { name: "Search saved replies" }).fill("parcel trace");
      await dialog.getByRole("option", { name: /Parcel trace/ }).click();
      await dialog
        .getByRole("region", { name: "Preview for this conversation" })
        .getByText("Hi Mila,")
        .waitFor();
      await expectNoSeriousViolations(page, "the saved replies dialog");
      await screenshot(page, "saved-replies-dialog");
      await dialog.getByRole("button", { name: "Insert" }).click();
      await dialog.waitFor({ state: "detached" });
      await eventually(() => reply.inputValue()).toMatch(/^Thanks for writing\.\n\nHi Mila,/);
    });

    it("applies a macro from the menu: status and tags change, its reply goes into the composer", async () => {
      const made = await server.api.post<TMacro>("/api/v1/macros", ana, {
        name: "Lost order",
        scope: "shared",
        savedReplyId: parcel.id,
        actions: { status: "pending", addTags: ["lost-order"] },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const c = await conversation("My order is lost, I think.");
      const page = await pageOf(tom);
      await open(page, c);
      const reply = page.getByLabel("Reply to the customer");
      await reply.fill("Hello!");

      await page.getByRole("button", { name: "Macros" }).click();
      const item = page.getByRole("list", { name: "Macros" }).getByRole("button", { name: "Lost order" });
      await item.waitFor();
      await expectNoSeriousViolations(page, "the macros menu");
      await screenshot(page, "macro-menu");
      await item.click();

      await page.locator(".conversation-head .status").filter({ hasText: "Pending" }).waitFor();
      await page.getByRole("list", { name: "Tags" }).getByText("lost-order").waitFor();
      await eventually(() => reply.inputValue()).toMatch(
        /^Hello!\n\nHi Mila,\n\nI'm sorry your parcel is late/,
      );
      const timeline = page.getByRole("list", { name: "Messages" });
      await timeline
        .getByText("Tom Baker applied macro “Lost order”: status pending, tags +lost-order")
        .waitFor();
      const after = (await server.api.get<TConversation>(`/api/v1/conversations/${c.id}`, tom)).body;
      expect(after).toMatchObject({ status: "pending", tags: ["lost-order"] });
      await screenshot(page, "macro-applied");
    });

    it("lets an agent keep personal saved replies in Settings, with the variables listed", async () => {
      const page = await pageOf(tom);
      await page.goto(`${server.url}/settings/saved-replies`);
      await page.getByRole("heading", { level: 1, name: "Saved replies" }).waitFor();
      const nav = page.getByRole("navigation", { name: "Settings sections" });
      expect(await nav.getByRole("link").allTextContents()).toEqual(["Saved replies", "Macros"]);
      await page.getByRole("row", { name: /Parcel trace/ }).waitFor();
      // Shared ones are the owners' and admins' to change.
      expect(await page.getByRole("button", { name: "Edit: Parcel trace" }).count()).toBe(0);

      await page.getByRole("button", { name: "New saved reply" }).click();
      const dialog = page.getByRole("dialog", { name: "New saved reply" });
      await dialog.getByLabel("Title").fill("My sign-off");
      await dialog.getByText("Personal: only you see it.", { exact: false }).waitFor();
      expect(await dialog.getByRole("radio").count()).toBe(0);
      await dialog.getByLabel("Text in English").fill("Best wishes, ");
      await dialog.getByRole("button", { name: /Agent's first name/ }).click();
      expect(await dialog.getByLabel("Text in English").inputValue()).toBe(
        "Best wishes, {{ agent.firstName }}",
      );
      await expectNoSeriousViolations(page, "the saved reply editor");
      await screenshot(page, "saved-reply-editor");
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.waitFor({ state: "detached" });
      const row = page.getByRole("row", { name: /My sign-off/ });
      await row.getByRole("button", { name: "Edit: My sign-off" }).waitFor();
      expect(await row.textContent()).toContain("Personal");
      await screenshot(page, "saved-replies-settings");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "saved-replies-settings-phone");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, "the settings scroll sideways on a phone").toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 720 });

      await nav.getByRole("link", { name: "Macros" }).click();
      await page
        .getByRole("row", { name: /Lost order/ })
        .getByText("Status: Pending")
        .waitFor();
      await page.getByRole("button", { name: "New macro" }).click();
      const macroDialog = page.getByRole("dialog", { name: "New macro" });
      await macroDialog.getByLabel("Saved reply to insert").selectOption({ label: "My sign-off" });
      await expectNoSeriousViolations(page, "the macro editor");
      await screenshot(page, "macro-editor");
    });
  },
);
