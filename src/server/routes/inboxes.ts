import net from "node:net";
import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { createInbox } from "../commands/create-inbox.js";
import { setInboxMembers, updateInbox } from "../commands/update-inbox.js";
import { notFound } from "../lib/errors.js";
import { installKeys } from "../lib/install-secret.js";
import { findInboxImaps } from "../models/inbox-imap.js";
import { findInboxSmtps } from "../models/inbox-smtp.js";
import { findInbox, findInboxes, findInboxMembers, type InboxRow } from "../models/inboxes.js";
import { actorOf } from "../plugins/auth.js";
import { canManageInboxes, scopeIncludes } from "../policies/inbox-policy.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import {
  presentInbox,
  ZChannel,
  ZImapAfterFetch,
  ZImapSecurity,
  ZInbox,
  ZInboxAccess,
} from "../presenters/inbox-presenter.js";
import type { Queryable } from "../db/types.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

const HOSTNAME =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
// Control characters (CR and LF above all) would break an IMAP command line.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const ZMailboxName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(NO_CONTROL, "must not contain control characters");

/**
 * IMAP settings of an email inbox. Without TLS (`security: "none"`) only loopback hosts are accepted
 * unless `allowInsecure` is true. Give a `password` or an OAuth2 `accessToken` (XOAUTH2); neither is
 * ever returned: the inbox says `hasPassword` / `hasAccessToken`.
 */
export const ZImapSettingsBody = z.strictObject({
  isEnabled: z.boolean().optional(),
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .refine(
      (host) => HOSTNAME.test(host) || net.isIP(host.replace(/^\[|\]$/g, "")) !== 0,
      "must be a host name or an IP address, without a scheme or port",
    ),
  port: z.number().int().min(1).max(65535).optional(),
  security: ZImapSecurity.optional(),
  allowInsecure: z.boolean().optional(),
  username: z.string().trim().min(1).max(320).regex(NO_CONTROL, "must not contain control characters"),
  password: z.string().min(1).max(1024).regex(NO_CONTROL, "must not contain control characters").optional(),
  accessToken: z
    .string()
    .trim()
    .min(1)
    .max(8192)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII")
    .optional(),
  mailbox: ZMailboxName.optional(),
  afterFetch: ZImapAfterFetch.optional(),
  moveTo: ZMailboxName.nullable().optional(),
});

/** POST /inboxes: `address` is required for (and only checked on) email inboxes; `imap` only for them. */
export const ZCreateInboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  channel: ZChannel,
  address: z.string().trim().max(320).optional(),
  access: ZInboxAccess.optional(),
  /** Email inboxes: answer each new conversation with "we received your message" (capped per sender). */
  autoAcknowledge: z.boolean().optional(),
  /** Email inboxes: send replies through this server instead of HEED_SMTP_URL (smtps://user:pass@host:465). */
  smtpUrl: z.string().trim().min(1).max(2048).optional(),
  imap: ZImapSettingsBody.optional(),
});

/**
 * PATCH /inboxes/:id: the name, who may see it, and its IMAP settings (the given fields change, a
 * password or token only when given; null stops reading the mailbox). Channel and address stay.
 */
export const ZUpdateInboxBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  access: ZInboxAccess.optional(),
  autoAcknowledge: z.boolean().optional(),
  /** A new outgoing server for the inbox's replies; null goes back to HEED_SMTP_URL. */
  smtpUrl: z.string().trim().min(1).max(2048).nullable().optional(),
  imap: ZImapSettingsBody.partial().nullable().optional(),
});

/** PUT /inboxes/:id/members: the complete member list. */
export const ZInboxMembersBody = z.strictObject({ userIds: z.array(z.uuid()).max(1000) });

/** Inboxes with their member ids and, for owners and admins, their IMAP settings: one query each. */
async function presentInboxes(db: Queryable, actor: Actor, rows: InboxRow[]) {
  const ids = rows.map((row) => row.id);
  const members = await findInboxMembers(db, ids);
  const imaps = canManageInboxes(actor) ? await findInboxImaps(db, ids) : null;
  const smtps = canManageInboxes(actor) ? await findInboxSmtps(db, ids) : null;
  return rows.map((row) =>
    presentInbox(
      row,
      members.filter((m) => m.inbox_id === row.id).map((m) => m.user_id),
      imaps ? (imaps.find((imap) => imap.inbox_id === row.id) ?? null) : undefined,
      smtps ? (smtps.find((smtp) => smtp.inbox_id === row.id) ?? null) : undefined,
    ),
  );
}

/** The install's keys when a body carries IMAP or SMTP settings (secrets are sealed before the transaction). */
const keysFor = (ctx: AppContext, body: { imap?: unknown; smtpUrl?: unknown }) =>
  body.imap || body.smtpUrl ? installKeys(ctx.db, ctx.env.HEED_SECRET) : Promise.resolve(undefined);

/** /inboxes: list and read (what the actor sees), create, change and set members (owners and admins). */
export function registerInboxesRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/inboxes",
    {
      schema: {
        tags: ["inboxes"],
        summary: "The inboxes you can see",
        response: { 200: listOf(ZInbox), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const scope = await findInboxScope(ctx.db, actor);
      const rows = (await findInboxes(ctx.db, actor.workspaceId)).filter((row) => scope.ids.includes(row.id));
      return { data: await presentInboxes(ctx.db, actor, rows), nextCursor: null };
    },
  );

  app.post(
    "/inboxes",
    {
      schema: {
        tags: ["inboxes"],
        summary:
          "Create an inbox (owners and admins); email inboxes need an address no other inbox uses and may read a mailbox by IMAP",
        body: ZCreateInboxBody,
        response: { 201: ZInbox, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const keys = await keysFor(ctx, request.body);
      const inbox = await createInbox(ctx.db, actor, request.body, keys);
      return reply.status(201).send((await presentInboxes(ctx.db, actor, [inbox]))[0]!);
    },
  );

  app.get(
    "/inboxes/:id",
    {
      schema: {
        tags: ["inboxes"],
        summary: "One inbox you can see",
        params: ZUuidParams,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const inbox = await findVisibleInbox(ctx.db, actor, request.params.id);
      return (await presentInboxes(ctx.db, actor, [inbox]))[0]!;
    },
  );

  app.patch(
    "/inboxes/:id",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Rename an inbox, change who may see it or its IMAP settings (owners and admins)",
        params: ZUuidParams,
        body: ZUpdateInboxBody,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const keys = await keysFor(ctx, request.body);
      const inbox = await updateInbox(ctx.db, actor, request.params.id, request.body, keys);
      return (await presentInboxes(ctx.db, actor, [inbox]))[0]!;
    },
  );

  app.put(
    "/inboxes/:id/members",
    {
      schema: {
        tags: ["inboxes"],
        summary: "Set the members of an inbox: who sees it when its access is 'members' (owners and admins)",
        params: ZUuidParams,
        body: ZInboxMembersBody,
        response: { 200: ZInbox, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await setInboxMembers(ctx.db, actor, request.params.id, request.body.userIds);
      const inbox = await findInbox(ctx.db, actor.workspaceId, request.params.id);
      if (!inbox) throw notFound("Inbox");
      return (await presentInboxes(ctx.db, actor, [inbox]))[0]!;
    },
  );
}

/** An inbox the actor may see; 404 alike for missing, another workspace's, or not visible. */
async function findVisibleInbox(db: Queryable, actor: Actor, id: string): Promise<InboxRow> {
  const inbox = await findInbox(db, actor.workspaceId, id);
  if (!inbox || !scopeIncludes(await findInboxScope(db, actor), id)) throw notFound("Inbox");
  return inbox;
}
