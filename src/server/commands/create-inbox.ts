import type { Actor } from "../context.js";
import { upsertInboxSmtp } from "../models/inbox-smtp.js";
import { smtpSettingsFromUrl } from "./smtp-settings.js";
import { isUniqueViolation } from "../db/errors.js";
import type { Database } from "../db/types.js";
import { conflict, forbidden, invalid } from "../lib/errors.js";
import { newId, randomToken } from "../lib/ids.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { recordEvent } from "../models/events.js";
import { upsertImapSettings } from "../models/inbox-imap.js";
import {
  findInboxByAddress,
  insertInbox,
  type Channel,
  type InboxAccess,
  type InboxRow,
} from "../models/inboxes.js";
import { canManageInboxes } from "../policies/inbox-policy.js";
import { mergeImapSettings, type ImapInput } from "./imap-settings.js";

export interface CreateInboxInput {
  name: string;
  channel: Channel;
  /** Required for email inboxes: the address mail is received at. */
  address?: string | null;
  access?: InboxAccess;
  /** Email inboxes only: answer each new conversation with an acknowledgement (off by default). */
  autoAcknowledge?: boolean;
  /** Email inboxes only: send replies through this server (HEED_SMTP_URL's format) instead of the install's. */
  smtpUrl?: string;
  /** Email inboxes only: also read an existing mailbox over IMAP (needs `keys` to seal the secret). */
  imap?: ImapInput;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates an inbox. Email inboxes need a valid address that no inbox of the install uses (it routes
 * mail); chat inboxes get a random public widget key. Email inboxes may also get IMAP settings, whose
 * password or token is sealed with `keys` (the install's keys, fetched before the transaction). Throws
 * 403 for agents, 400 naming `address` or the `imap.*` field, 409 when the address is taken.
 */
export async function createInbox(
  db: Database,
  actor: Actor,
  input: CreateInboxInput,
  keys?: InstallKeys,
): Promise<InboxRow> {
  if (!canManageInboxes(actor)) throw forbidden("Only owners and admins create inboxes");
  const address = input.address?.trim().toLowerCase() || null;
  if (input.channel === "email") {
    if (!address) throw invalid("address", "is required for an email inbox");
    if (!EMAIL.test(address)) throw invalid("address", "must be an email address");
  }
  if (input.imap && input.channel !== "email") throw invalid("imap", "only email inboxes receive by IMAP");
  if (input.autoAcknowledge && input.channel !== "email")
    throw invalid("autoAcknowledge", "only email inboxes send acknowledgements");
  if (input.imap && !keys) throw new Error("createInbox: IMAP settings need the install's keys");
  if (input.smtpUrl && input.channel !== "email") throw invalid("smtpUrl", "only email inboxes send mail");
  if (input.smtpUrl && !keys) throw new Error("createInbox: SMTP settings need the install's keys");
  const smtp = input.smtpUrl && keys ? smtpSettingsFromUrl(keys, input.smtpUrl) : null;
  const imap = input.imap && keys ? mergeImapSettings(keys, undefined, input.imap).settings : null;
  try {
    return await db.transaction(async (tx) => {
      if (address && (await findInboxByAddress(tx, address)))
        throw conflict("This address is used by another inbox");
      const inbox = await insertInbox(tx, {
        id: newId(),
        workspaceId: actor.workspaceId,
        name: input.name.trim(),
        channel: input.channel,
        address,
        widgetKey: input.channel === "chat" ? `wk_${randomToken(18)}` : null,
        access: input.access ?? "all",
        autoAcknowledge: input.autoAcknowledge ?? false,
      });
      if (imap) await upsertImapSettings(tx, { id: inbox.id, workspaceId: actor.workspaceId }, imap, true);
      if (smtp) await upsertInboxSmtp(tx, { id: inbox.id, workspaceId: actor.workspaceId }, smtp);
      await recordEvent(tx, {
        workspaceId: actor.workspaceId,
        type: "inbox.created",
        actorUserId: actor.userId,
        payload: { inboxId: inbox.id, channel: inbox.channel, name: inbox.name, hasImap: Boolean(imap) },
      });
      return inbox;
    });
  } catch (error) {
    // Two admins taking one address at the same moment: the unique index decides.
    if (isUniqueViolation(error, "inboxes_address_key"))
      throw conflict("This address is used by another inbox");
    throw error;
  }
}
