import { MigrationError } from "./db/migrate.js";
import { DataFolderError } from "./db/types.js";
import { EnvError } from "./env.js";

export type Log = (level: "info" | "warn" | "error", message: string) => void;

export const cliLog: Log = (level, message) => {
  const line = `[heed] ${message}`;
  if (level === "info") console.log(line);
  else console.error(line);
};

/** Errors whose message is the whole story for an operator: printed without a stack trace. */
export class CliError extends Error {}

/** Runs a CLI action; known failures end with their message and exit code 1. */
export async function runCommand(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (
      error instanceof EnvError ||
      error instanceof DataFolderError ||
      error instanceof MigrationError ||
      error instanceof CliError
    ) {
      console.error(`[heed] ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  }
}
