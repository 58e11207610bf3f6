import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { cancelFollowUp } from "../commands/cancel-follow-up.js";
import { getConversation } from "../commands/get-conversation.js";
import { FOLLOW_UP_NOTE_MAX, setFollowUp } from "../commands/set-follow-up.js";
import { forbidden } from "../lib/errors.js";
import { actorOf } from "../plugins/auth.js";
import { canActOnConversation } from "../policies/conversation-policy.js";
import { presentFollowUp, ZFollowUp } from "../presenters/follow-up-presenter.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/** PUT /conversations/:id/follow-up: when (in the future) and, optionally, what to check then. */
export const ZSetFollowUpBody = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(FOLLOW_UP_NOTE_MAX).optional(),
});

/** /conversations/:id/follow-up: "follow up on <date>", one pending per conversation. */
export function registerFollowUpRoutes(app: ApiApp, ctx: AppContext): void {
  app.put(
    "/conversations/:id/follow-up",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "Follow up on a date: then the conversation reopens and its owner is notified (replaces any earlier one)",
        params: ZUuidParams,
        body: ZSetFollowUpBody,
        response: { 200: ZFollowUp, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await getConversation(ctx.db, actor, request.params.id);
      if (!canActOnConversation(actor, "followUp", row)) throw forbidden();
      const followUp = await setFollowUp(ctx.db, actor, row.id, {
        dueAt: new Date(request.body.dueAt),
        note: request.body.note,
      });
      return presentFollowUp({ ...followUp, created_by_name: actor.name });
    },
  );

  app.delete(
    "/conversations/:id/follow-up",
    {
      schema: {
        tags: ["conversations"],
        summary: "Cancel the conversation's pending follow-up (none pending is fine too)",
        params: ZUuidParams,
        response: { 204: z.null(), ...ZErrorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await getConversation(ctx.db, actor, request.params.id);
      if (!canActOnConversation(actor, "followUp", row)) throw forbidden();
      await cancelFollowUp(ctx.db, actor, row.id);
      return reply.status(204).send(null);
    },
  );
}
