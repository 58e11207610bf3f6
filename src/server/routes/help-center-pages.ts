import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { saveHelpPage } from "../commands/save-help-page.js";
import { MAX_HELP_IMAGE_BYTES, uploadHelpImage } from "../commands/upload-help-image.js";
import { invalid } from "../lib/errors.js";
import { findHelpPages } from "../models/help-pages.js";
import { actorOf } from "../plugins/auth.js";
import {
  presentHelpImage,
  presentHelpPage,
  ZHelpImage,
  ZHelpLanguage,
  ZHelpPage,
} from "../presenters/help-center-presenter.js";
import { helpCenterScope } from "./help-center.js";
import { ZErrorResponses } from "./schemas.js";

/** PUT /help-center/pages/:kind/:lang (owners and admins). */
export const ZSaveHelpPageBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(100_000),
});

/** Room for the multipart envelope around a file of the largest allowed size. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * The one file of a multipart/form-data body (the first file field). Parsed by the platform's own
 * Fetch implementation, so no parser library is needed; 400 naming `file` when there is none.
 */
async function readMultipartFile(
  body: unknown,
  contentType: string,
): Promise<{ fileName: string | null; content: Buffer }> {
  if (!Buffer.isBuffer(body) || !contentType.toLowerCase().startsWith("multipart/form-data"))
    throw invalid("file", "send the image as multipart/form-data");
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    throw invalid("file", "is not a readable multipart/form-data body");
  }
  // Typed by shape: the file class differs between the DOM's and Node's (undici's) type definitions.
  const file = [...form.values()].find((value) => typeof value !== "string") as
    { name: string; arrayBuffer(): Promise<ArrayBuffer> } | undefined;
  if (!file) throw invalid("file", "is missing");
  return { fileName: file.name || null, content: Buffer.from(await file.arrayBuffer()) };
}

/** /help-center/pages (contact introduction, complaint procedure) and /help-center/images. */
export function registerHelpCenterPageRoutes(app: ApiApp, ctx: AppContext): void {
  helpCenterScope(app, ctx, (scope) => {
    scope.get(
      "/help-center/pages",
      {
        schema: {
          tags: ["help-center"],
          summary: "The contact page's introduction and the complaint procedure, in every language",
          response: { 200: z.object({ data: z.array(ZHelpPage) }), ...ZErrorResponses },
        },
      },
      async (request) => ({
        data: (await findHelpPages(ctx.db, actorOf(request).workspaceId)).map(presentHelpPage),
      }),
    );
    scope.put(
      "/help-center/pages/:kind/:lang",
      {
        schema: {
          tags: ["help-center"],
          summary: "Write one language of a page (owners and admins)",
          params: z.strictObject({ kind: z.enum(["contact", "complaints"]), lang: ZHelpLanguage }),
          body: ZSaveHelpPageBody,
          response: { 200: ZHelpPage, ...ZErrorResponses },
        },
      },
      async (request) =>
        presentHelpPage(await saveHelpPage(ctx.db, actorOf(request), { ...request.params, ...request.body })),
    );

    // Uploads take multipart bodies as raw bytes, in a scope of their own so JSON routes are unaffected.
    void scope.register(async (uploads) => {
      uploads.addContentTypeParser(
        "multipart/form-data",
        { parseAs: "buffer", bodyLimit: MAX_HELP_IMAGE_BYTES + MULTIPART_OVERHEAD },
        (_request, body, done) => done(null, body),
      );
      (uploads as ApiApp).post(
        "/help-center/images",
        {
          bodyLimit: MAX_HELP_IMAGE_BYTES + MULTIPART_OVERHEAD,
          schema: {
            tags: ["help-center"],
            summary:
              "Upload an image for articles or the logo: one file field (PNG, JPEG, GIF, WebP; ≤ 5 MB)",
            consumes: ["multipart/form-data"],
            response: { 201: ZHelpImage, ...ZErrorResponses },
          },
        },
        async (request, reply) => {
          const file = await readMultipartFile(request.body, String(request.headers["content-type"] ?? ""));
          const image = await uploadHelpImage(ctx.db, actorOf(request), file);
          return reply.status(201).send(presentHelpImage(image));
        },
      );
    });
  });
}
