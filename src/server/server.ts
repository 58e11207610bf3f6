import fs from "node:fs";
import { buildApp, type ApiApp } from "./app.js";
import type { AppContext } from "./context.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import type { Database } from "./db/types.js";
import type { TEnv } from "./env.js";
import { startJobs, type Jobs } from "./jobs/index.js";
import { CliError } from "./cli-support.js";
import { startSmtpReceiver, type SmtpReceiver } from "./email/smtp-receiver.js";
import { startImapFetchers, type ImapFetchers } from "./email/imap-fetcher.js";
import { ensureOwner } from "./setup.js";

export interface RunningServer {
  app: ApiApp | null;
  db: Database;
  url: string | null;
  stop(): Promise<void>;
}

type Log = (level: "info" | "warn" | "error", message: string) => void;

/**
 * Opens the database, applies migrations, makes sure an owner exists and starts the roles asked for:
 * `web` serves HTTP, `worker` runs background jobs (snooze wake-ups, IMAP fetching, …), `all` does both.
 */
export async function startServer(env: TEnv, log: Log): Promise<RunningServer> {
  const db = await openDatabase(env, log);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log("info", `Applied migrations: ${applied.join(", ")}`);
    const ctx: AppContext = { db, env };
    const setup = await ensureOwner(ctx);
    if (setup.kind === "owner-created") log("info", `Created the owner ${setup.email} and a workspace`);
    if (setup.kind === "setup-link")
      log("info", `Finish setting up Heed here (link valid 24 h): ${setup.url}`);

    let jobs: Jobs | null = null;
    let imap: ImapFetchers | null = null;
    if (env.HEED_ROLE !== "web") {
      jobs = startJobs(ctx, log);
      ctx.wakeWorker = () => jobs?.poke();
      // Mailboxes read over IMAP: fetched mail is turned into conversations at once.
      imap = startImapFetchers(ctx, { log, onStored: () => jobs?.pokeInbound() });
    }
    let app: ApiApp | null = null;
    let url: string | null = null;
    let smtp: SmtpReceiver | null = null;
    if (env.HEED_ROLE !== "worker") {
      app = await buildApp(ctx, { logger: { level: env.HEED_LOG_LEVEL } });
      url = await app.listen({ port: env.PORT, host: env.HOST });
      log("info", `Heed is listening on ${url} (database: ${db.mode})`);
      if (env.HEED_SMTP_PORT > 0) {
        try {
          smtp = await startSmtpReceiver(ctx, {
            port: env.HEED_SMTP_PORT,
            host: env.HOST,
            log,
            onStored: (stored) => jobs?.pokeInbound(stored),
            ...(env.HEED_SMTP_TLS_KEY && env.HEED_SMTP_TLS_CERT
              ? {
                  tls: {
                    key: fs.readFileSync(env.HEED_SMTP_TLS_KEY, "utf8"),
                    cert: fs.readFileSync(env.HEED_SMTP_TLS_CERT, "utf8"),
                  },
                }
              : {}),
          });
        } catch (error) {
          await app.close();
          throw new CliError(
            `The SMTP receiver cannot listen on ${env.HOST}:${env.HEED_SMTP_PORT} (${(error as Error).message}): ` +
              "set HEED_SMTP_PORT to a free port, or to 0 to turn the receiver off.",
          );
        }
        log(
          "info",
          `Receiving email by SMTP on ${env.HOST}:${smtp.port}${env.HEED_SMTP_TLS_CERT ? " (STARTTLS offered)" : ""}`,
        );
      }
    }
    return {
      app,
      db,
      url,
      async stop() {
        await imap?.stop();
        await jobs?.stop();
        await smtp?.close();
        await app?.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
