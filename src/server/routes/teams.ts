import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { createTeam } from "../commands/create-team.js";
import { deleteTeam } from "../commands/delete-team.js";
import { setTeamMembers } from "../commands/set-team-members.js";
import { updateTeam } from "../commands/update-team.js";
import { notFound } from "../lib/errors.js";
import { decodeNameCursor, encodeNameCursor } from "../lib/name-cursor.js";
import { findTeams, findTeamWithMembers } from "../models/teams.js";
import { actorOf } from "../plugins/auth.js";
import { teamAbilities } from "../policies/team-policy.js";
import { presentTeam, ZTeam } from "../presenters/team-presenter.js";
import { listOf, ZErrorResponses, ZPageQuery, ZUuidParams } from "./schemas.js";

const ZTeamName = z.string().trim().min(1).max(100);

/** POST /teams: only the name; members are set with PUT /teams/:id/members. */
export const ZCreateTeamBody = z.strictObject({ name: ZTeamName });
/** PATCH /teams/:id: the name. */
export const ZUpdateTeamBody = z.strictObject({ name: ZTeamName.optional() });
/**
 * PUT /teams/:id/members: the complete list of members and, optionally, of leads (members who take
 * escalations); without `leadIds` the members who stay keep their lead flag.
 */
export const ZSetTeamMembersBody = z.strictObject({
  userIds: z.array(z.uuid()).max(1000),
  leadIds: z.array(z.uuid()).max(1000).optional(),
});

/** /teams: everyone reads teams; owners and admins create, rename, delete them and set their members. */
export function registerTeamsRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/teams",
    {
      schema: {
        tags: ["teams"],
        summary: "The workspace's teams with their members, by name",
        querystring: z.strictObject(ZPageQuery),
        response: { 200: listOf(ZTeam), ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { limit, cursor } = request.query;
      const rows = await findTeams(ctx.db, actor.workspaceId, {
        limit: limit + 1,
        after: decodeNameCursor(cursor),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        data: page.map((row) => presentTeam(row, teamAbilities(actor))),
        nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null,
      };
    },
  );

  app.post(
    "/teams",
    {
      schema: {
        tags: ["teams"],
        summary: "Create a team (owners and admins); names are unique in the workspace",
        body: ZCreateTeamBody,
        response: { 201: ZTeam, ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const team = await createTeam(ctx.db, actor, request.body);
      return reply
        .status(201)
        .send(presentTeam({ ...team, member_ids: [], lead_ids: [] }, teamAbilities(actor)));
    },
  );

  app.get(
    "/teams/:id",
    {
      schema: {
        tags: ["teams"],
        summary: "One team with its members",
        params: ZUuidParams,
        response: { 200: ZTeam, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const team = await findTeamWithMembers(ctx.db, actor.workspaceId, request.params.id);
      if (!team) throw notFound("Team");
      return presentTeam(team, teamAbilities(actor));
    },
  );

  app.patch(
    "/teams/:id",
    {
      schema: {
        tags: ["teams"],
        summary: "Rename a team (owners and admins)",
        params: ZUuidParams,
        body: ZUpdateTeamBody,
        response: { 200: ZTeam, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await updateTeam(ctx.db, actor, request.params.id, request.body);
      const team = await findTeamWithMembers(ctx.db, actor.workspaceId, request.params.id);
      if (!team) throw notFound("Team");
      return presentTeam(team, teamAbilities(actor));
    },
  );

  app.delete(
    "/teams/:id",
    {
      schema: {
        tags: ["teams"],
        summary: "Delete a team (owners and admins); its conversations keep their assignee",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteTeam(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/teams/:id/members",
    {
      schema: {
        tags: ["teams"],
        summary:
          "Set a team's members to exactly these users of the workspace, and optionally its leads (owners and admins)",
        params: ZUuidParams,
        body: ZSetTeamMembersBody,
        response: { 200: ZTeam, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { userIds, leadIds } = request.body;
      const team = await setTeamMembers(ctx.db, actor, request.params.id, userIds, leadIds);
      return presentTeam(team, teamAbilities(actor));
    },
  );
}
