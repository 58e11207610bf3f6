import type { HelpSite } from "../server/models/help-public.js";
import { brandStyle } from "./brand.js";
import type { HelpTexts } from "./help-text.js";
import { html, raw, type SafeHtml } from "./html.js";
import { helpLanguages, languageAutonyms, ogLocales, type HelpLang } from "./languages.js";
import { HELP_CSS_VERSION } from "./styles.js";

/** What every page of one request knows: the help center, the page's language and texts, the base URL. */
export interface HelpShell {
  site: HelpSite;
  lang: HelpLang;
  t: HelpTexts;
  /** Absolute origin the help center is reached at, e.g. https://help.shop.example (no trailing slash). */
  baseUrl: string;
}

export interface HelpPageMeta {
  /** The page's own title; the help center's name is added after it (except on the home page). */
  title: string;
  description: string;
  /** The canonical path, e.g. /help/en/articles/12-returns. */
  path: string;
  /** The languages the page exists in, each with its path (hreflang links). */
  alternates: { lang: HelpLang; path: string }[];
  /** The path for x-default; the first alternate when absent. */
  defaultPath?: string;
  /** Where the language switch leads for each language: the same page in that language. */
  switchPaths: Record<HelpLang, string>;
  ogType?: "website" | "article";
  isIndexable?: boolean;
  isHome?: boolean;
  /** False on pages with a search box of their own (search results). */
  hasHeaderSearch?: boolean;
  /** Extra elements at the end of <body> (the chat widget's script on the contact page). */
  bodyEnd?: SafeHtml;
}

/** A complete page and the inline style hashes its Content-Security-Policy must allow. */
export interface HelpDocument {
  html: string;
  styleHashes: string[];
}

export const helpPath = (lang: HelpLang, rest = ""): string => `/help/${lang}${rest}`;
export const articlePath = (lang: HelpLang, number: number, slug: string): string =>
  `/help/${lang}/articles/${number}-${slug}`;
export const categoryPath = (lang: HelpLang, number: number, slug: string): string =>
  `/help/${lang}/categories/${number}-${slug}`;

/** The same path in every language (pages whose address does not depend on the language's text). */
export const everyLanguage = (rest: string): Record<HelpLang, string> =>
  Object.fromEntries(helpLanguages.map((l) => [l, helpPath(l, rest)])) as Record<HelpLang, string>;

/** The search form: in the header of inner pages, large on the home page. */
export function searchForm(shell: HelpShell, id: string, query = ""): SafeHtml {
  const { t, lang } = shell;
  return html`<form class="search" role="search" action="${helpPath(lang, "/search")}" method="get">
    <label class="vh" for="${id}">${t("search.label")}</label
    ><input
      id="${id}"
      type="search"
      name="q"
      value="${query}"
      maxlength="200"
      placeholder="${t("search.placeholder")}"
      autocomplete="off"
    /><button type="submit">${t("search.button")}</button>
  </form>`;
}

/**
 * Wraps a page's content in the document every page shares: language, canonical and hreflang links,
 * description and Open Graph tags, the brand colour, header with logo and language switch, footer.
 */
export function renderDocument(
  shell: HelpShell,
  meta: HelpPageMeta,
  main: SafeHtml,
  hero?: SafeHtml,
): HelpDocument {
  const { site, lang, t, baseUrl } = shell;
  const brand = brandStyle(site.primaryColor);
  const title = meta.isHome ? `${site.title} – ${t("site.home")}` : `${meta.title} – ${site.title}`;
  const url = baseUrl + meta.path;
  const description = shorten(meta.description, 200);
  const alternates = meta.alternates.map(
    (a) => html`<link rel="alternate" hreflang="${a.lang}" href="${baseUrl + a.path}" />`,
  );
  const defaultPath = meta.defaultPath ?? meta.alternates[0]?.path;
  // Built outside the template so its text is exactly what the policy's hash allows.
  const styleElement = raw(`<style>${brand.css}</style>`);
  const logo = site.logoImageId ? `/help/images/${site.logoImageId}` : null;
  const page = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <meta name="description" content="${description}" />
        ${meta.isIndexable === false ? html`<meta name="robots" content="noindex" />` : ""}
        <link rel="canonical" href="${url}" />
        ${alternates}
        ${defaultPath ? html`<link rel="alternate" hreflang="x-default" href="${baseUrl + defaultPath}" />` : ""}
        <meta property="og:title" content="${meta.isHome ? site.title : meta.title}" />
        <meta property="og:description" content="${description}" />
        <meta property="og:url" content="${url}" />
        <meta property="og:type" content="${meta.ogType ?? "website"}" />
        <meta property="og:locale" content="${ogLocales[lang]}" />
        <meta property="og:site_name" content="${site.title}" />
        ${logo ? html`<meta property="og:image" content="${baseUrl + logo}" /><link rel="icon" href="${logo}" />` : ""}
        <link rel="stylesheet" href="/help/help.css?v=${HELP_CSS_VERSION}" />
        ${styleElement}
      </head>
      <body>
        <a class="skip" href="#main">${t("site.skip")}</a>
        <header class="top">
          <div class="wrap bar">
            <a class="brand" href="${helpPath(lang)}"
              >${logo ? html`<img src="${logo}" alt="" width="36" height="36" />` : ""}<span
                >${site.title} <span class="sub">${t("site.home")}</span></span
              ></a
            >
            <nav class="langs" aria-label="${t("site.languages")}">
              <ul>
                ${helpLanguages.map(
                  (l) =>
                    html`<li>
                      <a
                        href="${meta.switchPaths[l]}"
                        hreflang="${l}"
                        lang="${l}"
                        ${l === lang ? html` aria-current="true"` : ""}
                        >${languageAutonyms[l]}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </div>
          ${
            meta.isHome || meta.hasHeaderSearch === false
              ? ""
              : html`<div class="wrap find">${searchForm(shell, "q-top")}</div>`
          }
          ${hero ?? ""}
        </header>
        <main id="main" class="wrap">${main}</main>
        <footer>
          <div class="wrap">
            <p>${t("site.footer")}</p>
            <a href="${helpPath(lang, "/contact")}">${t("site.contact")}</a
            ><a href="${helpPath(lang, "/complaints")}">${t("site.complaints")}</a>
          </div>
        </footer>
        ${meta.bodyEnd ?? ""}
      </body>
    </html> `;
  return { html: page.value, styleHashes: [brand.hash] };
}

/** Text on one line, cut at a word boundary with "…" when longer than `max` characters. */
export function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** A date in the page's language and the workspace's time zone: "12 March 2026". */
export function formatDate(lang: HelpLang, date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(date);
  }
}
