import { randomBytes } from "node:crypto";
import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, invalid, notFound } from "../lib/errors.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { recordEvent } from "../models/events.js";
import { findInboxChat, upsertInboxChat, type AskField, type InboxChatRow } from "../models/inbox-chat.js";
import { findInbox, type InboxRow } from "../models/inboxes.js";
import { canManageInboxes } from "../policies/inbox-policy.js";

export interface ChatSettingsPatch {
  allowedOrigins?: string[];
  askName?: AskField;
  askEmail?: AskField;
}

/** `https://shop.example` as written, or an error naming the entry: only scheme, host and port. */
export function normalizeOrigin(text: string, index: number): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid(`allowedOrigins.${index}`, "must be a site address like https://shop.example");
  }
  if (
    !/^https?:$/.test(url.protocol) ||
    url.origin === "null" ||
    (url.pathname !== "/" && url.pathname !== "")
  ) {
    throw invalid(
      `allowedOrigins.${index}`,
      "must be a site address like https://shop.example, without a path",
    );
  }
  return url.origin;
}

async function loadChatInbox(db: Database, actor: Actor, id: string): Promise<InboxRow> {
  if (!canManageInboxes(actor)) throw forbidden("Only owners and admins change inboxes");
  const inbox = await findInbox(db, actor.workspaceId, id);
  if (!inbox) throw notFound("Inbox");
  if (inbox.channel !== "chat") throw invalid("id", "is not a chat inbox");
  return inbox;
}

/** A chat inbox's widget settings (owners and admins). */
export async function getChatSettings(
  db: Database,
  actor: Actor,
  id: string,
): Promise<{ inbox: InboxRow; chat: InboxChatRow }> {
  const inbox = await loadChatInbox(db, actor, id);
  return { inbox, chat: await findInboxChat(db, inbox.id) };
}

/** Changes which sites may embed the widget and which pre-chat fields it asks for; `inbox.chat_updated`. */
export async function updateChatSettings(
  db: Database,
  actor: Actor,
  id: string,
  patch: ChatSettingsPatch,
): Promise<{ inbox: InboxRow; chat: InboxChatRow }> {
  const inbox = await loadChatInbox(db, actor, id);
  const allowedOrigins = patch.allowedOrigins && [...new Set(patch.allowedOrigins.map(normalizeOrigin))];
  return db.transaction(async (tx) => {
    const chat = await upsertInboxChat(
      tx,
      { id: inbox.id, workspaceId: inbox.workspace_id },
      { allowedOrigins, askName: patch.askName, askEmail: patch.askEmail },
    );
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.chat_updated",
      actorUserId: actor.userId,
      payload: { inboxId: inbox.id },
    });
    return { inbox, chat };
  });
}

/**
 * A new identity secret for vouching for a shop's logged-in customers (the old one stops working):
 * returned once, stored sealed. `inbox.chat_updated`.
 */
export async function renewChatIdentitySecret(
  db: Database,
  actor: Actor,
  id: string,
  keys: InstallKeys,
): Promise<string> {
  const inbox = await loadChatInbox(db, actor, id);
  const secret = `hcs_${randomBytes(24).toString("base64url")}`;
  await db.transaction(async (tx) => {
    await upsertInboxChat(
      tx,
      { id: inbox.id, workspaceId: inbox.workspace_id },
      { identitySecretSealed: keys.seal(secret) },
    );
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.chat_updated",
      actorUserId: actor.userId,
      payload: { inboxId: inbox.id, identitySecret: "renewed" },
    });
  });
  return secret;
}
