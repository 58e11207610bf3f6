import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { coachDraft } from "../commands/coach-draft.js";
import { actorOf } from "../plugins/auth.js";
import { ZCoachResult } from "../presenters/coach-presenter.js";
import { ZErrorResponses, ZLanguage } from "./schemas.js";

/** POST /coach: the draft as typed, and what it answers. */
export const ZCoachBody = z.strictObject({
  text: z.string().max(20_000),
  lang: ZLanguage.optional(),
  context: z
    .strictObject({
      conversationId: z.uuid().optional(),
      complaint: z.boolean().optional(),
      closing: z.boolean().optional(),
    })
    .optional(),
});

/** The reply coach (docs/reply-coach.md): findings on a draft while the agent types. */
export function registerCoachRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(
    "/coach",
    {
      schema: {
        tags: ["reply coach"],
        summary:
          "Points out negative, blaming or unclear phrasing and a missing next step; the LATTE checklist for complaints",
        body: ZCoachBody,
        response: { 200: ZCoachResult, ...ZErrorResponses },
      },
      // called while typing (the web app waits for a pause): generous, but not unbounded
      config: {
        rateLimit: {
          max: 600,
          timeWindow: "1 minute",
          keyGenerator: (request) => request.actor?.userId ?? request.ip,
        },
      },
    },
    async (request) => {
      const { text, lang, context } = request.body;
      return coachDraft(ctx.db, actorOf(request), { text, lang, ...context });
    },
  );
}
