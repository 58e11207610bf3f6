/**
 * Business hours in the settings, in a real Chromium: an admin creates a calendar with a split shift,
 * adds holidays from an iCalendar file, and makes an inbox follow it.
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

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Heed test//EN",
  "BEGIN:VEVENT",
  "UID:1",
  "DTSTART;VALUE=DATE:20261225",
  "SUMMARY:Christmas",
  "RRULE:FREQ=YEARLY",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:2",
  "DTSTART;VALUE=DATE:20270329",
  "SUMMARY:Easter Monday",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

describe.runIf(await requireComponents("browser e2e (business hours)", [chromium]))(
  "business hours settings",
  () => {
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

    it("creates a calendar with a split shift and imported holidays, and an inbox follows it", async () => {
      const admin = await server.signIn("marko");
      const me = await server.api.get<{ user: { id: string } }>("/api/v1/session", admin);
      expect(
        (await server.api.patch(`/api/v1/users/${me.body.user.id}`, admin, { language: "en" })).status,
      ).toBe(200);
      const page = await newSignedInPage(browser, server, admin);
      opened.push(page);
      await page.page.goto(`${server.url}/settings/business-hours`);
      await page.page.getByRole("button", { name: "New calendar" }).click();
      const dialog = page.page.getByRole("dialog");
      await dialog.getByLabel("Name").fill("Split shift");
      await dialog.getByLabel("Time zone").fill("Europe/Bratislava");
      await dialog.getByLabel("Monday").fill("08:00-12:00, 13:00-17:00");
      await dialog.getByLabel("Add holidays from an iCalendar file (.ics)").setInputFiles({
        name: "holidays.ics",
        mimeType: "text/calendar",
        buffer: Buffer.from(ICS),
      });
      await expect
        .poll(() => dialog.getByRole("textbox", { name: /^Holidays/ }).inputValue())
        .toBe("12-25 Christmas\n2027-03-29 Easter Monday");
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.page
        .getByRole("row", { name: /Split shift/ })
        .getByText("Europe/Bratislava")
        .waitFor();

      await page.page.getByLabel("Website chat").selectOption({ label: "Split shift" });
      await expect
        .poll(async () => {
          const [row] = await server.ctx.db.query<{ name: string | null }>(
            "SELECT c.name FROM inboxes i LEFT JOIN calendars c ON c.id = i.calendar_id WHERE i.name = 'Website chat'",
          );
          return row?.name;
        })
        .toBe("Split shift");
      const [calendar] = await server.ctx.db.query<{ intervals: unknown[]; holidays: unknown[] }>(
        "SELECT intervals, holidays FROM calendars WHERE name = 'Split shift'",
      );
      expect(calendar!.intervals).toHaveLength(6); // Monday's two, and 09:00-17:00 Tuesday to Friday
      expect(calendar!.holidays).toEqual([
        { date: "2000-12-25", yearly: true, name: "Christmas" },
        { date: "2027-03-29", yearly: false, name: "Easter Monday" },
      ]);
    });
  },
);
