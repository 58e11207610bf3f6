import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { readVisitorToken } from "../chat/visitor-token.js";
import { RateLimiter } from "../chat/rate-limiter.js";
import { MAX_UPLOAD_BYTES } from "../commands/upload-reply-file.js";
import { cleanContentType, cleanFileName } from "../email/email-content.js";
import { HttpError, invalid, notFound, unauthorized } from "../lib/errors.js";
import { newId } from "../lib/ids.js";
import { installKeys } from "../lib/install-secret.js";
import { findVisitorFile, insertUpload } from "../models/attachments.js";
import { insertBlob } from "../models/blobs.js";
import { findInboxChat } from "../models/inbox-chat.js";
import { findInboxByWidgetKey, type InboxRow } from "../models/inboxes.js";
import { findVisitorConversation } from "../models/visitor-conversations.js";
import { acceptRawBodies } from "./raw-body.js";
import { contentDisposition, downloadContentType } from "../presenters/attachment-presenter.js";

const ZKeyQuery = z.object({ key: z.string().min(1).max(100) });
const keyOf = (request: FastifyRequest): string => {
  const parsed = ZKeyQuery.safeParse(request.query);
  if (!parsed.success) throw invalid("key", "is required: the chat's widget key");
  return parsed.data.key;
};

/**
 * The widget's files over HTTP (a WebSocket frame is no place for 10 MB): `POST /widget/v1/uploads` (the
 * body is the file, its name percent-encoded in X-File-Name) and `GET /widget/v1/files/:id`, both with
 * `?key=<widgetKey>` and the visitor's token in X-Visitor-Token. The shop's page calls them from its own
 * origin, so they answer CORS for the origins the inbox allows (any when it lists none); no cookies.
 */
export function registerWidgetFileRoutes(app: ApiApp, ctx: AppContext): void {
  const uploads = { visitor: new RateLimiter(20, 10 * 60_000), address: new RateLimiter(60, 10 * 60_000) };

  /** The chat inbox and visitor behind the request, with the CORS headers set; throws 401/403/404. */
  const visitorOf = async (request: FastifyRequest, reply: FastifyReply) => {
    const inbox = await findInboxByWidgetKey(ctx.db, keyOf(request));
    if (!inbox || inbox.channel !== "chat") throw notFound("Chat");
    await allowOrigin(inbox, request, reply);
    const token = request.headers["x-visitor-token"];
    const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
    const visitor = typeof token === "string" ? readVisitorToken(keys, inbox.id, token) : null;
    if (!visitor) throw unauthorized("Open the chat first");
    return { inbox, visitorId: visitor.subject };
  };
  const allowOrigin = async (inbox: InboxRow, request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    const chat = await findInboxChat(ctx.db, inbox.id);
    if (origin && chat.allowed_origins.length > 0 && !chat.allowed_origins.includes(origin)) {
      throw new HttpError(403, "origin_not_allowed", "This site may not embed this chat");
    }
    if (origin) {
      reply.header("access-control-allow-origin", origin).header("vary", "Origin");
      reply.header("access-control-expose-headers", "content-disposition");
    }
  };

  // Preflight: the widget sends X-Visitor-Token and X-File-Name, which need the browser to ask first.
  for (const url of ["/widget/v1/uploads", "/widget/v1/files/:id"]) {
    app.options(url, { schema: { hide: true } }, async (request, reply) => {
      const inbox = await findInboxByWidgetKey(ctx.db, keyOf(request));
      if (!inbox || inbox.channel !== "chat") throw notFound("Chat");
      await allowOrigin(inbox, request, reply);
      return reply
        .header("access-control-allow-methods", "GET, POST")
        .header("access-control-allow-headers", "content-type, x-file-name, x-visitor-token")
        .header("access-control-max-age", "600")
        .status(204)
        .send();
    });
  }

  void app.register(async (scope) => {
    acceptRawBodies(scope, MAX_UPLOAD_BYTES);
    scope.post(
      "/widget/v1/uploads",
      { bodyLimit: MAX_UPLOAD_BYTES, schema: { hide: true } },
      async (request, reply) => {
        const { inbox, visitorId } = await visitorOf(request, reply);
        if (!uploads.visitor.take(visitorId) || !uploads.address.take(request.ip)) {
          throw new HttpError(429, "rate_limited", "Too many files; try again in a few minutes");
        }
        const content = request.body as Buffer | undefined;
        if (!content?.length) throw invalid("file", "is empty");
        let name: string | null = null;
        try {
          const header = request.headers["x-file-name"];
          name = typeof header === "string" ? decodeURIComponent(header) : null;
        } catch {
          throw invalid("x-file-name", "must be percent-encoded UTF-8");
        }
        const contentType = cleanContentType(
          String(request.headers["content-type"] ?? "application/octet-stream"),
        );
        const conversation = await findVisitorConversation(ctx.db, inbox.id, visitorId);
        const sha256 = createHash("sha256").update(content).digest("hex");
        const row = await ctx.db.transaction(async (tx) => {
          await insertBlob(tx, sha256, content);
          return insertUpload(tx, {
            id: newId(),
            workspaceId: inbox.workspace_id,
            sha256,
            fileName: cleanFileName(name, contentType),
            contentType,
            size: content.length,
            conversationId: conversation?.id ?? null,
            visitorId,
          });
        });
        return reply
          .status(201)
          .send({ id: row.id, name: row.file_name, size: row.size, type: row.content_type });
      },
    );
  });

  app.get("/widget/v1/files/:id", { schema: { hide: true } }, async (request, reply) => {
    const { inbox, visitorId } = await visitorOf(request, reply);
    const id = z.uuid().safeParse((request.params as { id: string }).id);
    const file = id.success
      ? await findVisitorFile(ctx.db, { inboxId: inbox.id, visitorId }, id.data)
      : undefined;
    if (!file) throw notFound("File");
    return reply
      .header("content-type", downloadContentType(file.content_type))
      .header("content-disposition", contentDisposition(file.file_name))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(file.content);
  });
}
