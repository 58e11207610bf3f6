import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import {
  getChatSettings,
  renewChatIdentitySecret,
  updateChatSettings,
} from "../commands/update-chat-settings.js";
import { installKeys } from "../lib/install-secret.js";
import type { InboxChatRow } from "../models/inbox-chat.js";
import type { InboxRow } from "../models/inboxes.js";
import { actorOf } from "../plugins/auth.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

const ZAsk = z.enum(["off", "optional", "required"]);

export const ZChatSettings = z.object({
  widgetKey: z.string(),
  /** The snippet to paste into the shop's pages. */
  embedCode: z.string(),
  /** Sites allowed to embed the widget; empty: any site. */
  allowedOrigins: z.array(z.string()),
  askName: ZAsk,
  askEmail: ZAsk,
  hasIdentitySecret: z.boolean(),
});

export const ZChatSettingsBody = z.strictObject({
  allowedOrigins: z.array(z.string().max(300)).max(20).optional(),
  askName: ZAsk.optional(),
  askEmail: ZAsk.optional(),
});

const present = (ctx: AppContext, inbox: InboxRow, chat: InboxChatRow): z.infer<typeof ZChatSettings> => ({
  widgetKey: inbox.widget_key!,
  embedCode: `<script src="${new URL("/widget.js", ctx.env.publicUrl).href}" data-key="${inbox.widget_key}" async></script>`,
  allowedOrigins: chat.allowed_origins,
  askName: chat.ask_name,
  askEmail: chat.ask_email,
  hasIdentitySecret: chat.identity_secret_sealed !== null,
});

/** /inboxes/:id/chat: a chat inbox's widget settings (owners and admins). */
export function registerInboxChatRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/inboxes/:id/chat",
    {
      schema: {
        tags: ["inboxes"],
        summary: "A chat inbox's widget: embed code, allowed sites, pre-chat fields",
        params: ZUuidParams,
        response: { 200: ZChatSettings, ...ZErrorResponses },
      },
    },
    async (request) => {
      const { inbox, chat } = await getChatSettings(ctx.db, actorOf(request), request.params.id);
      return present(ctx, inbox, chat);
    },
  );
  app.put(
    "/inboxes/:id/chat",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Change which sites may embed the widget and which pre-chat fields it asks for",
        params: ZUuidParams,
        body: ZChatSettingsBody,
        response: { 200: ZChatSettings, ...ZErrorResponses },
      },
    },
    async (request) => {
      const { inbox, chat } = await updateChatSettings(
        ctx.db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      return present(ctx, inbox, chat);
    },
  );
  app.post(
    "/inboxes/:id/chat/identity-secret",
    {
      schema: {
        tags: ["inboxes"],
        summary:
          "A new secret for vouching for logged-in shop customers (shown once; the old one stops working)",
        params: ZUuidParams,
        response: { 201: z.object({ identitySecret: z.string() }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const keys = await installKeys(ctx.db, ctx.env.HEED_SECRET);
      const identitySecret = await renewChatIdentitySecret(ctx.db, actorOf(request), request.params.id, keys);
      return reply.status(201).send({ identitySecret });
    },
  );
}
