import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/helpers/app.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { markdownToPlainText, renderHelpMarkdown } from "../../help-center/render-markdown.js";
import { HELP_CSS } from "../../help-center/styles.js";
import type { HelpLang } from "../../help-center/languages.js";
import { ensureHelpCenter } from "../commands/ensure-help-center.js";
import { newId } from "../lib/ids.js";
import { insertBlob } from "../models/blobs.js";
import { bumpHelpContentVersion, insertHelpCenter } from "../models/help-centers.js";
import { nextCounter } from "../models/workspaces.js";

let t: TestApp;
/** The install's oldest workspace: requests for an unknown host get its help center. */
let main: { id: string; name: string };
/** A second workspace with a help center on its own host. */
let other: { id: string; host: string };

type Texts = Partial<Record<HelpLang, { title: string; body: string; slug?: string; isDraft?: boolean }>>;

/** A help center row without starter content (tests write exactly what they read). */
async function buildHelpCenter(workspaceId: string, settings: { host?: string; chatInboxId?: string } = {}) {
  await insertHelpCenter(t.ctx.db, workspaceId);
  await t.ctx.db.query("UPDATE help_centers SET host = $2, chat_inbox_id = $3 WHERE workspace_id = $1", [
    workspaceId,
    settings.host ?? null,
    settings.chatInboxId ?? null,
  ]);
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "x";

async function buildCategory(workspaceId: string, names: Partial<Record<HelpLang, string>>) {
  const id = newId();
  const number = await nextCounter(t.ctx.db, workspaceId, "help_category");
  await t.ctx.db.query("INSERT INTO help_categories (id, workspace_id, number) VALUES ($1, $2, $3)", [
    id,
    workspaceId,
    number,
  ]);
  for (const [lang, name] of Object.entries(names)) {
    await t.ctx.db.query(
      `INSERT INTO help_category_translations (category_id, workspace_id, lang, name, description, slug)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, workspaceId, lang, name, `All about ${name}`, slugOf(name)],
    );
  }
  const sectionId = newId();
  await t.ctx.db.query("INSERT INTO help_sections (id, workspace_id, category_id) VALUES ($1, $2, $3)", [
    sectionId,
    workspaceId,
    id,
  ]);
  for (const [lang, name] of Object.entries(names)) {
    await t.ctx.db.query(
      "INSERT INTO help_section_translations (section_id, workspace_id, lang, name) VALUES ($1, $2, $3, $4)",
      [sectionId, workspaceId, lang, `${name} basics`],
    );
  }
  return { id, number, sectionId, slug: slugOf(Object.values(names)[0]!) };
}

/** An article published in the given languages (a draft where `isDraft`), seen by search at once. */
async function buildArticle(
  workspaceId: string,
  texts: Texts,
  options: { sectionId?: string | null; visibility?: "public" | "internal"; isDeleted?: boolean } = {},
) {
  const id = newId();
  const number = await nextCounter(t.ctx.db, workspaceId, "help_article");
  await t.ctx.db.transaction(async (tx) => {
    const version = await bumpHelpContentVersion(tx, workspaceId);
    await tx.query(
      `INSERT INTO help_articles (id, workspace_id, number, section_id, visibility, position, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $3, $6)`,
      [
        id,
        workspaceId,
        number,
        options.sectionId ?? null,
        options.visibility ?? "public",
        options.isDeleted ? new Date() : null,
      ],
    );
    for (const [lang, text] of Object.entries(texts)) {
      const published = !text.isDraft;
      await tx.query(
        `INSERT INTO help_article_translations
           (article_id, workspace_id, lang, draft_title, draft_body, slug, title, description, keywords, body,
            body_html, body_text, version, published_at, index_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', '', $8, $9, $10, $11, $12, $13)`,
        [
          id,
          workspaceId,
          lang,
          text.title,
          text.body,
          text.slug ?? slugOf(text.title),
          published ? text.title : null,
          published ? text.body : null,
          published ? renderHelpMarkdown(text.body) : null,
          published ? markdownToPlainText(text.body) : null,
          published ? 1 : 0,
          published ? new Date("2026-03-12T10:00:00Z") : null,
          version,
        ],
      );
    }
  });
  return { id, number, slug: (lang: HelpLang) => texts[lang]?.slug ?? slugOf(texts[lang]!.title) };
}

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });
/** Markup with whitespace runs as one space and no space before ">" (templates are laid out for reading). */
const norm = (markup: string) =>
  markup
    .replace(/\s+/g, " ")
    .replace(/\s*\/?>/g, (end) => end.trim().replace("/", ""))
    .replace(/> </g, "><");
/** A help-center page with its markup normalized. */
const page = async (url: string, headers: Record<string, string> = {}) => {
  const response = await get(url, headers);
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    cookies: response.cookies,
    body: norm(response.body),
  };
};
const otherHost = () => ({ host: other.host });
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

let category: Awaited<ReturnType<typeof buildCategory>>;
let returns: Awaited<ReturnType<typeof buildArticle>>;
let exchanges: Awaited<ReturnType<typeof buildArticle>>;
let englishOnly: Awaited<ReturnType<typeof buildArticle>>;

beforeAll(async () => {
  t = await createTestApp();
  const built = await buildWorkspace(t.ctx, { name: "Lumen <b>Shop</b>" });
  main = { id: built.workspace.id, name: built.workspace.name };
  const second = await buildWorkspace(t.ctx, { name: "Second shop" });
  other = { id: second.workspace.id, host: `help-${randomUUID().slice(0, 6)}.second.example` };
  await buildHelpCenter(main.id);
  await buildHelpCenter(other.id, { host: other.host });
  category = await buildCategory(main.id, { en: "Returns", hr: "Povrati", ru: "Возвраты" });
  returns = await buildArticle(
    main.id,
    {
      en: {
        title: "How to return an order",
        body: "Pack the **lamp** and send it back within 30 days.\n\n- one\n- two",
      },
      hr: {
        title: "Kako vratiti narudžbu",
        body: "Zapakirajte svjetiljku i pošaljite je natrag u roku od 30 dana.",
      },
      ru: { title: "Как вернуть заказ", body: "Упакуйте лампу и отправьте её обратно в течение 30 дней." },
    },
    { sectionId: category.sectionId },
  );
  exchanges = await buildArticle(
    main.id,
    {
      en: { title: "Exchanging a lamp", body: "Exchanges are free." },
      sk: { title: "Výmena lampy", body: "Výmena je zadarmo.", isDraft: true },
    },
    { sectionId: category.sectionId },
  );
  englishOnly = await buildArticle(
    main.id,
    { en: { title: "Gift cards", body: "Gift cards never expire." } },
    { sectionId: category.sectionId },
  );
});
afterAll(() => t.close());

describe("GET /help", () => {
  it("redirects to the reader's language from Accept-Language, else the workspace's default", async () => {
    const hr = await get("/help", { "accept-language": "de-DE,de;q=0.9,hr;q=0.8,en;q=0.5" });
    expect(hr.statusCode).toBe(302);
    expect(hr.headers.location).toBe("/help/hr");
    expect(hr.headers.vary).toMatch(/accept-language/i);
    expect((await get("/help", { "accept-language": "sk-SK" })).headers.location).toBe("/help/sk");
    expect((await get("/help", { "accept-language": "fr, ru;q=0" })).headers.location).toBe("/help/en");
    expect((await get("/help/")).headers.location).toBe("/help/en");
  });

  it("answers an unknown address under /help with the help center's 404 page", async () => {
    for (const url of ["/help/de", "/help/en/nothing", "/help/en/articles/abc", "/help/en/categories/0"]) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers["content-type"]).toMatch(/text\/html/);
      expect(response.body).toContain("Page not found");
    }
  });
});

describe("GET /help/:lang", () => {
  it("shows the categories with their sections and articles, in the page's language", async () => {
    const response = await page("/help/hr");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="hr">');
    expect(response.body).toContain("Povrati");
    expect(response.body).toContain("Kako vratiti narudžbu");
    expect(response.body).toContain(`href="/help/hr/articles/${returns.number}-kako-vratiti-narudzbu"`);
    // No Croatian text: the English title, marked as English, at the Croatian address.
    expect(response.body).toContain(
      `<a href="/help/hr/articles/${englishOnly.number}-gift-cards" lang="en">Gift cards</a>`,
    );
    expect(response.body).toMatch(
      /<form class="search" role="search" action="\/help\/hr\/search" method="get">/,
    );
  });

  it("carries canonical, hreflang, description and Open Graph tags, the language switch and the footer", async () => {
    const { body } = await page("/help/en");
    expect(body).toContain(`<link rel="canonical" href="${TEST_ORIGIN}/help/en">`);
    for (const lang of ["en", "ru", "hr", "sk"]) {
      expect(body).toContain(`<link rel="alternate" hreflang="${lang}" href="${TEST_ORIGIN}/help/${lang}">`);
      expect(body).toMatch(new RegExp(`<a href="/help/${lang}" hreflang="${lang}" lang="${lang}"`));
    }
    expect(body).toContain(`<link rel="alternate" hreflang="x-default" href="${TEST_ORIGIN}/help/en">`);
    expect(body).toMatch(/<meta name="description" content="[^"]+">/);
    for (const property of ["og:title", "og:description", "og:url", "og:type", "og:locale", "og:site_name"]) {
      expect(body).toMatch(new RegExp(`<meta property="${property}" content="[^"]+">`));
    }
    expect(body).toContain('href="/help/en/contact"');
    expect(body).toContain('href="/help/en/complaints"');
  });

  it("sends a strict policy allowing exactly its inline brand style, and the security headers", async () => {
    const response = await get("/help/en");
    const policy = String(response.headers["content-security-policy"]);
    const style = /<style>([^<]*)<\/style>/.exec(response.body)![1]!;
    expect(style).toBe(":root{--brand:#2457c5;--on-brand:#ffffff;--link:#2457c5}");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`style-src 'self' ${sha256(style)}`);
    expect(policy).toContain("img-src 'self' https:");
    expect(policy).toContain("frame-src https://www.youtube-nocookie.com https://player.vimeo.com");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toContain("script-src");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("gives a first-time reader the viewer cookie, and keeps its page out of shared caches", async () => {
    const first = await page("/help/en");
    const cookie = first.cookies.find((c) => c.name === "heed_hv")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 31536000 });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.headers["cache-control"]).toBe("private, max-age=60");
    const again = await page("/help/en", { cookie: `heed_hv=${cookie.value}` });
    expect(again.cookies).toEqual([]);
    expect(again.headers["cache-control"]).toBe("public, max-age=60");
  });

  it("escapes every name: a workspace called `Lumen <b>Shop</b>` shows as text", async () => {
    const { body } = await page("/help/en");
    expect(body).toContain("Lumen &lt;b&gt;Shop&lt;/b&gt;");
    expect(body).not.toContain("<b>Shop</b>");
  });
});

describe("GET /help/:lang/categories/:ref", () => {
  it("shows the category and sends a wrong or missing slug to the canonical address", async () => {
    const response = await page(`/help/en/categories/${category.number}-returns`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("<h1>Returns</h1>");
    expect(response.body).toContain("Returns basics");
    expect(response.body).toContain("How to return an order");
    for (const ref of [`${category.number}`, `${category.number}-wrong`]) {
      const moved = await page(`/help/hr/categories/${ref}?x=1`);
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe(`/help/hr/categories/${category.number}-povrati?x=1`);
    }
    // Slovak has no name of its own: the English one, at a Slovak address, hreflang only where it exists.
    const sk = await page(`/help/sk/categories/${category.number}-returns`);
    expect(sk.statusCode).toBe(200);
    expect(sk.body).not.toContain('hreflang="sk" href');
    expect(sk.body).toContain(`hreflang="ru" href="${TEST_ORIGIN}/help/ru/categories/${category.number}-`);
  });
});

describe("GET /help/:lang/articles/:ref", () => {
  it("shows the article with breadcrumbs, date, body, feedback form and related articles", async () => {
    const response = await page(`/help/en/articles/${returns.number}-${returns.slug("en")}`);
    expect(response.statusCode).toBe(200);
    const { body } = response;
    expect(body).toContain("<h1>How to return an order</h1>");
    expect(body).toContain("Pack the <strong>lamp</strong>");
    expect(body).toContain("Updated March 12, 2026");
    expect(body).toContain(`<a href="/help/en/categories/${category.number}-returns">Returns</a>`);
    expect(body).toContain("Was this article helpful?");
    expect(body).toContain(`action="/help/en/articles/${returns.number}-how-to-return-an-order/vote"`);
    expect(body).toContain('name="helpful" value="yes"');
    expect(body).toContain("Related articles");
    expect(body).toContain(`/help/en/articles/${exchanges.number}-exchanging-a-lamp`);
    expect(body).toContain('<meta property="og:type" content="article">');
    expect(body).toContain(
      '<meta name="description" content="Pack the lamp and send it back within 30 days.',
    );
    // hreflang for the languages it is published in, not the Slovak draft of another article.
    expect(body).toContain(`hreflang="ru" href="${TEST_ORIGIN}/help/ru/articles/${returns.number}-`);
    expect(body).not.toContain('hreflang="sk" href');
    expect(body).not.toMatch(/<script/);
  });

  it("sends a wrong or missing slug to the canonical address, keeping the query", async () => {
    const search = randomUUID();
    const moved = await page(`/help/hr/articles/${returns.number}-how-to-return-an-order?s=${search}`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(
      `/help/hr/articles/${returns.number}-kako-vratiti-narudzbu?s=${search}`,
    );
    expect((await page(`/help/en/articles/${returns.number}`)).headers.location).toBe(
      `/help/en/articles/${returns.number}-how-to-return-an-order`,
    );
  });

  it("shows the default language's version with a notice when the page's language has none", async () => {
    const response = await page(`/help/hr/articles/${englishOnly.number}-gift-cards`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Ovaj članak još nije dostupan na hrvatskom jeziku.");
    expect(response.body).toContain('<h1 lang="en">Gift cards</h1>');
    expect(response.body).toContain(
      `<link rel="canonical" href="${TEST_ORIGIN}/help/en/articles/${englishOnly.number}-gift-cards">`,
    );
    // The Slovak draft of another article is not published: English shows, with the notice in Slovak.
    const sk = await page(`/help/sk/articles/${exchanges.number}-exchanging-a-lamp`);
    expect(sk.body).toContain("Tento článok zatiaľ nie je dostupný v slovenčine.");
    expect(sk.body).not.toContain("Výmena je zadarmo");
  });

  it("answers internal, unpublished, deleted and other workspaces' articles with the same 404 page", async () => {
    const internal = await buildArticle(
      main.id,
      { en: { title: "Refund override codes", body: "Secret." } },
      { visibility: "internal" },
    );
    const draft = await buildArticle(main.id, {
      en: { title: "Draft only", body: "Not yet.", isDraft: true },
    });
    const deleted = await buildArticle(
      main.id,
      { en: { title: "Old policy", body: "Gone." } },
      { isDeleted: true },
    );
    const theirs = await buildArticle(other.id, { en: { title: "Their article", body: "Theirs." } });
    const notFound = (await get("/help/en/articles/999999-nothing")).body;
    for (const article of [internal, draft, deleted]) {
      const response = await get(`/help/en/articles/${article.number}-${article.slug("en")}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(notFound);
    }
    // The other workspace's article, asked for on this workspace's host: not found (numbers are per workspace).
    const number = theirs.number + 1000;
    await t.ctx.db.query("UPDATE help_articles SET number = $2 WHERE id = $1", [theirs.id, number]);
    expect((await page(`/help/en/articles/${number}-their-article`)).statusCode).toBe(404);
    // On its own host it is there, and this workspace's articles are not.
    const there = await page(`/help/en/articles/${number}-their-article`, otherHost());
    expect(there.statusCode).toBe(200);
    expect(there.body).toContain("Second shop");
    expect(there.body).toContain(
      `<link rel="canonical" href="http://${other.host}/help/en/articles/${number}-their-article">`,
    );
    const ours = await page(`/help/en/articles/${englishOnly.number}-gift-cards`, otherHost());
    expect(ours.statusCode).toBe(404);
  });

  it("escapes titles: `<script>` in a title shows as text", async () => {
    const article = await buildArticle(main.id, {
      en: {
        title: `<script>alert("x")</script> & "quotes"`,
        body: "<img src=x onerror=alert(1)> text",
        slug: "script",
      },
    });
    const { body } = await page(`/help/en/articles/${article.number}-script`);
    expect(body).toContain(
      "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>",
    );
    expect(body).toContain("<title>&lt;script&gt;");
    expect(body).not.toMatch(/<script|<img src=x/);
  });

  it("keeps a long starter article with its stylesheet within 30 KB and free of JavaScript", async () => {
    const { workspace } = await buildWorkspace(t.ctx);
    await ensureHelpCenter(t.ctx.db, workspace.id);
    const host = `starter-${randomUUID().slice(0, 6)}.example`;
    await t.ctx.db.query("UPDATE help_centers SET host = $2 WHERE workspace_id = $1", [workspace.id, host]);
    const sizes: Record<string, number> = {};
    for (const lang of ["en", "ru", "hr", "sk"]) {
      const [longest] = await t.ctx.db.query<{ number: number; slug: string }>(
        `SELECT a.number, t.slug FROM help_articles a JOIN help_article_translations t ON t.article_id = a.id
          WHERE a.workspace_id = $1 AND t.lang = $2 AND t.title IS NOT NULL
          ORDER BY octet_length(t.body_html) DESC LIMIT 1`,
        [workspace.id, lang],
      );
      const response = await get(`/help/${lang}/articles/${longest!.number}-${longest!.slug}`, { host });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/<script/i);
      sizes[lang] = Buffer.byteLength(response.body) + Buffer.byteLength(HELP_CSS);
    }
    console.info("article page + CSS bytes (longest starter article per language):", sizes);
    for (const size of Object.values(sizes)) expect(size).toBeLessThanOrEqual(30 * 1024);
  });
});

describe("GET /help/help.css, /help/images/:id, /help/sitemap.xml", () => {
  it("serves the stylesheet at the versioned address the pages use, cached for a year", async () => {
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec((await page("/help/en")).body)![1]!;
    const css = await get(href);
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect(css.headers["cache-control"]).toContain("max-age=31536000");
    expect(css.body).toBe(HELP_CSS);
  });

  it("serves an uploaded image inline with nosniff and a long cache; an unknown id is 404", async () => {
    const bytes = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const sha = createHash("sha256").update(bytes).digest("hex");
    await insertBlob(t.ctx.db, sha, bytes);
    const id = randomUUID();
    await t.ctx.db.query(
      `INSERT INTO help_images (id, workspace_id, sha256, file_name, content_type, size)
       VALUES ($1, $2, $3, 'lámpa.png', 'image/png', $4)`,
      [id, main.id, sha, bytes.length],
    );
    const image = await get(`/help/images/${id}`);
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.equals(bytes)).toBe(true);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.headers["x-content-type-options"]).toBe("nosniff");
    expect(image.headers["content-disposition"]).toBe(
      `inline; filename="l_mpa.png"; filename*=UTF-8''l%C3%A1mpa.png`,
    );
    expect(image.headers["cache-control"]).toContain("max-age=31536000");
    expect((await get(`/help/images/${randomUUID()}`)).statusCode).toBe(404);
    expect((await get("/help/images/not-an-id")).statusCode).toBe(404);
  });

  it("lists every public published article and category in every language with hreflang alternates", async () => {
    const response = await get("/help/sitemap.xml");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = response.body;
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const hr = `${TEST_ORIGIN}/help/hr/articles/${returns.number}-kako-vratiti-narudzbu`;
    expect(xml).toContain(`<loc>${hr}</loc>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="hr" href="${hr}"/>`);
    expect(xml).toContain(`<loc>${TEST_ORIGIN}/help/ru/categories/${category.number}-`);
    expect(xml).toContain(`<loc>${TEST_ORIGIN}/help/en/articles/${englishOnly.number}-gift-cards</loc>`);
    expect(xml).not.toContain(`/help/sk/articles/${exchanges.number}-`);
    expect(xml).not.toMatch(/refund-override|draft-only|old-policy|their-article/);
  });
});

describe("GET /robots.txt", () => {
  it("lets crawlers into the help center only, and names its sitemap", async () => {
    const response = await get("/robots.txt");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(response.body.split("\n")).toEqual([
      "User-agent: *",
      "Allow: /help/",
      "Disallow: /",
      `Sitemap: ${TEST_ORIGIN}/help/sitemap.xml`,
      "",
    ]);
  });
});

describe("GET /help/:lang/contact and /help/:lang/complaints", () => {
  it("lists the email addresses and the chat with its no-JavaScript fallback; the chat page may run the widget", async () => {
    const email = await buildInbox(t.ctx, {
      workspaceId: other.id,
      address: `help-${randomUUID().slice(0, 6)}@second.example`,
    });
    const chat = await buildInbox(t.ctx, { workspaceId: other.id, channel: "chat" });
    const plain = await page("/help/en/contact", otherHost());
    expect(plain.body).toContain(`<a href="mailto:${email.address}">${email.address}</a>`);
    expect(plain.body).not.toContain("widget.js");
    expect(plain.headers["content-security-policy"]).not.toContain("script-src");
    expect(plain.body).toContain('href="/help/en/complaints"');

    await t.ctx.db.query("UPDATE help_centers SET chat_inbox_id = $2 WHERE workspace_id = $1", [
      other.id,
      chat.id,
    ]);
    const withChat = await page("/help/hr/contact", otherHost());
    expect(withChat.statusCode).toBe(200);
    expect(withChat.body).toContain(
      `<script src="/widget.js" data-key="${chat.widget_key}" data-lang="hr" async></script>`,
    );
    expect(withChat.body).toContain('<div class="no-js"><p>Za chat je potreban JavaScript');
    expect(withChat.body).toContain(`mailto:${email.address}`);
    // No reply data yet: no promise about the reply time.
    expect(withChat.body).not.toContain("Obično odgovaramo");
    const policy = String(withChat.headers["content-security-policy"]);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
  });

  it("shows office hours from the chat inbox's calendar: open now, or when the team is back", async () => {
    const chat = await buildInbox(t.ctx, { workspaceId: main.id, channel: "chat" });
    const calendarId = newId();
    // Open every day but today (in UTC): closed now, back tomorrow.
    const today = ((new Date().getUTCDay() + 6) % 7) + 1;
    const intervals = [1, 2, 3, 4, 5, 6, 7]
      .filter((d) => d !== today)
      .map((day) => ({ day, start: "00:00", end: "24:00" }));
    await t.ctx.db.query(
      `INSERT INTO calendars (id, workspace_id, name, time_zone, intervals) VALUES ($1, $2, 'Office', 'UTC', $3::jsonb)`,
      [calendarId, main.id, JSON.stringify(intervals)],
    );
    await t.ctx.db.query("UPDATE inboxes SET calendar_id = $2 WHERE id = $1", [chat.id, calendarId]);
    await t.ctx.db.query("UPDATE help_centers SET chat_inbox_id = $2 WHERE workspace_id = $1", [
      main.id,
      chat.id,
    ]);
    const { body } = await page("/help/en/contact");
    expect(body).toContain("Office hours");
    expect(body).toMatch(/We&#39;re closed right now and back \w+ 00:00\./);
    expect(body).toContain("00:00–24:00");
    await t.ctx.db.query("UPDATE help_centers SET chat_inbox_id = NULL WHERE workspace_id = $1", [main.id]);
  });

  it("shows the complaint procedure in the page's language", async () => {
    await t.ctx.db.query(
      `INSERT INTO help_pages (workspace_id, kind, lang, title, body, body_html)
       VALUES ($1, 'complaints', 'ru', 'Как подать жалобу', 'Напишите нам.', '<p>Напишите нам.</p>')`,
      [main.id],
    );
    const response = await page("/help/ru/complaints");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("<h1>Как подать жалобу</h1>");
    expect(response.body).toContain("<p>Напишите нам.</p>");
  });
});

describe("a help center without any workspace", () => {
  it("answers a plain 404 page", async () => {
    const empty = await createTestApp();
    try {
      const response = await empty.app.inject({ method: "GET", url: "/help/en" });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain("<h1>Not found</h1>");
      expect((await empty.app.inject({ method: "GET", url: "/help" })).statusCode).toBe(404);
    } finally {
      await empty.close();
    }
  });
});
