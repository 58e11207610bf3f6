import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { registerCalendarRoutes } from "./calendars.js";
import { registerConversationsRoutes } from "./conversations.js";
import { registerCustomersRoutes } from "./customers.js";
import { registerEventsRoutes } from "./events.js";
import { registerFoldersRoutes } from "./folders.js";
import { registerInboundEmailsRoutes } from "./inbound-emails.js";
import { registerInboxChatRoutes } from "./inbox-chat.js";
import { registerInboxesRoutes } from "./inboxes.js";
import { registerInvitationsRoutes } from "./invitations.js";
import { registerMessagesRoutes } from "./messages.js";
import { registerMessageContentRoutes } from "./message-content.js";
import { registerRealtimeRoutes } from "./realtime.js";
import { registerReplyUploadRoutes } from "./reply-uploads.js";
import { registerSearchRoutes } from "./search.js";
import { registerSessionRoutes } from "./session.js";
import { registerSetupRoutes } from "./setup.js";
import { registerTagsRoutes } from "./tags.js";
import { registerTeamsRoutes } from "./teams.js";
import { registerTokenRoutes } from "./tokens.js";
import { registerUsersRoutes } from "./users.js";
import { registerWorkspaceRoutes } from "./workspace.js";

/** Every route of the agent API, mounted under /api/v1 behind the auth hook. */
export function registerApiRoutes(app: ApiApp, ctx: AppContext): void {
  registerSessionRoutes(app, ctx);
  registerSetupRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerWorkspaceRoutes(app, ctx);
  registerUsersRoutes(app, ctx);
  registerTeamsRoutes(app, ctx);
  registerInvitationsRoutes(app, ctx);
  registerInboxesRoutes(app, ctx);
  registerInboxChatRoutes(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerConversationsRoutes(app, ctx);
  registerMessagesRoutes(app, ctx);
  registerMessageContentRoutes(app, ctx);
  registerReplyUploadRoutes(app, ctx);
  registerCustomersRoutes(app, ctx);
  registerTagsRoutes(app, ctx);
  registerFoldersRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerEventsRoutes(app, ctx);
  registerRealtimeRoutes(app, ctx);
  registerInboundEmailsRoutes(app, ctx);
}
