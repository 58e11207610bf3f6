import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { pickLanguage } from "../../help-center/languages.js";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { registerHelpArticleRoutes } from "./help-public-articles.js";
import { registerHelpAssetRoutes } from "./help-public-assets.js";
import { registerHelpBrowseRoutes } from "./help-public-browse.js";
import { registerHelpContactRoutes } from "./help-public-contact.js";
import { helpBaseUrl, loadHelpSite, sendHelpMessage, setSecurityHeaders } from "./help-public-http.js";

/** Forms of the help center (the vote) come url-encoded; nothing else in Heed reads that format. */
const FORM_LIMIT = 16 * 1024;

/**
 * The public help center under /help: server-rendered pages that work without JavaScript, for the
 * workspace its Host names (else the install's oldest). No sign-in; readers are counted by a random
 * first-party cookie. Everything inside has its own 404 page, so the web app's catch-all never answers.
 */
export async function registerHelpPublicRoutes(app: ApiApp, ctx: AppContext): Promise<void> {
  // Crawlers: the help center and its sitemap, nothing of the agent app or the API.
  app.get("/robots.txt", { schema: { hide: true } }, async (request, reply) => {
    const site = await loadHelpSite(ctx, request);
    const lines = ["User-agent: *", "Allow: /help/", "Disallow: /"];
    if (site) lines.push(`Sitemap: ${helpBaseUrl(ctx, site)}/help/sitemap.xml`);
    return setSecurityHeaders(reply)
      .type("text/plain; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(`${lines.join("\n")}\n`);
  });

  await app.register(
    async (scope) => {
      const help = scope.withTypeProvider<ZodTypeProvider>();
      help.addContentTypeParser(
        "application/x-www-form-urlencoded",
        { parseAs: "string", bodyLimit: FORM_LIMIT },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );

      // GET /help → the reader's language (Accept-Language), else the workspace's default.
      help.get("/", { schema: { hide: true } }, async (request, reply) => {
        const site = await loadHelpSite(ctx, request);
        if (!site) return sendHelpMessage(ctx, reply, undefined, undefined);
        const lang = pickLanguage(request.headers["accept-language"], site.defaultLanguage);
        return setSecurityHeaders(reply)
          .header("vary", "accept-language")
          .header("cache-control", "private, max-age=0")
          .redirect(`/help/${lang}`, 302);
      });

      registerHelpAssetRoutes(help, ctx);
      registerHelpBrowseRoutes(help, ctx);
      registerHelpArticleRoutes(help, ctx);
      registerHelpContactRoutes(help, ctx);

      // Anything else under /help: the help center's own 404 (an address with a trailing slash is
      // sent to the one without).
      help.all("/*", { schema: { hide: true } }, async (request, reply) => {
        const [path = "", query = ""] = request.url.split(/\?(.*)/s);
        if (request.method === "GET" && path.length > 6 && path.endsWith("/") && !path.endsWith("//")) {
          return reply.redirect(path.replace(/\/+$/, "") + (query ? `?${query}` : ""), 301);
        }
        const site = await loadHelpSite(ctx, request);
        const lang = /^\/help\/(en|ru|hr|sk)(\/|$)/.exec(path)?.[1] as "en" | "ru" | "hr" | "sk" | undefined;
        return sendHelpMessage(ctx, reply, site, lang);
      });
    },
    { prefix: "/help" },
  );
}
