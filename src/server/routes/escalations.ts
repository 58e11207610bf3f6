import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { escalateConversation } from "../commands/escalate-conversation.js";
import { getConversation } from "../commands/get-conversation.js";
import { forbidden } from "../lib/errors.js";
import { actorOf } from "../plugins/auth.js";
import { canActOnConversation } from "../policies/conversation-policy.js";
import { ZConversation } from "../presenters/conversation-presenter.js";
import { loadConversation } from "./conversations.js";
import { ZErrorResponses, ZUuidParams } from "./schemas.js";

/** POST /conversations/:id/escalate: why, and optionally to whom (a team lead, owner or admin). */
export const ZEscalateBody = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
  leadId: z.uuid().optional(),
});

/** Escalation: hand a conversation to a lead with a reason. */
export function registerEscalationRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    "/conversations/:id/escalate",
    {
      schema: {
        tags: ["conversations"],
        summary:
          "Escalate to a lead with a reason: the lead (of the conversation's team unless leadId names one) is assigned and notified",
        params: ZUuidParams,
        body: ZEscalateBody,
        response: { 200: ZConversation, ...ZErrorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await getConversation(ctx.db, actor, request.params.id);
      // Escalating reassigns: whoever may assign the conversation may escalate it.
      if (!canActOnConversation(actor, "assign", row)) throw forbidden();
      await escalateConversation(ctx.db, actor, row.id, request.body);
      return loadConversation(ctx.db, actor, row.id);
    },
  );
}
