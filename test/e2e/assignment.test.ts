/**
 * Assignment in a real headless Chromium against the real server and database: an admin sets an inbox
 * to round robin within a team, marks the team's lead and sets an agent's capacity in the settings; Tom
 * switches himself to Away in the top bar (his other tab follows live), so new conversations go to the
 * online agent only and show up assigned in his list without a reload; an admin sets him online again
 * (his top bar follows) and he gets his share. Tom escalates one with a reason: the lead's bell counts it
 * and her timeline words it in Russian. Escalating a conversation without a team shows the server's
 * refusal. axe checks each dialog; screenshots of the dialogs and the top bar, at 1280x720 and 390 px
 * wide, go to the temporary folder. The tests tell one story in order: the later ones build on the rule,
 * the lead and the availability the earlier ones set.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../src/server/commands/create-conversation.js";
import type { TCapacity, TInboxAssignment } from "../../src/server/presenters/assignment-presenter.js";
import type { TConversation } from "../../src/server/presenters/conversation-presenter.js";
import type { TTeam } from "../../src/server/presenters/team-presenter.js";
import type { TUser } from "../../src/server/presenters/user-presenter.js";
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
import { buildInbox } from "../helpers/factories-conversations.js";

type Catalog = Record<string, string | Record<string, string>>;
const ru = JSON.parse(
  fs.readFileSync(new URL("../../locales/ru/web.json", import.meta.url), "utf8"),
) as Catalog;
/** A Russian sentence of the catalog, its plural form chosen for `count` as the app does. */
const ruText = (key: string, params: Record<string, string | number> = {}) => {
  const entry = ru[key]!;
  const text =
    typeof entry === "string" ? entry : entry[new Intl.PluralRules("ru").select(Number(params.count ?? 0))]!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
};

const REASON = "The customer asks for a refund above my limit";

describe.runIf(await requireComponents("browser e2e (assignment)", [chromium]))(
  "assignment in a browser",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let marko: string;
    let tom: string;
    let olga: string;
    const ids: Record<string, string> = {};
    let inboxId: string;
    let ordersTeam: TTeam;
    let customers = 0;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      marko = await server.signIn("marko");
      tom = await server.signIn("tom");
      olga = await server.signIn("olga");
      for (const [name, cookie] of Object.entries({ marko, tom, olga })) {
        ids[name] = (await server.api.get<{ user: TUser }>("/api/v1/session", cookie)).body.user.id;
      }
      // Marko (an admin) reads English here; Olga keeps Russian.
      await server.api.patch(`/api/v1/users/${ids.marko}`, marko, { language: "en" });
      inboxId = (await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, name: "Returns" })).id;
      const teams = await server.api.get<{ data: TTeam[] }>("/api/v1/teams", marko);
      ordersTeam = teams.body.data.find((team) => team.name === "Orders & delivery")!;
      // The demo's Orders & delivery team: Olga and Tom.
      expect(new Set(ordersTeam.memberIds)).toEqual(new Set([ids.olga, ids.tom]));
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
    const expectNoSeriousViolations = async (page: Page, what: string) => {
      const violations = await findAxeViolations(page);
      expect(violations.length, `axe on ${what}:\n${describeViolations(violations)}`).toBe(0);
    };
    const screenshot = async (page: Page, name: string) => {
      const file = path.join(os.tmpdir(), `heed-assignment-${name}.png`);
      await page.screenshot({ path: file });
      expect(readPngSize(file).width).toBe(page.viewportSize()!.width);
    };
    const noSidewaysScroll = async (page: Page) => {
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        wider: [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`),
      }));
      expect(widths.scroll, `wider than the screen: ${widths.wider.join(", ")}`).toBeLessThanOrEqual(
        widths.inner,
      );
    };
    /** The top bar keeps its actions on the brand's line (the search may take a line of its own). */
    const expectOnBrandLine = async (page: Page) => {
      const middle = async (selector: string) => {
        const box = (await page.locator(selector).first().boundingBox())!;
        return box.y + box.height / 2;
      };
      expect(
        Math.abs((await middle(".top-bar .brand")) - (await middle(".availability-button"))),
      ).toBeLessThan(8);
    };
    const conversationOf = async (id: string) =>
      (await server.api.get<TConversation>(`/api/v1/conversations/${id}`, marko)).body;
    /** A customer writes in to the Returns inbox (the way email and chat create conversations). */
    const customerWrites = async (subject: string) => {
      customers++;
      const { conversation } = await createConversation(server.ctx.db, {
        workspaceId: server.demo.workspaceId,
        inboxId,
        customer: { name: `Customer ${customers}`, email: `returns-${customers}@example.test` },
        subject,
        body: "I would like to send this back.",
        language: "en",
      });
      return conversation;
    };
    const statusButton = (page: Page) => page.getByRole("button", { name: /^Your status: / });

    it("sets up round robin for a team, marks its lead and sets a capacity in the settings", async () => {
      const page = await pageOf(marko);
      await page.goto(`${server.url}/settings/inboxes`);
      await page.getByRole("button", { name: "Assignment: Returns" }).click();
      const dialog = page.getByRole("dialog", { name: "Assignment: Returns" });
      const manual = dialog.getByRole("radio", { name: "Manual" });
      await manual.waitFor();
      expect(await manual.isChecked()).toBe(true);
      expect(await dialog.getByRole("checkbox", { name: /returning customers/ }).isChecked()).toBe(false);
      expect(await dialog.getByLabel("Last conversation within (days)").isDisabled()).toBe(true);
      await dialog.getByRole("radio", { name: "Round robin" }).check();
      await dialog.getByLabel("Team").selectOption({ label: "Orders & delivery" });
      await dialog.getByRole("checkbox", { name: /who is away/ }).check();
      await dialog.getByLabel("Away for more than (minutes)").fill("45");
      await expectNoSeriousViolations(page, "the assignment dialog");
      await screenshot(page, "inbox-dialog");
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.waitFor({ state: "detached" });
      const rule = await server.api.get<TInboxAssignment>(`/api/v1/inboxes/${inboxId}/assignment`, marko);
      expect(rule.body).toMatchObject({
        mode: "round_robin",
        teamId: ordersTeam.id,
        stickyDays: null,
        reassignAwayMinutes: 45,
      });

      // Olga leads the team: her "Lead" box appears once she is a member.
      await page
        .getByRole("navigation", { name: "Settings sections" })
        .getByRole("link", { name: "Teams" })
        .click();
      await page.getByRole("button", { name: "Members: Orders & delivery" }).click();
      const members = page.getByRole("dialog", { name: "Members of Orders & delivery" });
      await members.getByRole("checkbox", { name: "Lead: Olga Smirnova" }).check();
      expect(await members.getByRole("checkbox", { name: "Lead: Zuzana Kováčová" }).count()).toBe(0);
      await expectNoSeriousViolations(page, "the team members dialog with leads");
      await screenshot(page, "team-leads");
      await members.getByRole("button", { name: "Save" }).click();
      await members.waitFor({ state: "detached" });
      await page
        .getByRole("row", { name: /Orders & delivery/ })
        .getByText("Olga Smirnova (lead)")
        .waitFor();
      const team = await server.api.get<TTeam>(`/api/v1/teams/${ordersTeam.id}`, marko);
      expect(team.body.leadIds).toEqual([ids.olga]);
      expect(new Set(team.body.memberIds)).toEqual(new Set([ids.olga, ids.tom]));

      // Tom takes at most 5 chats and no phone calls automatically; email stays unlimited.
      await page
        .getByRole("navigation", { name: "Settings sections" })
        .getByRole("link", { name: "Agents" })
        .click();
      await page.getByRole("button", { name: "Capacity: Tom Baker" }).click();
      const capacity = page.getByRole("dialog", { name: "Capacity of Tom Baker" });
      await capacity.getByLabel("Chat").fill("5");
      await capacity.getByLabel("Phone").fill("0");
      expect(await capacity.getByLabel("Email").getAttribute("placeholder")).toBe("No limit");
      await expectNoSeriousViolations(page, "the capacity dialog");
      await screenshot(page, "capacity-dialog");
      await capacity.getByRole("button", { name: "Save" }).click();
      await capacity.waitFor({ state: "detached" });
      const saved = await server.api.get<TCapacity>(`/api/v1/users/${ids.tom}/capacity`, marko);
      expect(saved.body).toMatchObject({ email: null, chat: 5, phone: 0, api: null });
      await expectNoSeriousViolations(page, "the agents table with availability");
      await screenshot(page, "agents-table");
    });

    it("gives new conversations to online agents only, live, and Tom his share once he is back online", async () => {
      const page = await pageOf(tom);
      const otherTab = await pageOf(tom);
      const listUrl = `${server.url}/inbox/open?inbox=${inboxId}`;
      for (const p of [page, otherTab]) {
        await p.goto(listUrl);
        await p.getByRole("heading", { level: 1, name: "All open" }).waitFor();
      }
      const status = statusButton(page);
      expect(await status.getAttribute("aria-label")).toBeNull();
      expect(await status.innerText()).toContain("Online");
      await screenshot(page, "top-bar");

      // Tom says he is away; his other tab follows, and his name in "Online now" says so.
      await status.click();
      const menu = page.getByRole("menu", { name: /^Your status/ });
      expect(await menu.getByRole("menuitemradio", { name: "Online" }).getAttribute("aria-checked")).toBe(
        "true",
      );
      await expectNoSeriousViolations(page, "the status menu");
      await screenshot(page, "status-menu");
      await menu.getByRole("menuitemradio", { name: "Away" }).click();
      await menu.waitFor({ state: "detached" });
      await eventually(async () => (await statusButton(page).textContent())?.trim()).toBe(
        "Your status: Away",
      );
      await eventually(async () => (await statusButton(otherTab).textContent())?.trim()).toBe(
        "Your status: Away",
      );
      await eventually(
        async () => (await server.api.get<{ user: TUser }>("/api/v1/session", tom)).body.user.availability,
      ).toBe("away");
      await eventually(async () =>
        (await otherTab.locator(".online-list li", { hasText: "Tom Baker" }).textContent())?.trim(),
      ).toMatch(/Tom Baker\s*away$/);

      // Customers write in: every conversation goes to Olga, the team's only online agent, and Tom's
      // list shows them assigned without a reload.
      const list = page.getByRole("list", { name: "Conversations" });
      const whileAway = [];
      for (let i = 1; i <= 4; i++) whileAway.push(await customerWrites(`Return while away ${i}`));
      for (const conversation of whileAway) {
        expect((await conversationOf(conversation.id)).assignee?.id).toBe(ids.olga);
        const row = list.getByRole("link", { name: new RegExp(`#${conversation.number}\\b`) });
        await eventually(async () => (await row.locator(".row-assignee").textContent()) ?? "").toBe(
          "Olga Smirnova",
        );
      }

      // Marko sets Tom online again from the agents table; Tom's top bar follows.
      const admin = await pageOf(marko);
      await admin.goto(`${server.url}/settings/agents`);
      const tomStatus = admin.getByRole("combobox", { name: "Availability: Tom Baker" });
      expect(await tomStatus.inputValue()).toBe("away");
      await tomStatus.selectOption("online");
      await eventually(async () => (await statusButton(page).textContent())?.trim()).toBe(
        "Your status: Online",
      );
      await eventually(async () => (await statusButton(otherTab).textContent())?.trim()).toBe(
        "Your status: Online",
      );

      // The next four alternate between Olga and Tom.
      const afterReturn = [];
      for (let i = 1; i <= 4; i++) afterReturn.push(await customerWrites(`Return after ${i}`));
      const owners = await Promise.all(
        afterReturn.map(async (c) => (await conversationOf(c.id)).assignee?.id),
      );
      expect(owners.filter((id) => id === ids.tom)).toHaveLength(2);
      expect(owners.filter((id) => id === ids.olga)).toHaveLength(2);
      for (const [i, conversation] of afterReturn.entries()) {
        const name = owners[i] === ids.tom ? "Tom Baker" : "Olga Smirnova";
        const row = list.getByRole("link", { name: new RegExp(`#${conversation.number}\\b`) });
        await eventually(async () => (await row.locator(".row-assignee").textContent()) ?? "").toBe(name);
      }

      // Tom's own conversation says why it is his.
      const mine = afterReturn[owners.indexOf(ids.tom)]!;
      await list.getByRole("link", { name: new RegExp(`#${mine.number}\\b`) }).click();
      await page
        .getByRole("list", { name: "Messages" })
        .getByText("Assigned to Tom Baker by round robin", { exact: true })
        .waitFor();
    });

    it("escalates to the team's lead with a reason: her bell counts it and her timeline says it in Russian", async () => {
      const conversation = await customerWrites("Refund for a broken tent");
      // Round robin gave it to Olga or Tom; Tom escalates it either way (he may assign it).
      const owner = (await conversationOf(conversation.id)).assignee!;
      expect([ids.olga, ids.tom]).toContain(owner.id);
      const unread = async () =>
        (await server.api.get<{ count: number }>("/api/v1/notifications/unread-count", olga)).body.count;
      const before = await unread();

      const lead = await pageOf(olga);
      await lead.goto(`${server.url}/inbox/mine`);
      await lead.waitForFunction(() => document.documentElement.lang === "ru");
      const bell = lead.getByRole("button", { name: new RegExp(`^${ruText("notifications.button")}`) });
      await bell.waitFor();

      const page = await pageOf(tom);
      await page.goto(`${server.url}/inbox/open/${conversation.id}`);
      await page
        .getByRole("heading", { level: 2, name: new RegExp(`^#${conversation.number}\\b`) })
        .waitFor();
      await page.getByRole("list", { name: "Messages" }).waitFor();
      await screenshot(page, "conversation-head");
      await page.getByRole("button", { name: "Escalate", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Escalate to a lead" });
      const to = dialog.getByLabel("Escalate to");
      await eventually(async () => (await to.locator("option").first().textContent())?.trim()).toBe(
        "A lead of Orders & delivery",
      );
      // The team's lead first, then owners and admins; never Tom himself.
      const options = (await to.locator("option").allTextContents()).map((o) => o.trim());
      expect(options).toEqual([
        "A lead of Orders & delivery",
        "Olga Smirnova (team lead)",
        "Ana Kovač (owner)",
        "Marko Horvat (admin)",
      ]);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      // The reason is required: an empty one is not sent.
      await dialog.getByRole("button", { name: "Escalate", exact: true }).click();
      expect(
        await dialog.getByLabel("Reason").evaluate((el) => (el as HTMLTextAreaElement).validity.valid),
      ).toBe(false);
      await dialog.getByLabel("Reason").fill(REASON);
      await expectNoSeriousViolations(page, "the escalation dialog");
      await screenshot(page, "escalate-dialog");
      await dialog.getByRole("button", { name: "Escalate", exact: true }).click();
      await dialog.waitFor({ state: "detached" });

      await page
        .getByRole("list", { name: "Messages" })
        .getByText(`Tom Baker escalated this to Olga Smirnova: ${REASON}`, { exact: true })
        .waitFor();
      expect((await conversationOf(conversation.id)).assignee?.id).toBe(ids.olga);

      // Olga's bell counts it without a reload; the conversation's lines are in Russian.
      await eventually(() => bell.getAttribute("aria-label")).toBe(
        ruText("notifications.buttonUnread", { count: before + 1 }),
      );
      await bell.click();
      const item = lead.getByRole("link", {
        name: ruText("notifications.escalated", {
          actor: "Tom Baker",
          conversation: `#${conversation.number} Refund for a broken tent`,
          reason: REASON,
        }),
      });
      await item.click();
      await lead.waitForURL(`**/inbox/open/${conversation.id}`);
      const timeline = lead.getByRole("list", { name: ruText("conversation.timeline") });
      await timeline
        .getByText(
          ruText("activity.escalated", { actor: "Tom Baker", lead: "Olga Smirnova", reason: REASON }),
          {
            exact: true,
          },
        )
        .waitFor();
      await timeline
        .getByText(ruText("activity.autoAssigned.round_robin", { assignee: owner.name }), { exact: true })
        .waitFor();
      await expectNoSeriousViolations(lead, "an escalated conversation in Russian");
      await screenshot(lead, "escalated-ru");
    });

    it("shows the server's refusal when nobody can take an escalation, and escalates to a chosen person", async () => {
      // An inbox without a rule and a conversation without a team: there is no team lead to take it.
      const plain = await buildInbox(server.ctx, { workspaceId: server.demo.workspaceId, name: "Wholesale" });
      const { conversation } = await createConversation(server.ctx.db, {
        workspaceId: server.demo.workspaceId,
        inboxId: plain.id,
        customer: { name: "Garden Centre", email: "buyer@garden-centre.example.test" },
        subject: "Pallet order",
        body: "Can we order a pallet of lanterns?",
        language: "en",
      });
      const page = await pageOf(tom);
      await page.goto(`${server.url}/inbox/open/${conversation.id}`);
      await page.getByRole("list", { name: "Messages" }).waitFor();
      await screenshot(page, "conversation-head-unassigned");
      await page.getByRole("button", { name: "Escalate", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Escalate to a lead" });
      await dialog.getByText("This conversation has no team: choose who should take it.").waitFor();
      await dialog.getByLabel("Reason").fill("Wholesale prices are not mine to set");
      await dialog.getByRole("button", { name: "Escalate", exact: true }).click();
      const alert = dialog.getByRole("alert");
      await alert.getByText(/^Not escalated: no team lead can take this conversation\./).waitFor();
      expect(await alert.textContent()).toContain(
        "Heed says: leadId: is required: the conversation has no team to escalate within",
      );
      // The choice to change is marked, and tells why.
      const to = dialog.getByLabel("Escalate to");
      expect(await to.getAttribute("aria-invalid")).toBe("true");
      expect(await to.getAttribute("aria-describedby")).toContain("escalate-error");
      await expectNoSeriousViolations(page, "the escalation dialog with the server's refusal");
      await screenshot(page, "escalate-refused");

      await to.selectOption({ label: "Marko Horvat (admin)" });
      await alert.waitFor({ state: "detached" });
      await dialog.getByRole("button", { name: "Escalate", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await eventually(async () => (await conversationOf(conversation.id)).assignee?.id).toBe(ids.marko);
      await page
        .getByRole("list", { name: "Messages" })
        .getByText("Tom Baker escalated this to Marko Horvat: Wholesale prices are not mine to set")
        .waitFor();
    });

    it("fits a phone: the status menu, the escalation and assignment dialogs without sideways scrolling", async () => {
      const phone = { width: 390, height: 844 };
      const page = await pageOf(tom, phone);
      await page.goto(`${server.url}/inbox/mine`);
      const status = statusButton(page);
      await status.waitFor();
      // Only the dot shows (the name says the status in words), on the brand's line.
      expect((await status.boundingBox())!.width).toBeLessThan(40);
      await expectOnBrandLine(page);
      await noSidewaysScroll(page);
      await screenshot(page, "top-bar-phone");

      // The keyboard: arrows move within the menu, Escape closes it and returns to the button.
      await status.focus();
      await page.keyboard.press("Enter");
      const menu = page.getByRole("menu", { name: /^Your status/ });
      await menu.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Online");
      await page.keyboard.press("ArrowDown");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Away");
      const box = (await menu.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
      await screenshot(page, "status-menu-phone");
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-expanded"))).toBe("false");
      expect(await status.textContent()).toBe("Your status: Online");

      const conversation = await customerWrites("Zip broke after a week");
      await page.goto(`${server.url}/inbox/open/${conversation.id}`);
      await page.getByRole("button", { name: "Escalate", exact: true }).click();
      const escalation = page.getByRole("dialog", { name: "Escalate to a lead" });
      // Settled once the inbox's rule is known (it may name the team whose lead takes it).
      await eventually(async () => await escalation.locator("#escalate-lead-hint").textContent()).not.toBe(
        "Loading…",
      );
      await noSidewaysScroll(page);
      await screenshot(page, "escalate-dialog-phone");

      const admin = await pageOf(marko, phone);
      await admin.goto(`${server.url}/settings/inboxes`);
      await admin.getByRole("button", { name: "Assignment: Returns" }).click();
      const dialog = admin.getByRole("dialog", { name: "Assignment: Returns" });
      await dialog.getByRole("radio", { name: "Round robin" }).waitFor();
      await noSidewaysScroll(admin);
      await screenshot(admin, "inbox-dialog-phone");
      await admin.keyboard.press("Escape");
      await admin.goto(`${server.url}/settings/agents`);
      await admin.getByRole("combobox", { name: "Availability: Tom Baker" }).waitFor();
      await screenshot(admin, "agents-phone");
    });
  },
);
