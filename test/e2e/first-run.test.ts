/**
 * A new install, as its first user meets it in a real Chromium: the sign-in page points to the setup
 * link, the setup link creates the workspace and its owner, the empty inbox leads to creating an inbox,
 * an agent is invited and joins through the link, and a conversation created through the API reaches
 * the agent's open inbox by itself.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type ApiApp } from "../../src/server/app.js";
import type { AppContext } from "../../src/server/context.js";
import { loadEnv } from "../../src/server/env.js";
import { ensureOwner } from "../../src/server/setup.js";
import { apiClient, signIn } from "../helpers/api.js";
import { TEST_ORIGIN } from "../helpers/app.js";
import { buildWebApp, closePages, launchBrowser, newPage, type OpenedPage } from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";
import { createTestDatabase, type TestDatabase } from "../helpers/db.js";

describe.runIf(await requireComponents("browser e2e (first run)", [chromium]))("a new install", () => {
  let browser: Browser;
  let database: TestDatabase;
  let app: ApiApp;
  let url: string;
  let setupToken: string;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    const webRoot = await buildWebApp();
    browser = await launchBrowser();
    database = await createTestDatabase();
    const ctx: AppContext = {
      db: database.db,
      env: loadEnv({ NODE_ENV: "test", HEED_PUBLIC_URL: TEST_ORIGIN, HEED_DATA_DIR: database.location }),
    };
    const setup = await ensureOwner(ctx);
    if (setup.kind !== "setup-link") throw new Error(`expected a setup link, got ${setup.kind}`);
    setupToken = new URL(setup.url).searchParams.get("token")!;
    app = await buildApp(ctx, { webRoot });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });

  afterEach(async () => {
    await closePages(opened);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it("is set up, gets an inbox and an agent, and the agent sees a new conversation arrive", async () => {
    const owner = await newPage(browser);
    opened.push(owner);
    const page = owner.page;

    // Nobody can sign in yet: the sign-in page says how to set Heed up.
    await page.goto(`${url}/`);
    await page.getByText("Heed is not set up yet").waitFor();

    await page.goto(`${url}/setup?token=${encodeURIComponent(setupToken)}`);
    await page.getByLabel("Workspace name (your shop or team)").fill("Lumen Shop");
    await page.getByLabel("Your name").fill("Iva Owner");
    await page.getByLabel("Email").fill("iva@lumen.test");
    await page.getByLabel("Password (at least 8 characters)").fill("a long password");
    await page.getByRole("button", { name: "Create the workspace" }).click();
    await page.waitForURL("**/inbox/mine");

    // No inbox yet: the empty inbox says so and leads to creating one.
    await page.getByText("There is no inbox yet.").waitFor();
    await page.getByRole("link", { name: "Create an inbox" }).click();
    await page.waitForURL("**/settings/inboxes");
    await page.getByLabel("Inbox name").fill("Support");
    await page.getByLabel("Email address").fill("support@lumen.test");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByRole("cell", { name: "support@lumen.test" }).waitFor();

    // Invite an agent; the link is shown to copy.
    await page.goto(`${url}/settings/agents`);
    await page.getByRole("button", { name: "Invite an agent" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email").fill("pero@lumen.test");
    await dialog.getByRole("button", { name: "Create the invitation" }).click();
    const link = await dialog.getByLabel("Invitation link").inputValue();
    const invite = new URL(link);
    expect(invite.pathname).toBe("/invite");

    // The agent joins in a browser of their own.
    const agent = await newPage(browser);
    opened.push(agent);
    await agent.page.goto(`${url}/invite${invite.search}`);
    await agent.page.getByText("Lumen Shop invited pero@lumen.test").waitFor();
    await agent.page.getByLabel("Your name").fill("Pero Agent");
    await agent.page.getByLabel("Password (at least 8 characters)").fill("another long password");
    await agent.page.getByRole("button", { name: "Join" }).click();
    await agent.page.waitForURL("**/inbox/mine");
    await agent.page.goto(`${url}/inbox/unassigned`);
    await agent.page.getByText("No conversations here.").waitFor();

    // A customer writes in (through the API); the agent's list shows it without a reload.
    const api = apiClient(app);
    const cookie = await signIn(app, "iva@lumen.test", "a long password");
    const inboxes = await api.get<{ data: { id: string }[] }>("/api/v1/inboxes", cookie);
    const created = await api.post<{ number: number }>("/api/v1/conversations", cookie, {
      inboxId: inboxes.body.data[0]!.id,
      customer: { email: "mia@example.com", name: "Mia Kunde" },
      subject: "Where is order 1042?",
      message: { body: "It has not arrived yet." },
    });
    expect(created.status).toBe(201);
    const rows = agent.page.getByRole("list", { name: "Conversations" });
    await rows.getByRole("link", { name: /Where is order 1042\?/ }).waitFor({ timeout: 15_000 });
    await agent.page.getByRole("heading", { level: 1, name: "Unassigned" }).waitFor();
    await agent.page.getByText("1 conversation", { exact: true }).waitFor();
  });
});
