#!/usr/bin/env node
import { Command } from "commander";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { loadEnv } from "./env.js";
import { CliError, cliLog, runCommand } from "./cli-support.js";
import { seedDemo } from "./demo/seed-demo.js";
import { HttpError } from "./lib/errors.js";
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

program
  .command("demo")
  .description("add a demo workspace: agents, an inbox per channel, ~200 conversations in four languages")
  .option("--conversations <n>", "how many conversations", "200")
  .action((opts: { conversations: string }) =>
    runCommand(async () => {
      const count = Number(opts.conversations);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new CliError("--conversations must be a whole number from 1 to 100000");
      }
      const env = loadEnv();
      const db = await openDatabase(env, log);
      try {
        await migrate(db);
        const started = Date.now();
        const result = await seedDemo(db, { conversations: count });
        log(
          "info",
          `Demo workspace ready: ${result.conversations} conversations in ${Math.round((Date.now() - started) / 1000)} s`,
        );
        log("info", `Sign in as any of these with the password "${result.password}":`);
        for (const user of result.users) log("info", `  ${user.email} (${user.role})`);
      } catch (error) {
        if (error instanceof HttpError) throw new CliError(error.message);
        throw error;
      } finally {
        await db.close();
      }
    }),
  );

registerAdminCommands(program, log);

await program.parseAsync(process.argv);
