import type { HelpSitemapEntry } from "../server/models/help-public.js";
import { escapeHtml } from "./html.js";
import { helpLanguages, type HelpLang } from "./languages.js";
import { articlePath, categoryPath, helpPath } from "./layout.js";

const url = (
  loc: string,
  alternates: { lang: HelpLang; href: string }[],
  defaultHref: string,
  lastmod?: Date | null,
) =>
  `<url><loc>${escapeHtml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ""}${alternates
    .map((a) => `<xhtml:link rel="alternate" hreflang="${a.lang}" href="${escapeHtml(a.href)}"/>`)
    .join("")}<xhtml:link rel="alternate" hreflang="x-default" href="${escapeHtml(defaultHref)}"/></url>`;

/**
 * The sitemap: the home page, every category with public articles and every public published article,
 * once per language it exists in, each with its hreflang alternates (absolute URLs from `baseUrl`).
 */
export function renderSitemap(
  baseUrl: string,
  defaultLanguage: HelpLang,
  entries: HelpSitemapEntry[],
): string {
  const urls: string[] = [];
  const homes = helpLanguages.map((lang) => ({ lang, href: baseUrl + helpPath(lang) }));
  for (const home of homes) urls.push(url(home.href, homes, baseUrl + helpPath(defaultLanguage)));
  for (const entry of entries) {
    const pathOf = entry.kind === "article" ? articlePath : categoryPath;
    const alternates = entry.translations.map((tr) => ({
      lang: tr.lang,
      href: baseUrl + pathOf(tr.lang, entry.number, tr.slug),
    }));
    const defaultHref = (alternates.find((a) => a.lang === defaultLanguage) ?? alternates[0]!).href;
    entry.translations.forEach((tr, i) =>
      urls.push(url(alternates[i]!.href, alternates, defaultHref, tr.updatedAt)),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join("\n")}
</urlset>
`;
}
