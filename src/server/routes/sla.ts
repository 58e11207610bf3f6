import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { getConversation } from "../commands/get-conversation.js";
import { deleteSlaPolicy, reorderSlaPolicyList, saveSlaPolicy } from "../commands/save-sla-policy.js";
import { findConversationEventsOfType } from "../models/events.js";
import { findConversationClocks } from "../models/response-clocks.js";
import { findSlaPolicies } from "../models/sla-policies.js";
import { actorOf } from "../plugins/auth.js";
import {
  presentClock,
  presentSlaHistoryEntry,
  presentSlaPolicy,
  ZSlaOverview,
  ZSlaPolicy,
} from "../presenters/sla-presenter.js";
import { listOf, ZErrorResponses, ZUuidParams } from "./schemas.js";

/** At most a year, in seconds: a target is a promise to customers, not a placeholder. */
const ZTarget = z
  .number()
  .int()
  .min(60)
  .max(366 * 24 * 3600)
  .nullable()
  .default(null);

export const ZSlaPolicyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  isEnabled: z.boolean().default(true),
  priorities: z
    .array(z.enum(["low", "normal", "high", "urgent"]))
    .max(4)
    .default([]),
  inboxIds: z.array(z.uuid()).max(100).default([]),
  tagIds: z.array(z.uuid()).max(100).default([]),
  firstResponseSeconds: ZTarget,
  nextResponseSeconds: ZTarget,
  resolutionSeconds: ZTarget,
  warnPercent: z.number().int().min(1).max(99).default(80),
});

const fieldsOf = (body: z.infer<typeof ZSlaPolicyBody>) => ({
  ...body,
  priorities: [...new Set(body.priorities)],
  inboxIds: [...new Set(body.inboxIds)],
  tagIds: [...new Set(body.tagIds)],
});

/** /sla-policies (owners and admins change them; everyone reads them) and a conversation's SLA clocks. */
export function registerSlaRoutes(app: ApiApp, ctx: AppContext): void {
  app.get(
    "/sla-policies",
    {
      schema: {
        tags: ["sla"],
        summary: "The workspace's SLA policies, in the order they are tried",
        response: { 200: listOf(ZSlaPolicy), ...ZErrorResponses },
      },
    },
    async (request) => ({
      data: (await findSlaPolicies(ctx.db, actorOf(request).workspaceId)).map(presentSlaPolicy),
      nextCursor: null,
    }),
  );
  app.post(
    "/sla-policies",
    {
      schema: {
        tags: ["sla"],
        summary: "Add an SLA policy (tried after the existing ones)",
        body: ZSlaPolicyBody,
        response: { 201: ZSlaPolicy, ...ZErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentSlaPolicy(await saveSlaPolicy(ctx.db, actorOf(request), null, fieldsOf(request.body)))),
  );
  app.put(
    "/sla-policies/order",
    {
      schema: {
        tags: ["sla"],
        summary: "Set the order the policies are tried in (every policy id once)",
        body: z.strictObject({ ids: z.array(z.uuid()).max(200) }),
        response: { 200: listOf(ZSlaPolicy), ...ZErrorResponses },
      },
    },
    async (request) => ({
      data: (await reorderSlaPolicyList(ctx.db, actorOf(request), request.body.ids)).map(presentSlaPolicy),
      nextCursor: null,
    }),
  );
  app.put(
    "/sla-policies/:id",
    {
      schema: {
        tags: ["sla"],
        summary: "Replace an SLA policy's conditions and targets",
        params: ZUuidParams,
        body: ZSlaPolicyBody,
        response: { 200: ZSlaPolicy, ...ZErrorResponses },
      },
    },
    async (request) =>
      presentSlaPolicy(
        await saveSlaPolicy(ctx.db, actorOf(request), request.params.id, fieldsOf(request.body)),
      ),
  );
  app.delete(
    "/sla-policies/:id",
    {
      schema: {
        tags: ["sla"],
        summary: "Delete an SLA policy (clocks it set keep their targets)",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      await deleteSlaPolicy(ctx.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/conversations/:id/sla",
    {
      schema: {
        tags: ["sla"],
        summary: "A conversation's response clocks and its SLA history",
        params: ZUuidParams,
        response: {
          200: ZSlaOverview,
          ...ZErrorResponses,
        },
      },
    },
    async (request) => {
      const conversation = await getConversation(ctx.db, actorOf(request), request.params.id);
      const clocks = await findConversationClocks(ctx.db, conversation.id);
      const events = await findConversationEventsOfType(ctx.db, conversation.id, "sla.");
      // In the order things happened: a breach keeps its true moment even when recorded late.
      const history = events.map(presentSlaHistoryEntry).sort((a, b) => a.at.localeCompare(b.at));
      return { clocks: clocks.map(presentClock), history };
    },
  );
}
