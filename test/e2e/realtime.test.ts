/**
 * Two agents on one conversation in real headless Chromium, over the live connection: each sees the
 * other online and viewing, one sees the other typing, a note appears on the other's screen without a
 * reload, and a reply begun before that note is stopped by the collision guard until the agent has read it.
 */
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildConversation, buildInbox } from "../helpers/factories-conversations.js";
import {
  closePages,
  launchBrowser,
  newSignedInPage,
  startBrowserApp,
  type BrowserApp,
  type OpenedPage,
} from "../helpers/browser.js";
import { chromium, requireComponents } from "../helpers/components.js";

const hr = JSON.parse(
  fs.readFileSync(new URL("../../locales/hr/web.json", import.meta.url), "utf8"),
) as Record<string, Record<string, string>>;

describe.runIf(await requireComponents("browser e2e (realtime)", [chromium]))(
  "live updates between agents",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
    });
    afterEach(() => closePages(opened));
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("shows presence and typing, delivers a note live and guards a reply begun before it", async () => {
      const workspaceId = server.demo.workspaceId;
      const inbox = await buildInbox(server.ctx, { workspaceId, name: "Live desk" });
      const { conversation } = await buildConversation(server.ctx, {
        workspaceId,
        inboxId: inbox.id,
        subject: "Where is my lamp?",
        customer: { email: "iva@customer.example", name: "Iva Perić" },
      });
      const tom = await newSignedInPage(browser, server, await server.signIn("tom"));
      const marko = await newSignedInPage(browser, server, await server.signIn("marko"));
      opened.push(tom, marko);
      const path = `/inbox/open/${conversation.id}`;
      await tom.page.goto(`${server.url}${path}`);
      await marko.page.goto(`${server.url}${path}`);

      // Each sees the other online, and with this conversation open.
      await tom.page.locator(".online-list").getByText("Marko Horvat").waitFor();
      await tom.page.getByText("Marko Horvat also has this open").waitFor();

      // Tom starts a reply: Marko sees him typing (in Croatian, Marko's language).
      const reply = tom.page.getByRole("combobox", { name: "Reply to the customer" });
      await reply.fill("Your lamp left our warehouse today.");
      await marko.page.getByText(hr["presence.typing"]!.one!.replace("{names}", "Tom Baker")).waitFor();

      // Marko adds a note meanwhile: it appears on Tom's screen by itself.
      const note = await server.api.post(
        `/api/v1/conversations/${conversation.id}/messages`,
        await server.signIn("marko"),
        {
          kind: "note",
          body: "The courier says it was delivered to a neighbour.",
        },
      );
      expect(note.status).toBe(201);
      await tom.page
        .getByRole("list", { name: "Messages" })
        .getByText("The courier says it was delivered to a neighbour.")
        .waitFor();

      // Tom's reply was begun before that note: sending stops and asks him to read it first.
      await tom.page.getByRole("button", { name: "Send reply" }).click();
      await tom.page
        .getByRole("alert")
        .getByText("Someone wrote in this conversation while you were typing")
        .waitFor();
      const replies = () =>
        server.ctx.db.query("SELECT id FROM messages WHERE conversation_id = $1 AND kind = 'outgoing'", [
          conversation.id,
        ]);
      expect(await replies()).toHaveLength(0);
      await tom.page.getByRole("button", { name: "I have read it: send reply" }).click();
      await tom.page.locator(".composer-changed").waitFor({ state: "detached" });
      await expect.poll(async () => (await replies()).length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => reply.inputValue(), { timeout: 10_000 }).toBe("");
      await tom.page.screenshot({ path: "test-results/realtime-tom.png" });

      // Marko leaves: Tom's list of who is online drops him.
      await marko.context.close();
      opened.splice(opened.indexOf(marko), 1);
      await tom.page.locator(".online-list").getByText("Marko Horvat").waitFor({ state: "detached" });
    });
  },
);
