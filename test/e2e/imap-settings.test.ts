/**
 * Setting up IMAP for an email inbox in the settings, in a real Chromium: an admin fills the dialog, the
 * row shows the mailbox and its fetch state, a failing fetch shows its error in the row and the dialog
 * (with no serious accessibility violation), and IMAP can be turned off again. The password typed in the
 * dialog never comes back from the API.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TInbox } from "../../src/server/presenters/inbox-presenter.js";
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

describe.runIf(await requireComponents("browser e2e (IMAP settings)", [chromium]))(
  "IMAP settings of an inbox",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let admin: string;
    const opened: OpenedPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 5 });
      admin = await server.signIn("marko");
      // Marko works in Croatian; this test reads the English labels.
      const me = await server.api.get<{ user: { id: string } }>("/api/v1/session", admin);
      const response = await server.api.patch(`/api/v1/users/${me.body.user.id}`, admin, { language: "en" });
      expect(response.status).toBe(200);
    });

    afterEach(async () => {
      await closePages(opened);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const adminPage = async (): Promise<Page> => {
      const signedIn = await newSignedInPage(browser, server, admin);
      opened.push(signedIn);
      return signedIn.page;
    };

    const emailInbox = async () => {
      const list = await server.api.get<{ data: TInbox[] }>("/api/v1/inboxes", admin);
      return list.body.data.find((inbox) => inbox.channel === "email")!;
    };

    it("sets up a mailbox, shows its state and error, and turns IMAP off again", async () => {
      const inbox = await emailInbox();
      const page = await adminPage();
      await page.goto(`${server.url}/settings/inboxes`);
      await page.getByRole("button", { name: `IMAP: ${inbox.name}`, exact: true }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("IMAP server").fill("imap.example.com");
      await dialog.getByLabel("User name").fill("support@example.com");
      await dialog.getByLabel("Password", { exact: true }).fill("mailbox password 1");
      await dialog.getByLabel("After fetching a message").selectOption("move");
      await dialog.getByLabel("Folder", { exact: true }).fill("Heed");
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.waitFor({ state: "detached" });

      const row = page.getByRole("row", { name: new RegExp(inbox.name) });
      await row.getByText("IMAP: support@example.com on imap.example.com").waitFor();
      await row.getByText("Starting").waitFor();
      const saved = (await server.api.get<TInbox>(`/api/v1/inboxes/${inbox.id}`, admin)).body;
      expect(saved.imap).toMatchObject({
        host: "imap.example.com",
        port: 993,
        afterFetch: "move",
        moveTo: "Heed",
      });
      expect(JSON.stringify(saved)).not.toContain("mailbox password 1");

      // The worker (not running here) would record a failure like this one.
      await server.ctx.db.query(
        `UPDATE inbox_imap SET lease_owner = 'w', lease_expires_at = now() + interval '1 hour',
              last_error_code = 'auth_failed', last_error = '[AUTHENTICATIONFAILED] Authentication failed.',
              last_error_at = now(), failing_since = now() WHERE inbox_id = $1`,
        [inbox.id],
      );
      await page.reload();
      await row.getByText("Failing").waitFor();
      await row.getByText("The server refused the user name, password or token.").waitFor();
      await page.getByRole("button", { name: `IMAP: ${inbox.name}`, exact: true }).click();
      await dialog.getByText("[AUTHENTICATIONFAILED] Authentication failed.").waitFor();
      // A saved password is kept unless a new one is typed.
      expect(await dialog.getByLabel("Password", { exact: true }).getAttribute("placeholder")).toBe(
        "Saved. Leave empty to keep it.",
      );
      await page.waitForLoadState("networkidle");
      const violations = await findAxeViolations(page);
      expect(violations.length, describeViolations(violations)).toBe(0);
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByRole("button", { name: `Stop IMAP: ${inbox.name}` }).click();
      await dialog.getByRole("button", { name: "Stop IMAP" }).click();
      await dialog.waitFor({ state: "detached" });
      await eventually(
        async () => (await server.api.get<TInbox>(`/api/v1/inboxes/${inbox.id}`, admin)).body.imap,
      ).toBeNull();
      await eventually(() => row.getByText(/^IMAP:/).count()).toBe(0);
    });
  },
);
