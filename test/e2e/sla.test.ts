/**
 * SLAs in a real Chromium: an admin adds a policy in the settings; an agent watching the "Due soon"
 * folder sees a conversation appear there live when its first-response warning fires, with the count in
 * the sidebar; a missed target shows as overdue and is recorded in the conversation's SLA history.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  closePages,
  launchBrowser,
  newSignedInPage,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
import { createConversation } from "../../src/server/commands/create-conversation.js";
import { fireSlaTimers } from "../../src/server/commands/fire-sla-timers.js";

describe.runIf(await requireComponents("browser e2e (SLA)", [chromium]))("SLA warnings and history", () => {
  let server: BrowserApp;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startBrowserApp({ conversations: 3 });
  });
  afterEach(() => closePages(opened));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("adds a policy in the settings, then warns live, shows the breach and records it", async () => {
    const admin = await server.signIn("marko");
    const me = await server.api.get<{ user: { id: string } }>("/api/v1/session", admin);
    await server.api.patch(`/api/v1/users/${me.body.user.id}`, admin, { language: "en" });
    const settings = await newSignedInPage(browser, server, admin);
    opened.push(settings);
    await settings.page.goto(`${server.url}/settings/sla`);
    await settings.page.getByRole("button", { name: "New policy" }).click();
    const dialog = settings.page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Chat promise");
    await dialog.getByLabel("First response within").fill("1");
    await dialog.getByRole("group", { name: "Inbox" }).getByLabel("Website chat").check();
    await settings.page.screenshot({ path: "/tmp/heed-sla-dialog.png" });
    await dialog.getByRole("button", { name: "Save" }).click();
    const row = settings.page.getByRole("row", { name: /Chat promise/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Website chat");
    expect(await row.textContent()).toContain("first 1 hour");
    await settings.page.screenshot({ path: "/tmp/heed-sla-settings.png", fullPage: true });
    const violations = await findAxeViolations(settings.page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // A chat that has waited 50 minutes: the warning (80% of an hour, 48 minutes) is due.
    const [chat] = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM inboxes WHERE workspace_id = $1 AND channel = 'chat'",
      [server.demo.workspaceId],
    );
    const created = await createConversation(server.ctx.db, {
      workspaceId: server.demo.workspaceId,
      inboxId: chat!.id,
      customer: { name: "Petra Horvat", email: "petra@customer.example" },
      body: "My parcel never came.",
      at: new Date(Date.now() - 50 * 60_000),
    });

    const agent = await newSignedInPage(browser, server, await server.signIn("tom"));
    opened.push(agent);
    await agent.page.goto(`${server.url}/inbox/due`);
    await agent.page.getByRole("heading", { name: "Due soon" }).waitFor();
    const list = agent.page.getByRole("list", { name: "Conversations" });
    expect(await list.getByText("Petra Horvat").count()).toBe(0);

    // The worker's timer pass: the warning arrives live, in the folder and its count.
    await fireSlaTimers(server.ctx.db);
    const petra = agent.page.getByRole("link", { name: /Petra Horvat/ });
    await petra.waitFor();
    await petra.getByText(/due in (9|10) minutes/).waitFor();
    const folder = agent.page.getByRole("navigation", { name: /Sidebar|Folders/ }).getByRole("link", {
      name: /Due soon/,
    });
    // The counts follow the list a moment later (they are pushed after a short debounce).
    await expect.poll(() => folder.textContent(), { timeout: 10_000 }).toMatch(/Due soon\s*1/);

    // Time passes: the target is missed (the deadline moved into the past, as if an hour went by).
    await server.ctx.db.query(
      `UPDATE response_clocks SET due_at = now() - interval '5 minutes', next_check_at = now() - interval '5 minutes'
        WHERE conversation_id = $1 AND kind = 'first_response'`,
      [created.conversation.id],
    );
    await fireSlaTimers(server.ctx.db);
    await petra.getByText(/overdue [4-6] minutes/).waitFor();
    await petra.click();
    const panel = agent.page.getByRole("region", { name: "Service level" });
    await panel.getByText(/overdue/).waitFor();
    await panel.getByText("SLA history").click();
    const history = panel.getByRole("list", { name: "SLA history" });
    await history.getByText("First response started: Chat promise, target 1 hour").waitFor();
    await history.getByText("First response due soon").waitFor();
    await history.getByText("First response target missed").waitFor();
    await agent.page.screenshot({ path: "/tmp/heed-sla-conversation.png" });
    const agentViolations = await findAxeViolations(agent.page);
    expect(agentViolations, describeViolations(agentViolations)).toEqual([]);
  });
});
