import type { InboxSmtpRow } from "../models/inbox-smtp.js";
import { z } from "zod";
import type { InboxImapRow } from "../models/inbox-imap.js";
import type { InboxRow } from "../models/inboxes.js";

export const ZChannel = z.enum(["email", "chat", "phone", "api"]);
export const ZInboxAccess = z.enum(["all", "members"]);
export const ZImapSecurity = z.enum(["tls", "starttls", "none"]);
export const ZImapAfterFetch = z.enum(["leave", "seen", "move"]);
export const ZImapFetchState = z.enum(["disabled", "starting", "ok", "failing", "stuck", "not_running"]);

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/**
 * How fetching by IMAP goes: `state` sums it up (see models/inbox-imap.ts); `lastErrorCode` is stable
 * (auth_failed, connect_failed, tls_failed, mailbox_missing, connection_lost, stalled, action_failed,
 * secret_unreadable, error) and `lastError` has the server's own words.
 */
export const ZImapStatus = z.object({
  state: ZImapFetchState,
  lastSuccessAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  fetchStartedAt: z.string().nullable(),
  uidValidity: z.number().nullable(),
  lastUid: z.number(),
  uidValidityChangedAt: z.string().nullable(),
  skippedCount: z.number(),
  lastSkipped: z.string().nullable(),
  lastSkippedAt: z.string().nullable(),
});

/** An inbox's IMAP settings as owners and admins see them: the password or token never leaves. */
export const ZInboxImap = z.object({
  isEnabled: z.boolean(),
  host: z.string(),
  port: z.number(),
  security: ZImapSecurity,
  allowInsecure: z.boolean(),
  username: z.string(),
  authMethod: z.enum(["password", "xoauth2"]),
  hasPassword: z.boolean(),
  hasAccessToken: z.boolean(),
  mailbox: z.string(),
  afterFetch: ZImapAfterFetch,
  moveTo: z.string().nullable(),
  status: ZImapStatus,
});
export type TInboxImap = z.infer<typeof ZInboxImap>;

/**
 * An inbox; `widgetKey` only for chat inboxes, `address` for email ones. `imap` is shown to owners and
 * admins only (null when the inbox does not read a mailbox) and left out for agents.
 */
export const ZInbox = z.object({
  id: z.string(),
  name: z.string(),
  channel: ZChannel,
  address: z.string().nullable(),
  widgetKey: z.string().nullable(),
  access: ZInboxAccess,
  /** Email inboxes: new conversations get an acknowledgement ("we received your message"). */
  autoAcknowledge: z.boolean(),
  /** The business-hours calendar it follows (GET /calendars); null: always open. */
  calendarId: z.string().nullable(),
  memberIds: z.array(z.string()),
  imap: ZInboxImap.nullable().optional(),
  /** Owners and admins: the inbox's own outgoing server (null: HEED_SMTP_URL); never its password. */
  smtp: z
    .object({ host: z.string(), port: z.number(), secure: z.boolean(), username: z.string().nullable() })
    .nullable()
    .optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TInbox = z.infer<typeof ZInbox>;

/** IMAP settings and fetch status, field by field (the sealed secret is not even in the row). */
export function presentInboxImap(row: InboxImapRow): TInboxImap {
  return {
    isEnabled: row.is_enabled,
    host: row.host,
    port: row.port,
    security: row.security,
    allowInsecure: row.allow_insecure,
    username: row.username,
    authMethod: row.auth_method,
    hasPassword: row.auth_method === "password",
    hasAccessToken: row.auth_method === "xoauth2",
    mailbox: row.mailbox,
    afterFetch: row.after_fetch,
    moveTo: row.move_to,
    status: {
      state: row.fetch_state,
      lastSuccessAt: iso(row.last_success_at),
      lastErrorCode: row.last_error_code,
      lastError: row.last_error,
      lastErrorAt: iso(row.last_error_at),
      failingSince: iso(row.failing_since),
      fetchStartedAt: iso(row.fetch_started_at),
      uidValidity: row.uid_validity === null ? null : Number(row.uid_validity),
      lastUid: Number(row.last_uid),
      uidValidityChangedAt: iso(row.uid_validity_changed_at),
      skippedCount: row.skipped_count,
      lastSkipped: row.last_skipped,
      lastSkippedAt: iso(row.last_skipped_at),
    },
  };
}

/**
 * An inbox with its member ids (who see it when access is 'members'). `imap`: the inbox's IMAP row or
 * null for managers; undefined leaves the field out (agents).
 */
export function presentInbox(
  row: InboxRow,
  memberIds: string[],
  imap?: InboxImapRow | null,
  smtp?: InboxSmtpRow | null,
): TInbox {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    address: row.address,
    widgetKey: row.widget_key,
    access: row.access,
    autoAcknowledge: row.auto_acknowledge,
    calendarId: row.calendar_id,
    memberIds,
    ...(imap === undefined ? {} : { imap: imap ? presentInboxImap(imap) : null }),
    ...(smtp === undefined
      ? {}
      : {
          smtp: smtp
            ? { host: smtp.host, port: smtp.port, secure: smtp.is_secure, username: smtp.username }
            : null,
        }),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
