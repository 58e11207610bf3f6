import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getConversation } from "../commands/get-conversation.js";
import { MAX_UPLOAD_BYTES, uploadReplyFile } from "../commands/upload-reply-file.js";
import { forbidden } from "../lib/errors.js";
import { actorOf } from "../plugins/auth.js";
import { canActOnConversation } from "../policies/conversation-policy.js";
import { presentAttachment, ZAttachment } from "../presenters/attachment-presenter.js";
import { acceptRawBodies } from "./raw-body.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/** The file's name travels percent-encoded (UTF-8) in a header, as the body is the file itself. */
export const ZUploadHeaders = z.object({
  "x-file-name": z
    .string()
    .max(1000)
    .transform((value, ctx) => {
      try {
        return decodeURIComponent(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "must be percent-encoded UTF-8" });
        return z.NEVER;
      }
    })
    .optional(),
});

/**
 * POST /conversations/:id/attachments: a file for the agent's next reply there, the body being the file
 * itself (its Content-Type the file's type). Registered in a scope of its own so that only this route
 * takes any content type, as raw bytes, up to MAX_UPLOAD_BYTES (413 beyond).
 */
export function registerReplyUploadRoutes(app: ApiApp, ctx: AppContext): void {
  void app.register(async (scope) => {
    acceptRawBodies(scope, MAX_UPLOAD_BYTES);
    (scope as ApiApp).post(
      "/conversations/:id/attachments",
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ["conversations"],
          summary:
            "Upload a file for your next reply in a conversation (the body is the file; name in X-File-Name)",
          params: ZUuidParams,
          headers: ZUploadHeaders,
          response: { 201: ZAttachment, ...ZErrorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const conversation = await getConversation(ctx.db, actor, request.params.id);
        if (!canActOnConversation(actor, "reply", conversation)) throw forbidden();
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const row = await uploadReplyFile(ctx.db, actor, conversation.id, {
          fileName: request.headers["x-file-name"] ?? null,
          contentType: String(request.headers["content-type"] ?? "application/octet-stream"),
          content,
        });
        return reply.status(201).send(presentAttachment(row));
      },
    );
  });
}
