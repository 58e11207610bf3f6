#!/usr/bin/env node
import { Command } from "commander";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { loadEnv } from "./env.js";
import { cliLog, runCommand } from "./cli-support.js";
import { startServer } from "./server.js";
import { heedVersion } from "./version.js";
import { registerAdminCommands } from "./cli-admin.js";

const log = cliLog;

const program = new Command()
  .name("heed")
  .description("Heed, the self-hosted help desk")
  .version(heedVersion);

program
  .command("start")
  .description("run Heed (web and worker roles as HEED_ROLE says)")
  .action(() =>
    runCommand(async () => {
      const env = loadEnv();
      const server = await startServer(env, log);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log("info", `${signal}: shutting down`);
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", () => stop("SIGINT"));
      process.on("SIGTERM", () => stop("SIGTERM"));
    }),
  );

program
  .command("migrate")
  .description("apply pending database migrations and exit")
  .action(() =>
    runCommand(async () => {
      const env = loadEnv();
      const db = await openDatabase(env, log);
      try {
        const applied = await migrate(db);
        log("info", applied.length > 0 ? `Applied: ${applied.join(", ")}` : "The database is up to date");
      } finally {
        await db.close();
      }
    }),
  );

registerAdminCommands(program, log);

await program.parseAsync(process.argv);
