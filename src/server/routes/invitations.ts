import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { acceptInvitation, invitationNotFound } from "../commands/accept-invitation.js";
import { createSession } from "../commands/create-session.js";
import { invitationUrl, inviteUser } from "../commands/invite-user.js";
import { revokeInvitation } from "../commands/revoke-invitation.js";
import { forbidden, invalid } from "../lib/errors.js";
import { hashToken, isUuid } from "../lib/ids.js";
import { findPendingInvitationByToken, findPendingInvitations } from "../models/invitations.js";
import { actorOf } from "../plugins/auth.js";
import { canManageInvitations, canRevokeInvitation } from "../policies/user-policy.js";
import {
  presentInvitation,
  presentInvitationLookup,
  ZInvitation,
  ZInvitationLookup,
} from "../presenters/invitation-presenter.js";
import { presentUser, ZUser } from "../presenters/user-presenter.js";
import { listOf, ZErrorResponses, ZLanguage, ZPageQuery, ZUuidParams } from "./schemas.js";
import { setSessionCookie } from "./session.js";

const ZToken = z.string().min(1).max(200);

/** POST /invitations: owners are never invited (an owner promotes an admin instead). */
export const ZCreateInvitationBody = z.strictObject({
  email: z.string().trim().max(320).pipe(z.email()),
  role: z.enum(["admin", "agent"]),
  name: z.string().trim().min(1).max(200).optional(),
});

/** POST /invitations/accept: email and role come from the invitation, never from the invitee. */
export const ZAcceptInvitationBody = z.strictObject({
  token: ZToken,
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, "must be at least 8 characters").max(1000),
  language: ZLanguage.optional(),
});

const ZCreatedInvitation = ZInvitation.extend({ url: z.string() });

// Public pages: per address, enough for a person, too few for a script.
const publicLimit = { max: 20, timeWindow: "5 minutes" };

/**
 * /invitations: owners and admins invite people by a single-use link (7 days) and revoke it; the
 * invitee looks the link up and accepts it without being signed in.
 */
export function registerInvitationsRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    "/invitations",
    {
      schema: {
        tags: ["invitations"],
        summary: "Invite someone; the link (url) is shown only in this answer",
        body: ZCreateInvitationBody,
        response: { 201: ZCreatedInvitation, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { invitation, token } = await inviteUser(ctx.db, actor, request.body, {
        mail: { from: ctx.env.mailFrom, publicUrl: ctx.env.publicUrl },
      });
      ctx.wakeWorker?.();
      return reply.status(201).send({
        ...presentInvitation(invitation, { revoke: canRevokeInvitation(actor, invitation) }),
        url: invitationUrl(ctx.env.publicUrl, token),
      });
    },
  );

  app.get(
    "/invitations",
    {
      schema: {
        tags: ["invitations"],
        summary: "Pending invitations, newest first (owners and admins)",
        querystring: z.strictObject(ZPageQuery),
        response: { 200: listOf(ZInvitation), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!canManageInvitations(actor)) throw forbidden("Only owners and admins can see invitations");
      const { limit, cursor } = request.query;
      if (cursor !== undefined && !isUuid(cursor))
        throw invalid("cursor", "is not a cursor this list gave out");
      const rows = await findPendingInvitations(ctx.db, actor.workspaceId, {
        limit: limit + 1,
        beforeId: cursor,
      });
      const page = rows.slice(0, limit);
      return {
        data: page.map((row) => presentInvitation(row, { revoke: canRevokeInvitation(actor, row) })),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.delete(
    "/invitations/:id",
    {
      schema: {
        tags: ["invitations"],
        summary: "Revoke a pending invitation: its link stops working",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await revokeInvitation(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/invitations/lookup",
    {
      config: { isPublic: true, rateLimit: publicLimit },
      schema: {
        tags: ["invitations"],
        summary: "What an invitation link is for; 404 alike for unknown, used, expired and revoked links",
        querystring: z.strictObject({ token: ZToken }),
        response: { 200: ZInvitationLookup, ...ZErrorResponses },
      },
    },
    async (request) => {
      const invitation = await findPendingInvitationByToken(ctx.db, hashToken(request.query.token));
      if (!invitation) throw invitationNotFound();
      return presentInvitationLookup(invitation);
    },
  );

  app.post(
    "/invitations/accept",
    {
      config: { isPublic: true, rateLimit: publicLimit },
      schema: {
        tags: ["invitations"],
        summary: "Accept an invitation: creates your account and signs you in",
        body: ZAcceptInvitationBody,
        response: { 201: z.object({ user: ZUser }), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const user = await acceptInvitation(ctx.db, request.body);
      const { token } = await createSession(ctx.db, {
        email: user.email,
        password: request.body.password,
        userAgent: request.headers["user-agent"],
        ip: request.ip,
      });
      setSessionCookie(ctx, reply, token);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );
}
