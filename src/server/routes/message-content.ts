import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { notFound } from "../lib/errors.js";
import { findAttachmentsOfMessages, findAttachmentWithAccess } from "../models/attachments.js";
import { findBlobContent } from "../models/blobs.js";
import { findMessageHtml } from "../models/messages.js";
import { actorOf } from "../plugins/auth.js";
import { canSeeConversation } from "../policies/conversation-policy.js";
import { attachmentDownloadHeaders } from "../presenters/attachment-presenter.js";
import { emailHtmlDocument, emailHtmlHeaders } from "../presenters/email-html-presenter.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/** GET /messages/:id/html: `images=allow` loads the remote images the email refers to. */
export const ZMessageHtmlQuery = z.strictObject({ images: z.enum(["allow"]).optional() });

/**
 * What an email carried besides its text: its HTML as a document for the web app's sandboxed frame, and
 * its files as downloads. Both answer 404 alike for a missing id, another workspace's and one in an
 * inbox the actor does not see.
 */
export function registerMessageContentRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/messages/:id/html",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "An email's sanitized HTML as a complete document for a sandboxed frame (text/html, strict content policy)",
        params: ZUuidParams,
        querystring: ZMessageHtmlQuery,
        response: { 200: z.string().describe("An HTML document"), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const message = await findMessageHtml(ctx.db, actor.workspaceId, request.params.id, actor.userId);
      if (!message || !canSeeConversation(actor, message) || message.html === null) throw notFound("Message");
      const attachments = await findAttachmentsOfMessages(ctx.db, [message.id]);
      const allowRemoteImages = request.query.images === "allow";
      const document = emailHtmlDocument(message.html, {
        allowRemoteImages,
        inlineImages: attachments.filter((attachment) => attachment.is_inline),
      });
      return reply.headers(emailHtmlHeaders(allowRemoteImages)).send(document);
    },
  );

  app.get(
    "/attachments/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "A file that came with a message, as a download",
        params: ZUuidParams,
        response: { 200: z.any().describe("The file's bytes"), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const attachment = await findAttachmentWithAccess(
        ctx.db,
        actor.workspaceId,
        request.params.id,
        actor.userId,
      );
      if (!attachment || !canSeeConversation(actor, attachment)) throw notFound("Attachment");
      const content = await findBlobContent(ctx.db, attachment.blob_sha256);
      if (!content) throw notFound("Attachment");
      return reply.headers(attachmentDownloadHeaders(attachment)).send(content);
    },
  );
}
