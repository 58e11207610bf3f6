import { z } from "zod";
import type { ApiApp } from "../app.js";
import type { AppContext } from "../context.js";
import { heedVersion } from "../version.js";

const ZHealth = z.object({
  status: z.enum(["ok", "error"]),
  database: z.enum(["embedded", "postgres"]),
  version: z.string(),
  failing: z.string().optional(),
  message: z.string().optional(),
});

/** GET /healthz: 200 when the database answers within 2 s, 503 naming the failing part otherwise. */
export function registerHealthRoutes(app: ApiApp, ctx: AppContext): void {
  app.get("/healthz", { schema: { response: { 200: ZHealth, 503: ZHealth } } }, async (_request, reply) => {
    try {
      await Promise.race([
        ctx.db.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 2 s")), 2000).unref()),
      ]);
      return { status: "ok" as const, database: ctx.db.mode, version: heedVersion };
    } catch (error) {
      return reply.status(503).send({
        status: "error" as const,
        database: ctx.db.mode,
        version: heedVersion,
        failing: "database",
        message: (error as Error).message,
      });
    }
  });
}
