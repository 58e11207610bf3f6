import type { Actor } from "../context.js";
import type { Database } from "../db/types.js";
import { forbidden, invalid, notFound } from "../lib/errors.js";
import type { InstallKeys } from "../lib/install-secret.js";
import { recordEvent } from "../models/events.js";
import { deleteImapSettings, findImapSettingsForUpdate, upsertImapSettings } from "../models/inbox-imap.js";
import { findUser } from "../models/users.js";
import {
  findInbox,
  isInboxMember,
  replaceInboxMembers,
  updateInbox as updateInboxRow,
  type InboxAccess,
  type InboxRow,
} from "../models/inboxes.js";
import { canManageInboxes } from "../policies/inbox-policy.js";
import { deleteInboxSmtp, upsertInboxSmtp } from "../models/inbox-smtp.js";
import { smtpSettingsFromUrl } from "./smtp-settings.js";
import { changedImapFields, mergeImapSettings, type ImapInput } from "./imap-settings.js";

export interface UpdateInboxPatch {
  name?: string;
  access?: InboxAccess;
  /** Email inboxes: answer each new conversation with an acknowledgement. */
  autoAcknowledge?: boolean;
  /** Email inboxes: a new outgoing server URL for replies; null goes back to HEED_SMTP_URL. */
  smtpUrl?: string | null;
  /** Email inboxes: IMAP settings to set or change (merged into the stored ones); null stops IMAP. */
  imap?: ImapInput | null;
}

/**
 * Renames an inbox, changes who may see it ('all' agents or its 'members') or its IMAP settings (a new
 * password or token is sealed with `keys`, fetched before the transaction). Throws 403 for agents, 404
 * for an inbox that is not the workspace's, 400 naming the `imap.*` field.
 */
export async function updateInbox(
  db: Database,
  actor: Actor,
  id: string,
  patch: UpdateInboxPatch,
  keys?: InstallKeys,
): Promise<InboxRow> {
  if (!canManageInboxes(actor)) throw forbidden("Only owners and admins change inboxes");
  if ((patch.imap || patch.smtpUrl) && !keys) throw new Error("updateInbox: secrets need the install's keys");
  const smtp = patch.smtpUrl && keys ? smtpSettingsFromUrl(keys, patch.smtpUrl) : null;
  return db.transaction(async (tx) => {
    const before = await findInbox(tx, actor.workspaceId, id);
    if (!before) throw notFound("Inbox");
    if (patch.imap && before.channel !== "email") throw invalid("imap", "only email inboxes receive by IMAP");
    if (patch.autoAcknowledge && before.channel !== "email")
      throw invalid("autoAcknowledge", "only email inboxes send acknowledgements");
    const inbox = await updateInboxRow(tx, actor.workspaceId, id, {
      name: patch.name?.trim(),
      access: patch.access,
      autoAcknowledge: patch.autoAcknowledge,
    });
    if (patch.smtpUrl !== undefined && before.channel !== "email")
      throw invalid("smtpUrl", "only email inboxes send mail");
    if (smtp) await upsertInboxSmtp(tx, { id, workspaceId: actor.workspaceId }, smtp);
    if (patch.smtpUrl === null) await deleteInboxSmtp(tx, id);
    if (patch.imap === null) await deleteImapSettings(tx, id);
    if (patch.imap && keys) {
      const existing = await findImapSettingsForUpdate(tx, id);
      const merged = mergeImapSettings(keys, existing, patch.imap);
      await upsertImapSettings(
        tx,
        { id, workspaceId: actor.workspaceId },
        merged.settings,
        merged.isNewMailbox,
      );
    }
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.updated",
      actorUserId: actor.userId,
      payload: {
        inboxId: id,
        name: inbox!.name,
        access: inbox!.access,
        previousAccess: before.access,
        autoAcknowledge: inbox!.auto_acknowledge,
        // which IMAP settings changed, by name: never their values (a password, a token)
        ...(patch.smtpUrl === undefined
          ? {}
          : { smtp: smtp ? { host: smtp.host, port: smtp.port } : "removed" }),
        ...(patch.imap === undefined ? {} : { imap: patch.imap ? changedImapFields(patch.imap) : "removed" }),
      },
    });
    return inbox!;
  });
}

/**
 * Makes `userIds` the inbox's members (who see a members-only inbox besides owners and admins). Every id
 * must be a user of the workspace, else 400 naming `userIds`; a deactivated user may stay a member (so a
 * list saved again keeps them, and reactivating them restores their access) but is not added anew.
 * Throws 403 for agents, 404 for an inbox that is not the workspace's.
 */
export async function setInboxMembers(
  db: Database,
  actor: Actor,
  id: string,
  userIds: string[],
): Promise<void> {
  if (!canManageInboxes(actor)) throw forbidden("Only owners and admins change inbox members");
  const unique = [...new Set(userIds)];
  await db.transaction(async (tx) => {
    if (!(await findInbox(tx, actor.workspaceId, id))) throw notFound("Inbox");
    for (const userId of unique) {
      const user = await findUser(tx, actor.workspaceId, userId);
      if (!user) throw invalid("userIds", `${userId} is not a user of this workspace`);
      if (!user.is_active && !(await isInboxMember(tx, id, userId))) {
        throw invalid("userIds", `${userId} is deactivated: reactivate them before adding them`);
      }
    }
    await replaceInboxMembers(tx, actor.workspaceId, id, unique);
    await recordEvent(tx, {
      workspaceId: actor.workspaceId,
      type: "inbox.members_changed",
      actorUserId: actor.userId,
      payload: { inboxId: id, userIds: unique },
    });
  });
}
