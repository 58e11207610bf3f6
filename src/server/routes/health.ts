import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { findImapProblems } from "../models/inbox-imap.js";
import { ZImapFetchState } from "../presenters/inbox-presenter.js";
import { heedVersion } from "../version.js";

/**
 * IMAP fetching, present when any inbox reads a mailbox: how many do, and each one failing, stuck or
 * not fetched by any process, with its stable error code (details are in the inbox's settings).
 */
const ZImapHealth = z.object({
  inboxes: z.number(),
  problems: z.array(
    z.object({
      inboxId: z.string(),
      state: ZImapFetchState,
      code: z.string().nullable(),
      since: z.string().nullable(),
    }),
  ),
});

const ZHealth = z.object({
  status: z.enum(["ok", "degraded", "error"]),
  database: z.enum(["embedded", "postgres"]),
  version: z.string(),
  failing: z.string().optional(),
  message: z.string().optional(),
  imap: ZImapHealth.optional(),
});

const within2s = <T>(work: Promise<T>) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("no answer within 2 s")), 2000).unref(),
    ),
  ]);

/**
 * GET /healthz: 200 when the database answers within 2 s, 503 naming the failing part otherwise. When an
 * IMAP inbox is failing, stuck or not fetched, the answer stays 200 (the server itself works) with
 * `status: "degraded"`, `failing: "imap"` and the inboxes under `imap.problems`.
 */
export function registerHealthRoutes(app: ApiApp, ctx: AppContext): void {
  app.get("/healthz", { schema: { response: { 200: ZHealth, 503: ZHealth } } }, async (_request, reply) => {
    const base = { database: ctx.db.mode, version: heedVersion };
    try {
      const imap = await within2s(ctx.db.ping().then(() => findImapProblems(ctx.db)));
      if (imap.enabled === 0) return { status: "ok" as const, ...base };
      const problems = imap.problems.map((p) => ({
        inboxId: p.inbox_id,
        state: p.fetch_state,
        code: p.last_error_code,
        since: p.since ? p.since.toISOString() : null,
      }));
      const health = { ...base, imap: { inboxes: imap.enabled, problems } };
      if (problems.length === 0) return { status: "ok" as const, ...health };
      const states = [...new Set(problems.map((p) => (p.code ? `${p.state} (${p.code})` : p.state)))];
      return {
        status: "degraded" as const,
        ...health,
        failing: "imap",
        message: `${problems.length} of ${imap.enabled} IMAP inbox(es) not fetching: ${states.join(", ")}`,
      };
    } catch (error) {
      return reply.status(503).send({
        status: "error" as const,
        ...base,
        failing: "database",
        message: (error as Error).message,
      });
    }
  });
}
