import type { HelpCategoryTree } from "../server/models/help-public.js";
import type { HelpSearchResult } from "../server/search/help-search.js";
import { html, raw, type SafeHtml } from "./html.js";
import { helpLanguages, type HelpLang } from "./languages.js";
import {
  articlePath,
  categoryPath,
  everyLanguage,
  helpPath,
  renderDocument,
  searchForm,
  type HelpDocument,
  type HelpShell,
} from "./layout.js";

/** How many article titles a section shows on the home page before "See all". */
const HOME_ARTICLES_PER_SECTION = 5;

const articleLink = (shell: HelpShell, a: { number: number; title: string; slug: string; lang: HelpLang }) =>
  html`<li>
    <a
      href="${articlePath(shell.lang, a.number, a.slug)}"
      ${a.lang === shell.lang ? "" : html` lang="${a.lang}"`}
      >${a.title}</a
    >
  </li>`;

/** The home page: a large search box, then every category with its sections and article titles. */
export function renderHomePage(shell: HelpShell, categories: HelpCategoryTree[]): HelpDocument {
  const { t, lang, site } = shell;
  const shown = categories.filter((c) => c.articleCount > 0);
  const hero = html`<div class="wrap hero">
    <h1>${t("home.title")}</h1>
    ${searchForm(shell, "q-home")}
  </div>`;
  const cards = shown.map((category) => {
    const path = categoryPath(lang, category.number, category.slug);
    let left = HOME_ARTICLES_PER_SECTION * 2;
    const sections = category.sections.map((section) => {
      const articles = section.articles.slice(0, Math.max(0, Math.min(left, HOME_ARTICLES_PER_SECTION)));
      left -= articles.length;
      if (articles.length === 0) return "";
      return html`<h3>${section.name}</h3>
        <ul class="list">
          ${articles.map((a) => articleLink(shell, a))}
        </ul>`;
    });
    const isCut =
      category.sections.some((s) => s.articles.length > HOME_ARTICLES_PER_SECTION) ||
      category.articleCount > HOME_ARTICLES_PER_SECTION * 2;
    return html`<section class="card" aria-labelledby="c${category.number}">
      <h2 id="c${category.number}">
        <a href="${path}" ${category.lang === lang ? "" : html` lang="${category.lang}"`}>${category.name}</a>
      </h2>
      ${category.description ? html`<p class="muted">${category.description}</p>` : ""} ${sections}
      ${isCut ? html`<a class="more" href="${path}">${t("home.all", { count: category.articleCount })}</a>` : ""}
    </section>`;
  });
  const main = shown.length
    ? html`<h2 class="vh">${t("home.categories")}</h2>
        <div class="grid">${cards}</div>`
    : html`<p class="lead">${t("home.empty")}</p>`;
  return renderDocument(
    shell,
    {
      title: t("site.home"),
      description: t("home.description", { name: site.title }),
      path: helpPath(lang),
      alternates: helpLanguages.map((l) => ({ lang: l, path: helpPath(l) })),
      defaultPath: helpPath(site.defaultLanguage),
      switchPaths: everyLanguage(""),
      isHome: true,
    },
    main,
    hero,
  );
}

/** A category's slug in a language: its own there, else the one of the name shown. */
export const categorySlug = (category: HelpCategoryTree, lang: HelpLang): string =>
  category.translations.find((tr) => tr.lang === lang)?.slug ?? category.slug;

/** One category: its description, then each section with all its articles. */
export function renderCategoryPage(shell: HelpShell, category: HelpCategoryTree): HelpDocument {
  const { t, lang, site } = shell;
  const pathIn = (l: HelpLang) => categoryPath(l, category.number, categorySlug(category, l));
  const main = html`<nav class="crumbs" aria-label="${t("breadcrumbs.label")}"><ol><li><a href="${helpPath(lang)}">${t("site.home")}</a></li><li aria-current="page">${category.name}</li></ol></nav>
<h1${category.lang === lang ? "" : html` lang="${category.lang}"`}>${category.name}</h1>
${category.description ? html`<p class="lead">${category.description}</p>` : ""}
${
  category.articleCount === 0
    ? html`<p>${t("category.empty")}</p>`
    : category.sections.map(
        (section) =>
          html`<section>
            <h2>${section.name}</h2>
            <ul class="list">
              ${section.articles.map((a) => articleLink(shell, a))}
            </ul>
          </section>`,
      )
}`;
  const langs = category.translations.map((tr) => tr.lang);
  return renderDocument(
    shell,
    {
      title: category.name,
      description:
        category.description || t("category.description", { category: category.name, name: site.title }),
      path: pathIn(lang),
      alternates: langs.map((l) => ({ lang: l, path: pathIn(l) })),
      defaultPath: pathIn(langs.includes(site.defaultLanguage) ? site.defaultLanguage : langs[0]!),
      switchPaths: Object.fromEntries(helpLanguages.map((l) => [l, pathIn(l)])) as Record<HelpLang, string>,
    },
    main,
  );
}

/** The search page: the form, then results with highlighted titles and snippets, or a friendly "nothing". */
export function renderSearchPage(
  shell: HelpShell,
  query: string,
  results: HelpSearchResult[] | null,
  searchId: string | null,
): HelpDocument {
  const { t, lang, site } = shell;
  const suffix = searchId ? `?s=${searchId}` : "";
  let body: SafeHtml;
  if (results === null) {
    body = html`<p class="lead">${t("search.empty")}</p>`;
  } else if (results.length === 0) {
    body = html`<h2>${t("search.none", { query })}</h2>
      <p>${t("search.noneHint")} <a href="${helpPath(lang, "/contact")}">${t("search.noneContact")}</a>.</p>`;
  } else {
    body = html`<h2>${t("search.resultsFor", { query })}</h2>
      <p class="muted" role="status">${t("search.count", { count: results.length })}</p>
      <ol class="results">
        ${results.map(
          (r) =>
            html`<li>
              <a
                href="${articlePath(r.lang, r.number, r.slug) + suffix}"
                ${r.lang === lang ? "" : html` lang="${r.lang}"`}
                >${raw(r.titleHtml)}</a
              >${r.snippetHtml ? html`<p>${raw(r.snippetHtml)}</p>` : ""}
            </li>`,
        )}
      </ol>
      <div class="help-box">
        <strong>${t("article.stillNeedHelp")}</strong>
        <a href="${helpPath(lang, "/contact")}">${t("site.contact")}</a>
      </div>`;
  }
  const main = html`<h1>${t("search.title")}</h1>
    ${searchForm(shell, "q-page", query)}${body}`;
  return renderDocument(
    shell,
    {
      title: query ? `${t("search.title")}: ${query}` : t("search.title"),
      description: t("search.description", { name: site.title }),
      path: helpPath(lang, "/search"),
      alternates: helpLanguages.map((l) => ({ lang: l, path: helpPath(l, "/search") })),
      switchPaths: Object.fromEntries(
        helpLanguages.map((l) => [
          l,
          helpPath(l, "/search") + (query ? `?q=${encodeURIComponent(query)}` : ""),
        ]),
      ) as Record<HelpLang, string>,
      isIndexable: false,
      hasHeaderSearch: false,
    },
    main,
  );
}

/**
 * A page that only says something: not found (404), too many requests (429), not allowed (403). The same
 * page for every missing thing, so a reader cannot tell an internal article from a missing one.
 */
export function renderMessagePage(
  shell: HelpShell,
  kind: "notFound" | "tooMany" | "forbidden",
): HelpDocument {
  const { t, lang } = shell;
  const main = html`<h1>${t(`${kind}.title`)}</h1>
    <p class="lead">${t(`${kind}.text`)}</p>
    <p><a href="${helpPath(lang)}">${t("notFound.home")}</a></p>`;
  return renderDocument(
    shell,
    {
      title: t(`${kind}.title`),
      description: t(`${kind}.text`),
      path: helpPath(lang),
      alternates: [],
      switchPaths: everyLanguage(""),
      isIndexable: false,
    },
    main,
  );
}
