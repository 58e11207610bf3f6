import { z } from "zod";
import { renderSitemap } from "../../help-center/sitemap.js";
import { HELP_CSS } from "../../help-center/styles.js";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { isUuid } from "../lib/ids.js";
import { findHelpImageContent, findHelpSitemapEntries } from "../models/help-public.js";
import { helpBaseUrl, loadHelpSite, sendHelpMessage, setSecurityHeaders } from "./help-public-http.js";

export const ZHelpImageParams = z.object({ id: z.string() });

/** Types a browser may show inline; anything else (there should be none) is only ever downloaded. */
const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A file name for Content-Disposition: an ASCII fallback and the exact name (RFC 5987). */
function dispositionName(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The help center's static parts: `GET /help/help.css` (its address carries the stylesheet's hash, so it
 * is cached for a year), `GET /help/images/:id` (uploaded images, public by their random id) and
 * `GET /help/sitemap.xml` (every public article and category in every language, with hreflang links).
 */
export function registerHelpAssetRoutes(app: ApiApp, ctx: AppContext): void {
  app.get("/help.css", { schema: { hide: true } }, async (_request, reply) =>
    setSecurityHeaders(reply)
      .type("text/css; charset=utf-8")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(HELP_CSS),
  );

  app.get("/images/:id", { schema: { hide: true, params: ZHelpImageParams } }, async (request, reply) => {
    const image = isUuid(request.params.id)
      ? await findHelpImageContent(ctx.db, request.params.id)
      : undefined;
    if (!image) return sendHelpMessage(ctx, reply, undefined, undefined);
    const isRaster = RASTER_TYPES.has(image.contentType);
    return setSecurityHeaders(reply)
      .type(isRaster ? image.contentType : "application/octet-stream")
      .header(
        "content-disposition",
        `${isRaster ? "inline" : "attachment"}; ${dispositionName(image.fileName)}`,
      )
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(image.content);
  });

  app.get("/sitemap.xml", { schema: { hide: true } }, async (request, reply) => {
    const site = await loadHelpSite(ctx, request);
    if (!site) return sendHelpMessage(ctx, reply, undefined, undefined);
    const entries = await findHelpSitemapEntries(ctx.db, site.workspaceId);
    return setSecurityHeaders(reply)
      .type("application/xml; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(renderSitemap(helpBaseUrl(ctx, site), site.defaultLanguage, entries));
  });
}
