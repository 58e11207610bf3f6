import type { HelpArticleLink, HelpArticlePage } from "../server/models/help-public.js";
import { html, raw } from "./html.js";
import { helpLanguages, languageName, type HelpLang } from "./languages.js";
import {
  articlePath,
  categoryPath,
  formatDate,
  helpPath,
  renderDocument,
  type HelpDocument,
  type HelpShell,
} from "./layout.js";

/** An article's slug in a language: its own there, else the one of the version shown instead. */
export const articleSlug = (article: HelpArticlePage, lang: HelpLang): string =>
  article.translations.find((tr) => tr.lang === lang)?.slug ?? article.shown.slug;

/**
 * An article: breadcrumbs, title, date, the notice when it is shown in another language, its body,
 * "Was this helpful?" (a plain form: yes/no buttons and an optional comment) and related articles.
 */
export function renderArticlePage(
  shell: HelpShell,
  article: HelpArticlePage,
  related: HelpArticleLink[],
  options: { hasVoted: boolean },
): HelpDocument {
  const { t, lang, site } = shell;
  const { shown } = article;
  const isFallback = shown.lang !== lang;
  const pathIn = (l: HelpLang) => articlePath(l, article.number, articleSlug(article, l));
  const contentLang = isFallback ? html` lang="${shown.lang}"` : "";
  const voteAction = `${pathIn(lang)}/vote`;

  const crumbs = html`<nav class="crumbs" aria-label="${t("breadcrumbs.label")}">
    <ol>
      <li><a href="${helpPath(lang)}">${t("site.home")}</a></li>
      ${article.category ? html`<li><a href="${categoryPath(lang, article.category.number, article.category.slug)}">${article.category.name}</a></li>` : ""}
      ${article.section ? html`<li>${article.section.name}</li>` : ""}
    </ol>
  </nav>`;

  const feedback = html`<section class="feedback" id="feedback" aria-labelledby="feedback-title">
    ${
      options.hasVoted
        ? html`<p class="thanks" role="status">${t("article.helpfulThanks")}</p>
            <p class="muted">${t("article.helpfulChange")}</p>`
        : ""
    }
    <h2 id="feedback-title">${t("article.helpful")}</h2>
    <form method="post" action="${voteAction}">
      <label for="comment">${t("article.helpfulComment")}</label>
      <textarea
        id="comment"
        name="comment"
        rows="2"
        maxlength="1000"
        aria-describedby="comment-note"
      ></textarea>
      <p class="muted" id="comment-note">${t("article.helpfulPrivacy")}</p>
      <div class="buttons">
        <button class="btn" type="submit" name="helpful" value="yes">${t("article.helpfulYes")}</button
        ><button class="btn alt" type="submit" name="helpful" value="no">${t("article.helpfulNo")}</button>
      </div>
    </form>
  </section>`;

  const main = html`<div class="layout"><article>
${crumbs}
<h1${contentLang}>${shown.title}</h1>
<p class="muted">${t("article.updated", { date: formatDate(lang, shown.publishedAt, site.timeZone) })}</p>
${
  isFallback
    ? html`<div class="notice" role="note">
        <p>
          <strong>${t("article.notTranslated")}</strong>
          ${t("article.shownIn", { language: languageName(shown.lang, lang) })}
        </p>
      </div>`
    : ""
}
<div class="prose"${contentLang}>${raw(shown.bodyHtml)}</div>
${feedback}
</article>
<aside class="side">
${
  related.length
    ? html`<h2>${t("article.related")}</h2>
        <ul class="list">
          ${related.map(
            (a) =>
              html`<li>
                <a
                  href="${articlePath(lang, a.number, a.slug)}"
                  ${a.lang === lang ? "" : html` lang="${a.lang}"`}
                  >${a.title}</a
                >
              </li>`,
          )}
        </ul>`
    : ""
}
<div class="help-box"><strong>${t("article.stillNeedHelp")}</strong><br><a href="${helpPath(lang, "/contact")}">${t("site.contact")}</a></div>
</aside></div>`;

  const published = article.translations.map((tr) => tr.lang);
  return renderDocument(
    shell,
    {
      title: shown.title,
      description: shown.description || shown.excerpt,
      // A language without its own text points search engines to the version it shows.
      path: isFallback ? pathIn(shown.lang) : pathIn(lang),
      alternates: published.map((l) => ({ lang: l, path: pathIn(l) })),
      defaultPath: pathIn(published.includes(site.defaultLanguage) ? site.defaultLanguage : shown.lang),
      switchPaths: Object.fromEntries(helpLanguages.map((l) => [l, pathIn(l)])) as Record<HelpLang, string>,
      ogType: "article",
    },
    main,
  );
}
