import type { Command } from "commander";
import { createUser } from "./commands/create-user.js";
import { createWorkspace } from "./commands/create-workspace.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import type { Database } from "./db/types.js";
import { loadEnv } from "./env.js";
import { CliError, type Log, runCommand } from "./cli-support.js";

/** Opens the configured database (migrated), runs `fn`, and always closes it. */
export async function withDatabase<T>(log: Log, fn: (db: Database) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const db = await openDatabase(env, log);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** `heed user create`, `heed demo`, `heed backup`, `heed restore`: commands an operator runs by hand. */
export function registerAdminCommands(program: Command, log: Log): void {
  const user = program.command("user").description("manage users");
  user
    .command("create")
    .description("create a user (the first one also creates the workspace)")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--password <password>", "password, at least 8 characters")
    .option("--name <name>", "display name")
    .option("--role <role>", "owner, admin or agent", "agent")
    .option("--workspace <name>", "workspace name when this is the first user", "My workspace")
    .action((opts: { email: string; password: string; name?: string; role: string; workspace: string }) =>
      runCommand(async () => {
        if (!["owner", "admin", "agent"].includes(opts.role))
          throw new CliError("--role must be owner, admin or agent");
        if (opts.password.length < 8) throw new CliError("--password must be at least 8 characters");
        const name = opts.name ?? opts.email.split("@")[0]!;
        await withDatabase(log, async (db) => {
          const rows = await db.query<{ id: string }>(
            "SELECT id FROM workspaces ORDER BY created_at LIMIT 1",
          );
          const workspaceId = rows[0]?.id;
          if (!workspaceId) {
            await createWorkspace(db, {
              name: opts.workspace,
              owner: { email: opts.email, name, password: opts.password },
            });
            log("info", `Created workspace "${opts.workspace}" with owner ${opts.email}`);
            return;
          }
          const role = opts.role as "owner" | "admin" | "agent";
          await db.transaction((tx) =>
            createUser(tx, { workspaceId, email: opts.email, name, role, password: opts.password }),
          );
          log("info", `Created ${role} ${opts.email}`);
        });
      }),
    );
}
