import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { Actor, AppContext } from "../context.js";
import { findInboxScope } from "../commands/find-inbox-scope.js";
import { setAvailability } from "../commands/set-availability.js";
import { setCapacity } from "../commands/set-capacity.js";
import { updateInboxAssignment } from "../commands/update-inbox-assignment.js";
import type { Queryable } from "../db/types.js";
import { notFound } from "../lib/errors.js";
import { findCapacity, type Capacity } from "../models/agent-capacities.js";
import { findInboxAssignment } from "../models/inbox-assignment.js";
import { findInbox } from "../models/inboxes.js";
import { findUser, type UserRow } from "../models/users.js";
import { actorOf } from "../plugins/auth.js";
import { canManageAssignment } from "../policies/assignment-policy.js";
import { scopeIncludes } from "../policies/inbox-policy.js";
import { userAbilities } from "../policies/user-policy.js";
import {
  presentCapacity,
  presentInboxAssignment,
  ZAssignmentMode,
  ZCapacity,
  ZInboxAssignment,
} from "../presenters/assignment-presenter.js";
import { presentUser } from "../presenters/user-presenter.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";
import { ZManagedUser } from "./users.js";

/**
 * PUT /inboxes/:id/assignment: the whole rule; options left out are off. `stickyDays` 0 is off too.
 */
export const ZInboxAssignmentBody = z.strictObject({
  mode: ZAssignmentMode,
  teamId: z.uuid().nullable().optional(),
  stickyDays: z.number().int().min(0).max(365).nullable().optional(),
  reassignAwayMinutes: z.number().int().min(1).max(43_200).nullable().optional(),
});

const ZLimit = z.number().int().min(0).max(1000).nullable().optional();
/** PUT /users/:id/capacity: the limit per channel; a channel left out or null has none. */
export const ZCapacityBody = z.strictObject({ email: ZLimit, chat: ZLimit, phone: ZLimit, api: ZLimit });

/** PUT /me/availability and /users/:id/availability. */
export const ZAvailabilityBody = z.strictObject({ availability: z.enum(["online", "away", "offline"]) });

const presentManaged = (actor: Actor, row: UserRow) => ({
  ...presentUser(row),
  abilities: userAbilities(actor, row),
});

/** An inbox the actor may see; 404 alike for missing, another workspace's, or not visible. */
async function findVisibleInboxId(db: Queryable, actor: Actor, id: string): Promise<string> {
  const inbox = await findInbox(db, actor.workspaceId, id);
  if (!inbox || !scopeIncludes(await findInboxScope(db, actor), id)) throw notFound("Inbox");
  return inbox.id;
}

function capacityOf(body: z.infer<typeof ZCapacityBody>): Capacity {
  const capacity: Capacity = {};
  for (const channel of ["email", "chat", "phone", "api"] as const) {
    const limit = body[channel];
    if (typeof limit === "number") capacity[channel] = limit;
  }
  return capacity;
}

/**
 * Assignment settings: inbox rules and agents' capacities (owners and admins change them, everyone
 * who sees them reads them) and availability (your own; owners and admins also others').
 */
export function registerAssignmentRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/inboxes/:id/assignment",
    {
      schema: {
        tags: ["assignment"],
        summary: "An inbox's assignment rule (an inbox you can see)",
        params: ZUuidParams,
        response: { 200: ZInboxAssignment, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const inboxId = await findVisibleInboxId(ctx.db, actor, request.params.id);
      const row = await findInboxAssignment(ctx.db, actor.workspaceId, inboxId);
      return presentInboxAssignment(inboxId, row, { update: canManageAssignment(actor) });
    },
  );

  app.put(
    "/inboxes/:id/assignment",
    {
      schema: {
        tags: ["assignment"],
        summary:
          "Set an inbox's assignment rule: manual, round robin or balanced, a team, sticky days, away reassignment (owners and admins)",
        params: ZUuidParams,
        body: ZInboxAssignmentBody,
        response: { 200: ZInboxAssignment, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      const row = await updateInboxAssignment(ctx.db, actor, request.params.id, {
        mode: body.mode,
        teamId: body.teamId ?? null,
        stickyDays: body.stickyDays ?? null,
        reassignAwayMinutes: body.reassignAwayMinutes ?? null,
      });
      return presentInboxAssignment(row.inbox_id, row, { update: true });
    },
  );

  app.get(
    "/users/:id/capacity",
    {
      schema: {
        tags: ["assignment"],
        summary: "A user's capacity: the most open or pending conversations per channel (null: no limit)",
        params: ZUuidParams,
        response: { 200: ZCapacity, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await findUser(ctx.db, actor.workspaceId, request.params.id);
      if (!user) throw notFound("User");
      const capacity = await findCapacity(ctx.db, user.id);
      return presentCapacity(user.id, capacity, { update: canManageAssignment(actor) });
    },
  );

  app.put(
    "/users/:id/capacity",
    {
      schema: {
        tags: ["assignment"],
        summary: "Set a user's capacity per channel; left out or null: no limit (owners and admins)",
        params: ZUuidParams,
        body: ZCapacityBody,
        response: { 200: ZCapacity, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const capacity = await setCapacity(ctx.db, actor, request.params.id, capacityOf(request.body));
      return presentCapacity(request.params.id, capacity, { update: true });
    },
  );

  app.put(
    "/me/availability",
    {
      schema: {
        tags: ["assignment"],
        summary: "Say whether you take work: online, away or offline (only online agents are assigned)",
        body: ZAvailabilityBody,
        response: { 200: ZManagedUser, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await setAvailability(ctx.db, actor, actor.userId, request.body.availability);
      return presentManaged(actor, user);
    },
  );

  app.put(
    "/users/:id/availability",
    {
      schema: {
        tags: ["assignment"],
        summary: "Set a user's availability (yourself; owners anyone, admins agents)",
        params: ZUuidParams,
        body: ZAvailabilityBody,
        response: { 200: ZManagedUser, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await setAvailability(ctx.db, actor, request.params.id, request.body.availability);
      return presentManaged(actor, user);
    },
  );
}
