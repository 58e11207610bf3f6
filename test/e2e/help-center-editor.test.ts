/**
 * Writing the help center in a real Chromium: an admin opens Help center from the top bar, writes an
 * article in English (the preview is the server's rendering), publishes it, adds and publishes a Russian
 * translation, leaves a changed English draft and a Croatian draft, and sees each language's state in the
 * list; another article becomes internal. An agent reads the list and the article but gets no delete
 * button. Screenshots of the list and the editor at 1280x800 go to docs/screenshots/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { THelpArticle, THelpArticleSummary } from "../../src/web/api/help-center-types.js";
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

// Screenshots land in a temporary folder; with HEED_UPDATE_SCREENSHOTS=1 they replace docs/screenshots/.
const docsDir =
  process.env.HEED_UPDATE_SCREENSHOTS === "1"
    ? fileURLToPath(new URL("../../docs/screenshots/", import.meta.url))
    : `${fs.mkdtempSync(path.join(os.tmpdir(), "heed-help-shots-"))}/`;
const viewport = { width: 1280, height: 800 };
const TITLE = "How to track your parcel";
/** A 1x1 PNG, for the image upload. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe.runIf(await requireComponents("browser e2e (help center editor)", [chromium]))(
  "the help center's editor",
  () => {
    let server: BrowserApp;
    let browser: Browser;
    let admin: string;
    let agent: string;
    const opened: OpenedPage[] = [];

    /** Signs a demo user in with English as their language, so the page starts in English. */
    const signInInEnglish = async (name: string) => {
      const cookie = await server.signIn(name);
      const me = await server.api.get<{ user: { id: string } }>("/api/v1/session", cookie);
      await server.api.patch(`/api/v1/users/${me.body.user.id}`, cookie, { language: "en" });
      return cookie;
    };
    const articleByTitle = async (title: string) => {
      const list = await server.api.get<{ data: THelpArticleSummary[] }>(
        `/api/v1/help-center/articles?q=${encodeURIComponent(title)}`,
        admin,
      );
      return list.body.data.find((a) => a.languages.some((l) => l.title === title));
    };

    beforeAll(async () => {
      browser = await launchBrowser();
      server = await startBrowserApp({ conversations: 3 });
      admin = await signInInEnglish("marko");
      agent = await signInInEnglish("tom");
    });
    afterEach(() => closePages(opened));
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("writes, previews and publishes an article in two languages and shows each language's state", async () => {
      const signedIn = await newSignedInPage(browser, server, admin, { viewport });
      opened.push(signedIn);
      const { page } = signedIn;
      await page.goto(`${server.url}/inbox/mine`);
      await page.getByRole("banner").getByRole("link", { name: "Help center" }).click();
      await page.getByRole("heading", { name: "Articles" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/help-center");

      // A new article, in English (the admin's language).
      await page.getByRole("link", { name: "New article" }).click();
      await page.getByRole("heading", { name: "New article" }).waitFor();
      expect(await page.getByRole("tab", { name: /English/ }).getAttribute("aria-selected")).toBe("true");
      await page.getByLabel("Title").fill(TITLE);
      await page.getByLabel("Description").fill("Where your parcel is and when it arrives.");
      await page.getByLabel("Keywords").fill("tracking, delivery, courier");
      await page
        .getByRole("textbox", { name: "Text" })
        .fill("Track it with **the tracking number** from our email.\n\n- Open the email\n- Click the link");
      await page.getByLabel("Section").selectOption({ index: 1 });

      // "Image" uploads a picture and puts its markdown where the cursor is (here: after "email.").
      const text = page.getByRole("textbox", { name: "Text" });
      await text.evaluate((el: HTMLTextAreaElement) => {
        const at = el.value.indexOf("email.") + "email.".length;
        el.focus();
        el.setSelectionRange(at, at);
      });
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Image" }).click();
      await (await chooser).setFiles({ name: "parcel-label.png", mimeType: "image/png", buffer: PNG });
      await eventually(() => text.inputValue()).toMatch(
        /^Track it with \*\*the tracking number\*\* from our email\.!\[parcel label\]\(\/help\/images\/[0-9a-f-]{36}\)\n\n- Open/,
      );

      // The preview is the server's rendering of the markdown.
      await page.getByRole("tab", { name: "Preview" }).click();
      const preview = page.locator(".hc-preview");
      await preview.locator("strong", { hasText: "the tracking number" }).waitFor();
      await preview.locator('img[alt="parcel label"]').waitFor();
      expect(await preview.locator("li").allTextContents()).toEqual(["Open the email", "Click the link"]);
      await page.getByRole("tab", { name: "Write" }).click();

      // Publish: the article is created and its English version published; the address becomes its own.
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByText(/English: published, version 1/).waitFor();
      await eventually(() => new URL(page.url()).pathname).toMatch(
        /^\/help-center\/articles\/[0-9a-f-]{36}$/,
      );
      const id = new URL(page.url()).pathname.split("/").pop()!;
      await page.getByRole("link", { name: /\/help\/en\// }).waitFor();

      // A Russian translation, published too.
      await page.getByRole("tab", { name: /Русский/ }).click();
      await page.getByText(/Русский: not written yet/).waitFor();
      await page.getByLabel("Title").fill("Как отследить посылку");
      await page
        .getByRole("textbox", { name: "Text" })
        .fill("Отследите её по **номеру отправления** из письма.");
      await page.getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByText(/Русский: published, version 1/).waitFor();

      // Leaving with unsaved changes asks first; declining stays.
      await page.getByLabel("Title").fill("Как отследить посылку?");
      page.once("dialog", (dialog) => void dialog.dismiss());
      await page.getByRole("link", { name: "Articles" }).first().click();
      await page.getByRole("button", { name: "Save draft" }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/help-center/articles/${id}`);
      await page.getByLabel("Title").fill("Как отследить посылку");

      // English gets a newer draft (changed); Croatian a first draft; Slovak stays missing.
      await page.getByRole("tab", { name: /English/ }).click();
      const body = page.getByRole("textbox", { name: "Text" });
      await body.fill(`${await body.inputValue()}\n- Check the courier's page`);
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.getByText(/English: version 1 .* is published; this draft has changes/).waitFor();
      await page.getByRole("tab", { name: /Hrvatski/ }).click();
      await page.getByLabel("Title").fill("Kako pratiti paket");
      await page.getByRole("textbox", { name: "Text" }).fill("Pratite ga brojem pošiljke iz e-pošte.");
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.getByText(/Hrvatski: draft, not published yet/).waitFor();
      await page.getByRole("tab", { name: /English/ }).click();
      await page
        .getByRole("region", { name: /Versions \(EN\)/ })
        .getByText("v1")
        .waitFor();

      const saved = (await server.api.get<THelpArticle>(`/api/v1/help-center/articles/${id}`, admin)).body;
      expect(saved.translations.en?.status).toBe("changed");
      expect(saved.translations.ru?.status).toBe("published");
      expect(saved.translations.hr?.status).toBe("draft");
      expect(saved.translations.sk).toBeUndefined();
      expect(saved.translations.en?.draft.keywords).toBe("tracking, delivery, courier");
      expect(saved.sectionId).not.toBeNull();

      await page.waitForLoadState("networkidle");
      const editorShot = `${docsDir}help-center-editor.png`;
      await page.screenshot({ path: editorShot, animations: "disabled" });
      expect(readPngSize(editorShot)).toMatchObject(viewport);
      const editorViolations = await findAxeViolations(page);
      expect(editorViolations, describeViolations(editorViolations)).toEqual([]);

      // The list: one chip per language with its state.
      await page.getByRole("link", { name: "Articles" }).first().click();
      const row = page.getByRole("row", { name: new RegExp(TITLE) });
      await row.waitFor();
      const chips = row.getByRole("list", { name: `Languages of ${TITLE}` }).getByRole("listitem");
      expect(await chips.allTextContents()).toEqual(["EN changed", "RU published", "HR draft", "SK missing"]);
    }, 90_000);

    it("marks another article internal, shown as such in the list", async () => {
      const signedIn = await newSignedInPage(browser, server, admin, { viewport });
      opened.push(signedIn);
      const { page } = signedIn;
      const list = await server.api.get<{ data: THelpArticleSummary[] }>(
        "/api/v1/help-center/articles",
        admin,
      );
      const other = list.body.data.find(
        (a) => a.visibility === "public" && !a.languages.some((l) => l.title === TITLE),
      )!;
      expect(other).toBeDefined();
      const otherTitle = other.languages.find((l) => l.lang === "en")?.title ?? other.languages[0]!.title;

      await page.goto(`${server.url}/help-center`);
      await page.getByRole("link", { name: otherTitle, exact: true }).click();
      // The radio follows the saved article: it shows the choice once the change is under way (a tick
      // after the click), so the click is followed by a wait rather than checked at once.
      const internal = page.getByRole("radio", { name: /Internal only/ });
      await internal.click();
      await eventually(() => internal.isChecked()).toBe(true);
      await eventually(
        async () =>
          (await server.api.get<THelpArticle>(`/api/v1/help-center/articles/${other.id}`, admin)).body
            .visibility,
      ).toBe("internal");
      await page.getByText("None: internal articles are not on the help center.").waitFor();

      await page.getByRole("link", { name: "Articles" }).first().click();
      const row = page.getByRole("row", { name: new RegExp(otherTitle) });
      await row.getByText("Internal", { exact: true }).waitFor();
      await page.getByLabel("Visibility").selectOption("internal");
      await eventually(() => page.getByRole("row").count()).toBe(2);
      await page.getByLabel("Visibility").selectOption("");
      await page.getByRole("row", { name: new RegExp(TITLE) }).waitFor();

      await page.waitForLoadState("networkidle");
      const listShot = `${docsDir}help-center-articles.png`;
      await page.screenshot({ path: listShot, animations: "disabled" });
      expect(readPngSize(listShot)).toMatchObject(viewport);
      const violations = await findAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    }, 60_000);

    it("reorders categories, names a new section in two languages and refuses to delete a full category", async () => {
      const signedIn = await newSignedInPage(browser, server, admin, { viewport });
      opened.push(signedIn);
      const { page } = signedIn;
      type Categories = {
        data: { id: string; translations: { en?: { name: string } }; sections: unknown[] }[];
      };
      const names = async () =>
        (await server.api.get<Categories>("/api/v1/help-center/categories", admin)).body.data.map(
          (c) => c.translations.en?.name,
        );
      const [first, second] = await names();

      await page.goto(`${server.url}/help-center/categories`);
      await page.getByRole("button", { name: `Move ${first} down` }).click();
      await eventually(async () => (await names()).slice(0, 2)).toEqual([second, first]);
      await page.getByRole("button", { name: `Move ${first} up` }).waitFor();
      await eventually(() => page.locator(".hc-category h2").first().textContent()).toBe(second);

      await page.getByRole("button", { name: `Add a section to ${first}` }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("group", { name: "English" }).getByLabel("Name").fill("Gift cards");
      await dialog.getByRole("group", { name: "Hrvatski" }).getByLabel("Name").fill("Poklon-bonovi");
      await dialog.getByRole("button", { name: "Save" }).click();
      await page
        .getByRole("list", { name: `Sections of ${first}` })
        .getByText("Gift cards")
        .waitFor();
      const categories = (await server.api.get<Categories>("/api/v1/help-center/categories", admin)).body
        .data;
      const section = categories
        .flatMap((c) => c.sections as { translations: Record<string, { name: string }> }[])
        .find((x) => x.translations.en?.name === "Gift cards");
      expect(section?.translations).toEqual({ en: { name: "Gift cards" }, hr: { name: "Poklon-bonovi" } });

      await page.getByRole("button", { name: `Delete: ${first}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog").getByText("This category still has sections with articles.").waitFor();
      expect(await names()).toContain(first);
    }, 60_000);

    it("lets an agent read the list and an article, without a delete button", async () => {
      const article = await articleByTitle(TITLE);
      expect(article).toBeDefined();
      const signedIn = await newSignedInPage(browser, server, agent, { viewport });
      opened.push(signedIn);
      const { page } = signedIn;
      await page.goto(`${server.url}/inbox/mine`);
      await page.getByRole("banner").getByRole("link", { name: "Help center" }).click();
      await page.getByRole("row", { name: new RegExp(TITLE) }).waitFor();
      expect(await page.getByRole("link", { name: "New article" }).count()).toBe(0);

      await page.getByRole("link", { name: TITLE, exact: true }).click();
      await page.getByRole("heading", { name: new RegExp(TITLE) }).waitFor();
      await page.getByText("You can read this article.").waitFor();
      expect(await page.getByRole("button", { name: "Delete article" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Publish", exact: true }).count()).toBe(0);
      expect(await page.getByLabel("Title").isDisabled()).toBe(true);
    }, 60_000);
  },
);
