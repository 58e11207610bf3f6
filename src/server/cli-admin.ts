import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { BackupFormatError, RestoreRefusedError } from "./backup/format.js";
import { restoreBackup } from "./backup/restore-backup.js";
import { writeBackup } from "./backup/write-backup.js";
import { createUser } from "./commands/create-user.js";
import { createWorkspace } from "./commands/create-workspace.js";
import { migrate } from "./db/migrate.js";
import { openDatabase } from "./db/open-database.js";
import { type Database, DataFolderError } from "./db/types.js";
import { loadEnv, type TEnv } from "./env.js";
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
  registerBackupCommands(program, log);
}

/**
 * Opens the database for backup or restore without migrating it: a backup records the schema as it is,
 * and a restore brings the schema to the backup's own version first. An embedded data folder is locked
 * while Heed runs on it, so the lock error is explained in backup terms.
 */
async function openForBackup(env: TEnv, log: Log, action: "backed up" | "restored"): Promise<Database> {
  try {
    return await openDatabase(env, log);
  } catch (error) {
    if (!env.DATABASE_URL && error instanceof DataFolderError && /in use|locked/.test(error.message)) {
      throw new CliError(
        `The embedded database can be ${action} only while Heed is not running on it. ${error.message}`,
      );
    }
    throw error;
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function registerBackupCommands(program: Command, log: Log): void {
  program
    .command("backup")
    .description(
      "write a logical backup of the database to FILE (gzip'd JSON lines). PostgreSQL: safe beside a " +
        "running Heed (one consistent snapshot). Embedded: stop Heed first (the data folder is locked)",
    )
    .argument("<file>", "backup file to write, e.g. heed-2025-01-31.heedbackup.gz")
    .option("--force", "overwrite FILE if it exists")
    .action((file: string, opts: { force?: boolean }) =>
      runCommand(async () => {
        const env = loadEnv();
        const target = path.resolve(file);
        if (fs.existsSync(target) && !opts.force) {
          throw new CliError(`${target} exists; choose another name or pass --force to overwrite it.`);
        }
        if (!env.DATABASE_URL && !fs.existsSync(path.join(env.HEED_DATA_DIR, "heed.json"))) {
          throw new CliError(
            `There is no Heed data folder at ${path.resolve(env.HEED_DATA_DIR)} to back up.`,
          );
        }
        const db = await openForBackup(env, log, "backed up");
        try {
          const started = Date.now();
          const summary = await writeBackup(db, target);
          const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
          log(
            "info",
            `Backed up ${plural(Object.keys(summary.tables).length, "table")} (${plural(rows, "row")}) ` +
              `to ${target} (${(summary.bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
        } finally {
          await db.close();
        }
      }),
    );

  program
    .command("restore")
    .description(
      "restore a backup written by `heed backup` into the configured database (embedded or PostgreSQL), " +
        "in one transaction. Refuses a non-empty database unless --force. Stop Heed first (embedded: the " +
        "folder is locked; PostgreSQL: a running Heed would wait for the restore and then see other data)",
    )
    .argument("<file>", "backup file to read")
    .option("--force", "replace everything the database holds")
    .action((file: string, opts: { force?: boolean }) =>
      runCommand(async () => {
        const env = loadEnv();
        const source = path.resolve(file);
        if (!fs.existsSync(source)) throw new CliError(`${source} does not exist.`);
        const db = await openForBackup(env, log, "restored");
        try {
          const started = Date.now();
          const summary = await restoreBackup(db, source, {
            force: opts.force,
            onTable: (name, rows) => {
              if (rows > 0) log("info", `  ${name}: ${plural(rows, "row")}`);
            },
          });
          const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
          log(
            "info",
            `Restored ${plural(rows, "row")} from ${source} (Heed ${summary.header.heedVersion}, ` +
              `${summary.header.createdAt})${summary.replaced ? ", replacing the previous data" : ""} ` +
              `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        } catch (error) {
          if (error instanceof BackupFormatError || error instanceof RestoreRefusedError) {
            throw new CliError(`${error.message} The database was not changed.`);
          }
          throw error;
        } finally {
          await db.close();
        }
      }),
    );
}
