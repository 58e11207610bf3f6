/**
 * The API's shapes, taken from the server's own zod schemas as types only (erased from the bundle), so
 * the web app and the API cannot drift apart unnoticed: a changed schema fails the typecheck here.
 */
import type { z } from "zod";
import type { ZCustomerDetail } from "../../server/routes/customers.js";
import type { ZManagedUser } from "../../server/routes/users.js";
import type { ZUpdateConversationBody } from "../../server/routes/conversations.js";

export type { TConversation, TConversationItem } from "../../server/presenters/conversation-presenter.js";
export type { TMessage } from "../../server/presenters/message-presenter.js";
export type { TAttachment } from "../../server/presenters/attachment-presenter.js";
export type { TFolders } from "../../server/presenters/folder-presenter.js";
export type { TInbox } from "../../server/presenters/inbox-presenter.js";
export type { TTag } from "../../server/presenters/tag-presenter.js";
export type { TTeam } from "../../server/presenters/team-presenter.js";
export type { TUser } from "../../server/presenters/user-presenter.js";
export type { TWorkspace } from "../../server/presenters/workspace-presenter.js";
export type { TInvitation, TInvitationLookup } from "../../server/presenters/invitation-presenter.js";
export type { TEvent } from "../../server/presenters/event-presenter.js";
export type { TCustomerSummary } from "../../server/presenters/customer-presenter.js";
export type { TInboundEmail } from "../../server/presenters/inbound-email-presenter.js";
export type { TFollowUp } from "../../server/presenters/follow-up-presenter.js";
export type { TNotification } from "../../server/presenters/notification-presenter.js";
export type { TSlaPolicy, TSlaOverview } from "../../server/presenters/sla-presenter.js";

export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;
export type TManagedUser = z.infer<typeof ZManagedUser>;
export type TConversationPatch = z.input<typeof ZUpdateConversationBody>;

export type Language = "en" | "ru" | "hr" | "sk";
export type Status = "open" | "pending" | "snoozed" | "resolved";
export type Priority = "low" | "normal" | "high" | "urgent";
export type Channel = "email" | "chat" | "phone" | "api";

/** Every list answer of the API. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
