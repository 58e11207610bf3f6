import type { Database } from "../db/types.js";
import { invalid } from "../lib/errors.js";
import { attachVisitorUploads, findVisitorUploadNames } from "../models/attachments.js";
import { insideTransaction } from "../db/inside-transaction.js";
import { insertHelpContact } from "../models/help-widget.js";
import type { InboxRow } from "../models/inboxes.js";
import {
  findMessageByClientId,
  findVisitorConversation,
  findVisitorMessage,
  type VisitorMessageRow,
} from "../models/visitor-conversations.js";
import { addCustomerMessage } from "./add-customer-message.js";
import { createConversation } from "./create-conversation.js";

export interface VisitorMessageInput {
  inbox: Pick<InboxRow, "id" | "workspace_id">;
  /** The visitor's subject from their token (`v:…` or `x:…`). */
  visitorId: string;
  /** The id the widget gave the message: the same id sent again is the same message. */
  clientId: string;
  body: string;
  /** From the pre-chat form, for the customer record (unverified: never shows the visitor anything). */
  name?: string | null;
  email?: string | null;
  at?: Date;
  /** The visitor's uploads to put on the message (their own, unused; otherwise 400 and nothing stored). */
  attachmentIds?: string[];
  /**
   * Asked once the message is known to be new (not a resend), with whether it starts a conversation:
   * false refuses it (rate limits), and nothing is stored.
   */
  admit?: (isNewConversation: boolean) => boolean;
  /**
   * The reader ids this visitor has in the help center (its cookie, the widget's visitor id): a new
   * conversation after an article view within the hour is recorded for the help center's analytics.
   */
  helpViewerIds?: string[];
}

export interface VisitorMessageResult {
  conversationId: string;
  message: VisitorMessageRow;
  /** A new conversation was started by this message. */
  isNew: boolean;
  /** The message had been stored before (a resend after a lost acknowledgement). */
  isRepeat: boolean;
}

/**
 * A widget visitor's message: on their newest conversation in the inbox, or on a new one when they have
 * none or it was resolved (a new question starts a new conversation, like a new email would). Idempotent
 * by client id, and serialized per visitor (an advisory lock), so a message resent while the first try
 * was still being stored, even from another tab, is stored once. One transaction. Null when `admit`
 * refused it.
 */
export async function addVisitorMessage(
  db: Database,
  input: VisitorMessageInput,
): Promise<VisitorMessageResult | null> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `visitor/${input.inbox.id}/${input.visitorId}`,
    ]);
    const current = await findVisitorConversation(tx, input.inbox.id, input.visitorId);
    if (current) {
      const stored = await findMessageByClientId(tx, current.id, input.clientId);
      if (stored) return { conversationId: current.id, message: stored, isNew: false, isRepeat: true };
    }
    const continues = Boolean(current && current.status !== "resolved");
    if (input.admit && !input.admit(!continues)) return null;
    const files = [...new Set(input.attachmentIds ?? [])];
    const scope = { ids: files, workspaceId: input.inbox.workspace_id, visitorId: input.visitorId };
    const names = files.length ? await findVisitorUploadNames(tx, scope) : [];
    if (names.length !== files.length)
      throw invalid("attachmentIds", "must be your own uploads, not sent yet");
    // A message that is only files is named by them (the preview and the timeline need words).
    const body = input.body.trim() || names.map((name) => `📎 ${name}`).join("\n");
    const attach = async (conversationId: string, messageId: string) => {
      if (files.length) await attachVisitorUploads(tx, { ...scope, conversationId, messageId });
    };
    const inner = insideTransaction(db, tx);
    const at = input.at ?? new Date();
    if (current && continues) {
      const message = await addCustomerMessage(inner, {
        workspaceId: input.inbox.workspace_id,
        conversationId: current.id,
        body,
        clientId: input.clientId,
        at,
      });
      await attach(current.id, message.id);
      return {
        conversationId: current.id,
        message: (await findVisitorMessage(tx, current.id, message.id))!,
        isNew: false,
        isRepeat: false,
      };
    }
    const isShopCustomer = input.visitorId.startsWith("x:");
    const created = await createConversation(inner, {
      workspaceId: input.inbox.workspace_id,
      inboxId: input.inbox.id,
      channel: "chat",
      customer: {
        visitorId: isShopCustomer ? undefined : input.visitorId.slice(2),
        externalId: isShopCustomer ? input.visitorId.slice(2) : undefined,
        email: input.email || undefined,
        name: input.name || undefined,
      },
      subject: null,
      body,
      at,
      visitorId: input.visitorId,
      clientId: input.clientId,
    });
    await attach(created.conversation.id, created.message.id);
    await insertHelpContact(tx, {
      workspaceId: input.inbox.workspace_id,
      conversationId: created.conversation.id,
      viewerIds: input.helpViewerIds ?? [],
      at,
    });
    return {
      conversationId: created.conversation.id,
      message: (await findVisitorMessage(tx, created.conversation.id, created.message.id))!,
      isNew: true,
      isRepeat: false,
    };
  });
}
