import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifyWebsocket from "@fastify/websocket";
import fastifySwagger from "@fastify/swagger";
import type { IncomingMessage, ServerResponse } from "node:http";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "./context.js";
import { registerAuth } from "./plugins/auth.js";
import { registerErrorHandler } from "./plugins/error-handler.js";
import { registerApiRoutes } from "./routes/index.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerHelpPublicRoutes } from "./routes/help-public.js";
import { registerWidgetRoutes } from "./routes/widget.js";
import { registerWidgetFileRoutes } from "./routes/widget-files.js";
import { RealtimeHub } from "./realtime/hub.js";
import { heedVersion, packageRoot } from "./version.js";

export type ApiApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface BuildAppOptions {
  /** Folder with the built agent web app; defaults to dist/web. */
  webRoot?: string;
  /** The built chat widget; defaults to dist/widget/widget.js. */
  widgetFile?: string;
  logger?: boolean | { level: string };
}

const defaultWebRoot = fileURLToPath(new URL("dist/web/", packageRoot));
const defaultWidgetFile = fileURLToPath(new URL("dist/widget/widget.js", packageRoot));

/**
 * Builds the HTTP app without listening, so tests drive it in-process with `app.inject` and `main.ts`
 * listens on it. Everything it needs arrives in `ctx`.
 */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<ApiApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    // Fields that must not be written are an error, not silently dropped (zod objects are strict).
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(fastifyCookie);
  // Small frames only: the agent socket carries short JSON messages; files go over HTTP.
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  // preHandler: limits run after the body is parsed, so a limit can be keyed by the email being tried.
  await app.register(fastifyRateLimit, { global: false, hook: "preHandler" });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Heed API", version: heedVersion, description: "The Heed help desk API (see API.md)." },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "heed_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  registerHealthRoutes(app, ctx);
  // One realtime fan-out per process, shared by agents' and chat visitors' sockets.
  const hub = (ctx.realtime ??= new RealtimeHub(ctx.db, (message) => app.log.warn(message)));
  app.addHook("onClose", async () => hub.stop());
  registerWidgetRoutes(app, ctx, hub, { widgetFile: options.widgetFile ?? defaultWidgetFile });
  registerWidgetFileRoutes(app, ctx);
  await app.register(
    async (api) => {
      registerAuth(api, ctx);
      registerApiRoutes(api.withTypeProvider<ZodTypeProvider>(), ctx);
    },
    { prefix: "/api/v1" },
  );
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await registerHelpPublicRoutes(app, ctx);

  const webRoot = options.webRoot ?? defaultWebRoot;
  if (fs.existsSync(path.join(webRoot, "index.html"))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
    // The web app routes on the client: any other page path gets its index.html.
    app.get("/*", { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith("/api/")) {
        return reply.status(404).send({ error: { code: "not_found", message: "No such route" } });
      }
      const file = path.join(webRoot, request.url.split("?")[0]!);
      if (path.extname(file) && !file.endsWith(".html")) {
        return reply.status(404).send({ error: { code: "not_found", message: "No such file" } });
      }
      return reply.sendFile("index.html", { maxAge: 0 });
    });
  } else {
    app.get("/", { schema: { hide: true } }, (_request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .send("Heed is running, but the web app is not built. Run `npm run build`, then restart."),
    );
  }
  return app;
}
