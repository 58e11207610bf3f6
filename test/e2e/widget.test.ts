/**
 * The chat widget on a shop's page in real headless Chromium: the page (another origin, with hostile
 * CSS) embeds /widget.js; a visitor chats; the agent app shows the conversation live, the visitor sees
 * the agent typing and the reply; the agent sees the visitor typing; after a reload the conversation is
 * still there. The page's CSS changes nothing in the widget.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
import { describeViolations, findAxeViolations } from "../helpers/axe.js";
import { startMailSink } from "../helpers/mail-sink.js";
import { emailUnseenChatReplies } from "../../src/server/commands/email-unseen-chat-replies.js";
import { sendQueuedEmails } from "../../src/server/commands/send-queued-emails.js";
import { smtpSender } from "../../src/server/email/mail-transport.js";
import { installKeys } from "../../src/server/lib/install-secret.js";

/** A shop page on its own origin that tries hard to restyle or hide anything it can reach. */
const HOSTILE_CSS = `
  * { font-family: "Comic Sans MS", cursive !important; color: #f0f !important; line-height: 3 !important; }
  button { background: #0f0 !important; width: 5px !important; display: none !important; }
  div, section, ol, li { opacity: 0.1 !important; transform: rotate(20deg) !important; }
  heed-chat { display: none !important; opacity: 0 !important; }
  textarea, input { font-size: 40px !important; }
`;

function startShop(heedUrl: string, widgetKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(`<!doctype html><html lang="en"><head><title>Lumen shop</title><style>${HOSTILE_CSS}</style></head>
      <body><h1>Lamps</h1><p>Our shop.</p>
      <script src="${heedUrl}/widget.js" data-key="${widgetKey}" async></script></body></html>`);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

describe.runIf(await requireComponents("browser e2e (chat widget)", [chromium]))("the chat widget", () => {
  let server: BrowserApp;
  let browser: Browser;
  let shop: { url: string; close(): Promise<void> };
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startBrowserApp({ conversations: 5 });
    const [chat] = await server.ctx.db.query<{ widget_key: string }>(
      "SELECT widget_key FROM inboxes WHERE workspace_id = $1 AND channel = 'chat'",
      [server.demo.workspaceId],
    );
    shop = await startShop(server.url, chat!.widget_key);
  });
  afterEach(() => closePages(opened));
  afterAll(async () => {
    await shop?.close();
    await browser?.close();
    await server?.close();
  });

  it("carries a chat both ways live, shows typing both ways and keeps it across a reload", async () => {
    const agent = await newSignedInPage(browser, server, await server.signIn("tom"));
    const visitor = await newPage(browser);
    opened.push(agent, visitor);
    await agent.page.goto(`${server.url}/inbox/open`);
    await agent.page.getByRole("heading", { name: "All open" }).waitFor();

    await visitor.page.goto(`${shop.url}/`);
    const launcher = visitor.page.getByRole("button", { name: "Chat with us" });
    await launcher.waitFor();
    // The page's CSS did not reach the widget: its own colours, size and font, upright and visible.
    const look = await launcher.evaluate((node) => {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      return {
        background: style.backgroundColor,
        width: box.width,
        font: style.fontFamily,
        opacity: style.opacity,
      };
    });
    expect(look).toMatchObject({ background: "rgb(31, 95, 191)", width: 56, opacity: "1" });
    expect(look.font).not.toMatch(/Comic/);

    await launcher.click();
    const panel = visitor.page.getByRole("dialog");
    await panel.getByRole("textbox", { name: "Your message" }).waitFor();
    // Keyboard and screen readers: focus moved into the panel; no serious accessibility violation.
    expect(await visitor.page.evaluate(() => document.activeElement?.tagName)).toBe("HEED-CHAT");
    const violations = (await findAxeViolations(visitor.page)).filter((v) =>
      v.nodes.some((n) => JSON.stringify(n.target).includes("heed-chat")),
    );
    expect(violations, describeViolations(violations)).toEqual([]);
    await panel.getByText("We're here. Ask us anything.").waitFor();
    await panel.getByLabel("Your name (optional)").fill("Iva Perić");
    await panel.getByLabel("Your email (optional)").fill("iva@customer.example");
    const box = panel.getByRole("textbox", { name: "Your message" });
    expect(await box.evaluate((node) => getComputedStyle(node).fontSize)).toBe("15px");
    await box.fill("Is the Aurora lamp in stock?");
    await box.press("Enter");
    await panel.getByText("Sent").waitFor();

    // The agent's list shows the new chat by itself; the agent opens it.
    const row = agent.page.getByRole("link", { name: /Iva Perić/ });
    await row.waitFor();
    await row.click();
    await agent.page
      .getByRole("list", { name: "Messages" })
      .getByText("Is the Aurora lamp in stock?")
      .waitFor();
    // The visitor learns their message was seen once the agent has it open.
    await panel.getByText("Seen").waitFor();

    // The visitor types: the agent sees it.
    await box.fill("Also, do you ship to");
    await agent.page.getByText("Iva Perić is typing…").waitFor();

    // The agent types and replies: the visitor sees both.
    const reply = agent.page.getByRole("combobox", { name: "Reply to the customer" });
    await reply.fill("Yes, three are left");
    await panel.getByText("Tom is typing…").waitFor();
    await reply.fill("Yes, three are left. We ship it tomorrow.");
    await agent.page.getByRole("button", { name: "Send reply" }).click();
    await panel.getByText("Yes, three are left. We ship it tomorrow.").waitFor();
    // The visitor has the panel open: the agent sees the reply as read.
    await agent.page.getByText("seen by the customer").waitFor();
    // A photo of the problem: the visitor attaches it; the agent gets it on the message.
    await visitor.page.locator("heed-chat input[type=file]").setInputFiles({
      name: "aurora-lamp.png",
      mimeType: "image/png",
      buffer: Buffer.from("not really a png, but bytes all the same"),
    });
    await panel.getByRole("list", { name: "Attach a file" }).getByText("aurora-lamp.png").waitFor();
    await box.fill("Here is the box it came in.");
    await box.press("Enter");
    await agent.page
      .getByRole("list", { name: "Messages" })
      .getByText("Here is the box it came in.")
      .waitFor();
    await agent.page.getByRole("link", { name: /aurora-lamp\.png/ }).waitFor();
    await visitor.page.screenshot({ path: "test-results/widget-visitor.png" });

    // A reload keeps the conversation (the token and history come back).
    await visitor.page.reload();
    await visitor.page.getByRole("button", { name: "Chat with us" }).click();
    await visitor.page.getByRole("dialog").getByText("Yes, three are left. We ship it tomorrow.").waitFor();
    const [stored] = await server.ctx.db.query<{ delivery_status: string }>(
      "SELECT delivery_status FROM messages WHERE body = $1",
      ["Yes, three are left. We ship it tomorrow."],
    );
    expect(stored?.delivery_status).toBe("sent");
  });

  it("becomes a message form when nobody is online, and the reply reaches the visitor by email", async () => {
    const visitor = await newPage(browser, { locale: "sk-SK" });
    opened.push(visitor);
    await visitor.page.goto(`${shop.url}/`);
    // The shop's page says English; the widget follows the page, not the browser.
    await visitor.page.getByRole("button", { name: "Chat with us" }).click();
    const panel = visitor.page.getByRole("dialog");
    await panel.getByText("We're away right now. Leave a message and we'll answer by email.").waitFor();
    await panel.getByRole("textbox", { name: "Your message" }).fill("My parcel never came. Order 5521.");
    await panel.getByRole("button", { name: "Send" }).click();
    // Away, the email is required.
    await panel.getByText("Please fill in the required fields.").waitFor();
    await panel.getByLabel("Your email").fill("marta@customer.example");
    await panel.getByRole("button", { name: "Send" }).click();
    await panel.getByText("Thanks! We'll answer by email at marta@customer.example.").waitFor();
    await panel.getByText("Sent").waitFor();
    await visitor.context.close();
    opened.splice(opened.indexOf(visitor), 1);

    const [row] = await server.ctx.db.query<{ id: string }>(
      "SELECT c.id FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE m.body = $1",
      ["My parcel never came. Order 5521."],
    );
    const reply = await server.api.post<{ id: string }>(
      `/api/v1/conversations/${row!.id}/messages`,
      await server.signIn("tom"),
      { kind: "reply", body: "We are sending a new parcel today." },
    );
    expect(reply.status).toBe(201);
    const sink = await startMailSink();
    try {
      const later = new Date(Date.now() + 5 * 60_000);
      expect(
        await emailUnseenChatReplies(server.ctx.db, { mailFrom: server.ctx.env.mailFrom, now: later }),
      ).toBe(1);
      const keys = await installKeys(server.ctx.db, undefined);
      await sendQueuedEmails(server.ctx.db, { keys, sender: smtpSender(sink.url) });
      const [mail] = await sink.waitFor(1);
      expect(mail!.to).toEqual(["marta@customer.example"]);
      expect(mail!.raw.toString()).toContain("We are sending a new parcel today.");
    } finally {
      await sink.close();
    }
  });

  it("outside office hours says when the team is back, in the visitor's time zone", async () => {
    const owner = await server.signIn("ana");
    const today = new Date().toISOString().slice(0, 10);
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "00:00", end: "24:00" }));
    const calendar = await server.api.post<{ id: string }>("/api/v1/calendars", owner, {
      name: "Closed today",
      timeZone: "UTC",
      intervals: allDay,
      holidays: [{ date: today, yearly: false, name: "Stocktaking" }],
    });
    expect(calendar.status).toBe(201);
    const [chat] = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM inboxes WHERE workspace_id = $1 AND channel = 'chat'",
      [server.demo.workspaceId],
    );
    const assign = (calendarId: string | null) =>
      server.api.put(`/api/v1/inboxes/${chat!.id}/calendar`, owner, { calendarId });
    expect((await assign(calendar.body.id)).status).toBe(204);
    try {
      const visitor = await newPage(browser);
      opened.push(visitor);
      // Tomorrow 00:00 UTC, as the visitor's browser (Europe/Zagreb) writes it.
      const back = new Date(`${today}T00:00:00Z`);
      back.setUTCDate(back.getUTCDate() + 1);
      const expected = new Intl.DateTimeFormat("en", {
        weekday: "long",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "Europe/Zagreb",
      }).format(back);
      // The widget server reads office hours again within 10 s (at once when a widget socket is open to
      // hear the change): look until it shows.
      await expect
        .poll(
          async () => {
            await visitor.page.goto(`${shop.url}/`);
            await visitor.page.getByRole("button", { name: "Chat with us" }).click();
            const status = visitor.page.locator("heed-chat .status");
            await expect.poll(() => status.textContent()).not.toBe("");
            return status.textContent();
          },
          // Each look is a new widget socket: a second apart, well within the per-address limit.
          { timeout: 25_000, interval: 2_000 },
        )
        .toBe(`We're closed now and back on ${expected}. Leave a message and we'll answer by email.`);
    } finally {
      await assign(null);
    }
  });

  it("lets an admin copy the embed code and limit the sites that may show the chat", async () => {
    const admin = await server.signIn("marko");
    const me = await server.api.get<{ user: { id: string } }>("/api/v1/session", admin);
    expect(
      (await server.api.patch(`/api/v1/users/${me.body.user.id}`, admin, { language: "en" })).status,
    ).toBe(200);
    const page = await newSignedInPage(browser, server, admin);
    opened.push(page);
    await page.page.goto(`${server.url}/settings/inboxes`);
    await page.page.getByRole("button", { name: "Widget: Website chat", exact: true }).click();
    const dialog = page.page.getByRole("dialog");
    const code = dialog.getByLabel("Code for your site");
    await expect
      .poll(() => code.inputValue())
      .toMatch(/<script src=".*\/widget\.js" data-key="wk_[^"]+" async><\/script>/);
    await dialog
      .getByLabel("Sites allowed to show the chat")
      .fill("https://shop.example\nhttps://www.shop.example");
    await dialog.getByLabel("Ask for the visitor's email").selectOption("required");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    const [saved] = await server.ctx.db.query<{ allowed_origins: string[]; ask_email: string }>(
      "SELECT allowed_origins, ask_email FROM inbox_chat c JOIN inboxes i ON i.id = c.inbox_id WHERE i.name = 'Website chat'",
    );
    expect(saved).toEqual({
      allowed_origins: ["https://shop.example", "https://www.shop.example"],
      ask_email: "required",
    });
  });
});
