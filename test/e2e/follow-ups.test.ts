/**
 * Follow-ups and the notification bell in real headless Chromium against the real server and database:
 * an agent sets "follow up on <date>" with a note and sees it in the details; when it falls due (the
 * worker's fireDueFollowUps, called with a clock days ahead) the owner's bell counts it live, the panel
 * words it, and clicking it opens the conversation, open again, with the "Follow-up due" line. Cancelling
 * works from the details panel; "Mark all read" reaches the user's other tabs; a Croatian reader gets
 * Croatian sentences and plural forms. axe checks each new screen, and the dialog and the panel are
 * saved as screenshots in the temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fireDueFollowUps } from "../../src/server/commands/fire-due-follow-ups.js";
import type { TConversation } from "../../src/server/presenters/conversation-presenter.js";
import type { TNotification } from "../../src/server/presenters/notification-presenter.js";
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
) as Record<string, string | Record<string, string>>;
const hrText = (key: string, params: Record<string, string> = {}, category?: string) => {
  const entry = hr[key]!;
  const text = typeof entry === "string" ? entry : entry[category ?? "other"]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
};
const DAY = 24 * 3600_000;
const NOTE = "Check the replacement arrived";

describe.runIf(await requireComponents("browser e2e (follow-ups)", [chromium]))(
  "follow-ups and notifications in a browser",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let tom: string;
    let tomId: string;
    let inboxId: string;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      tom = await server.signIn("tom");
      tomId = (await server.api.get<{ user: { id: string } }>("/api/v1/session", tom)).body.user.id;
      inboxId = (await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, name: "Orders" })).id;
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
    const conversationOf = async (id: string, cookie = tom) =>
      (await server.api.get<TConversation>(`/api/v1/conversations/${id}`, cookie)).body;
    const notificationsOf = async (cookie: string) =>
      (await server.api.get<{ data: TNotification[] }>("/api/v1/notifications?limit=100", cookie)).body.data;
    /** A resolved conversation of Tom's about a lost order, as a follow-up is usually set on one. */
    const lostOrder = async (subject: string, assigneeId = tomId) =>
      (
        await buildConversation(server.ctx, {
          workspaceId: server.demo.workspaceId,
          inboxId,
          subject,
          assigneeId,
          status: "resolved",
        })
      ).conversation;
    const openConversation = async (page: Page, id: string, number: number) => {
      await page.goto(`${server.url}/inbox/resolved/${id}`);
      await page.getByRole("heading", { level: 2, name: new RegExp(`^#${number}\\b`) }).waitFor();
      // The timeline, by its class: its name is in the reader's language.
      await page.locator("ol.timeline").waitFor();
    };
    const expectNoSeriousViolations = async (page: Page, what: string) => {
      const violations = await findAxeViolations(page);
      expect(violations.length, `axe on ${what}:\n${describeViolations(violations)}`).toBe(0);
    };
    const screenshot = async (page: Page, name: string) => {
      const file = path.join(os.tmpdir(), `heed-${name}.png`);
      await page.screenshot({ path: file });
      expect(readPngSize(file).width).toBe(page.viewportSize()!.width);
    };

    it("sets a follow-up with a note; when due, the owner's bell counts it live and leads to the reopened conversation", async () => {
      const conversation = await lostOrder("Where is my order?");
      const page = await pageOf(tom);
      await openConversation(page, conversation.id, conversation.number);
      const bell = page.getByRole("button", { name: /^Notifications/ });
      await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");

      // Two days ahead at 10:00 in the browser's time zone, as the datetime input takes it.
      const [local, iso] = await page.evaluate(() => {
        const at = new Date(Date.now() + 2 * 24 * 3600_000);
        at.setHours(10, 0, 0, 0);
        const pad = (n: number) => String(n).padStart(2, "0");
        return [`${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T10:00`, at.toISOString()];
      });
      await page.getByRole("button", { name: "Follow up", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Follow up on this conversation" });
      await dialog.waitFor();
      await expect
        .poll(() => dialog.getByRole("radio", { name: /^Tomorrow morning/ }).isChecked())
        .toBe(true);
      await dialog.getByLabel("Date and time").fill(local);
      await expect.poll(() => dialog.getByRole("radio", { name: "Another time" }).isChecked()).toBe(true);
      await dialog.getByLabel("Note (optional)").fill(NOTE);
      await expectNoSeriousViolations(page, "the follow-up dialog");
      await screenshot(page, "follow-up-dialog");
      await dialog.getByRole("button", { name: "Set follow-up" }).click();
      await dialog.waitFor({ state: "detached" });

      await eventually(async () => (await conversationOf(conversation.id)).followUp?.dueAt).toBe(iso);
      expect((await conversationOf(conversation.id)).followUp).toMatchObject({
        note: NOTE,
        createdBy: { id: tomId, name: "Tom Baker" },
      });
      const details = page.getByRole("region", { name: "Follow-up" });
      await details.getByText(NOTE).waitFor();
      await details.getByText("Set by Tom Baker").waitFor();
      expect(await details.locator("time").getAttribute("datetime")).toBe(iso);
      await details.getByRole("button", { name: "Cancel follow-up" }).waitFor();
      const timeline = page.getByRole("list", { name: "Messages" });
      await timeline.getByText(new RegExp(`^Tom Baker will follow up on .+: ${NOTE}$`)).waitFor();
      await expectNoSeriousViolations(page, "a conversation with a pending follow-up");
      await screenshot(page, "follow-up-details");

      // Tom moves on to his own folder; meanwhile the worker finds the follow-up due.
      await page.getByRole("navigation", { name: "Folders" }).getByRole("link", { name: /^Mine/ }).click();
      await page.waitForURL("**/inbox/mine");
      expect(await fireDueFollowUps(server.ctx.db, new Date(Date.now() + 3 * DAY))).toBe(1);

      // The bell counts it without a reload.
      await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications: 1 unread");
      await expect.poll(() => page.locator(".bell-count").innerText()).toBe("1");

      // The panel opens with the focus in it and says what came due; Escape closes it and returns focus.
      await bell.click();
      expect(await bell.getAttribute("aria-expanded")).toBe("true");
      const panel = page.getByRole("region", { name: "Notifications" });
      const sentence = `Follow-up due on #${conversation.number} Where is my order?: ${NOTE}`;
      const item = panel.getByRole("list", { name: "Notifications" }).getByRole("link", { name: sentence });
      await item.waitFor();
      expect(await item.innerText()).toContain(sentence);
      expect(await item.textContent()).toMatch(/^Unread: /);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("notifications-panel");
      await expectNoSeriousViolations(page, "the notifications panel");
      await screenshot(page, "notifications-panel");
      await page.keyboard.press("Escape");
      await panel.waitFor({ state: "detached" });
      expect(await bell.getAttribute("aria-expanded")).toBe("false");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
        "Notifications: 1 unread",
      );

      // Opening the notification lands on the conversation, open again, and marks it read.
      await bell.click();
      await item.click();
      await page.waitForURL(`**/inbox/open/${conversation.id}`);
      await panel.waitFor({ state: "detached" });
      await page
        .getByRole("heading", { level: 2, name: new RegExp(`^#${conversation.number}\\b`) })
        .waitFor();
      await page.locator(".conversation-head .status-open").waitFor();
      await timeline.getByText(`Follow-up due: ${NOTE}`).waitFor();
      await details.waitFor({ state: "detached" });
      await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications");
      const [notification] = await notificationsOf(tom);
      expect(notification).toMatchObject({ kind: "follow_up_due", conversationId: conversation.id });
      expect(notification!.readAt).not.toBeNull();
      expect((await conversationOf(conversation.id)).status).toBe("open");
    });

    it("cancels a pending follow-up from the details panel, and a cancelled one never fires", async () => {
      const conversation = await lostOrder("Parcel never came");
      const page = await pageOf(tom);
      await openConversation(page, conversation.id, conversation.number);

      await page.getByRole("button", { name: "Follow up", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Follow up on this conversation" });
      await dialog.getByRole("radio", { name: /^In 3 days/ }).check();
      await dialog.getByRole("button", { name: "Set follow-up" }).click();
      await dialog.waitFor({ state: "detached" });
      const details = page.getByRole("region", { name: "Follow-up" });
      await details.getByText("Set by Tom Baker").waitFor();
      const followUp = (await conversationOf(conversation.id)).followUp!;
      expect(followUp.note).toBe("");
      const dueIn = new Date(followUp.dueAt).getTime() - Date.now();
      expect(dueIn).toBeGreaterThan(DAY);
      expect(dueIn).toBeLessThan(4 * DAY);

      await details.getByRole("button", { name: "Cancel follow-up" }).click();
      await details.waitFor({ state: "detached" });
      await eventually(async () => (await conversationOf(conversation.id)).followUp).toBeNull();
      await page
        .getByRole("list", { name: "Messages" })
        .getByText(/^Tom Baker cancelled the follow-up on /)
        .waitFor();

      expect(await fireDueFollowUps(server.ctx.db, new Date(Date.now() + 5 * DAY))).toBe(0);
      expect((await conversationOf(conversation.id)).status).toBe("resolved");
    });

    it("marks all read, and the user's other tab follows live", async () => {
      const [first, second] = [await lostOrder("Wrong size"), await lostOrder("Broken lid")];
      for (const c of [first, second]) {
        const set = await server.api.put(`/api/v1/conversations/${c.id}/follow-up`, tom, {
          dueAt: new Date(Date.now() + DAY).toISOString(),
        });
        expect(set.status).toBe(200);
      }
      const one = await pageOf(tom);
      const other = await pageOf(tom);
      for (const page of [one, other]) {
        await page.goto(`${server.url}/inbox/mine`);
        await page.getByRole("button", { name: /^Notifications/ }).waitFor();
      }
      expect(await fireDueFollowUps(server.ctx.db, new Date(Date.now() + 2 * DAY))).toBe(2);
      for (const page of [one, other]) {
        await expect
          .poll(() => page.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label"))
          .toBe("Notifications: 2 unread");
      }

      await one.getByRole("button", { name: /^Notifications/ }).click();
      const panel = one.getByRole("region", { name: "Notifications" });
      // Newest first: both came due in one pass, so only the set of sentences is certain.
      await expect.poll(() => panel.locator(".notification-unread").count()).toBe(2);
      await panel.getByRole("button", { name: "Mark all read" }).click();
      await expect.poll(() => panel.locator(".notification-unread").count()).toBe(0);
      expect(await panel.getByRole("button", { name: "Mark all read" }).isDisabled()).toBe(true);
      await expect
        .poll(() => other.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label"))
        .toBe("Notifications");
      expect((await notificationsOf(tom)).filter((n) => n.readAt === null)).toEqual([]);
    });

    it("words notifications and follow-up lines in the reader's language (Croatian)", async () => {
      const ana = await server.signIn("ana");
      const anaId = (await server.api.get<{ user: { id: string } }>("/api/v1/session", ana)).body.user.id;
      const due = await lostOrder("Gdje je moja narudžba?", anaId);
      const set = await server.api.put(`/api/v1/conversations/${due.id}/follow-up`, tom, {
        dueAt: new Date(Date.now() + DAY).toISOString(),
        note: "provjeriti je li zamjena stigla",
      });
      expect(set.status).toBe(200);
      const escalated = await lostOrder("Reklamacija", tomId);
      const escalation = await server.api.post(`/api/v1/conversations/${escalated.id}/escalate`, tom, {
        reason: "kupac traži povrat novca",
        leadId: anaId,
      });
      expect(escalation.status, JSON.stringify(escalation.body)).toBe(200);

      const page = await pageOf(ana);
      await openConversation(page, due.id, due.number);
      await page.waitForFunction(() => document.documentElement.lang === "hr");
      expect(await fireDueFollowUps(server.ctx.db, new Date(Date.now() + 2 * DAY))).toBe(1);

      const bell = page.getByRole("button", { name: new RegExp(`^${hrText("notifications.button")}`) });
      await expect
        .poll(() => bell.getAttribute("aria-label"))
        .toBe(hrText("notifications.buttonUnread", {}, "few").replace("{count}", "2"));
      await page
        .getByRole("list", { name: hrText("conversation.timeline") })
        .getByText(hrText("activity.followUpDueNote", { note: "provjeriti je li zamjena stigla" }))
        .waitFor();

      await bell.click();
      const panel = page.getByRole("region", { name: hrText("notifications.title") });
      await panel
        .getByText(
          hrText("notifications.followUpDueNote", {
            conversation: `#${due.number} Gdje je moja narudžba?`,
            note: "provjeriti je li zamjena stigla",
          }),
        )
        .waitFor();
      await panel
        .getByText(
          hrText("notifications.escalated", {
            actor: "Tom Baker",
            conversation: `#${escalated.number} Reklamacija`,
            reason: "kupac traži povrat novca",
          }),
        )
        .waitFor();
      await expectNoSeriousViolations(page, "the notifications panel in Croatian");
      await screenshot(page, "notifications-panel-hr");
    });

    it("shows the panel within a phone's width, without sideways scrolling", async () => {
      const page = await pageOf(tom, { width: 390, height: 844 });
      await page.goto(`${server.url}/inbox/mine`);
      const bell = page.getByRole("button", { name: /^Notifications/ });
      await bell.click();
      const panel = page.getByRole("region", { name: "Notifications" });
      await panel.getByRole("button", { name: "Mark all read" }).waitFor();
      await page.waitForLoadState("networkidle");
      const box = (await panel.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, "notifications-panel-phone");
      // A click elsewhere closes it.
      await page.mouse.click(200, 800);
      await panel.waitFor({ state: "detached" });
      expect(await bell.getAttribute("aria-expanded")).toBe("false");
    });
  },
);
