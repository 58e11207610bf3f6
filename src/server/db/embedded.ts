import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { heedVersion } from "../version.js";
import { openDataFolder } from "./data-folder.js";
import { createPgDatabase } from "./pg-database.js";
import { type Database, DataFolderError } from "./types.js";

const SOCKET_PORT = 5432;

/** The embedded database, plus a way for fault tests to kill its thread as a crash would. */
export interface EmbeddedDatabase extends Database {
  crashEngine(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  log?: (level: "info" | "warn" | "error", message: string) => void;
}

function createWorker(workerData: object): Worker {
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./pglite-worker.js", import.meta.url), { workerData });
  }
  // Running from source (tests, tsx): load the TypeScript worker through tsx's loader.
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const tsx = pathToFileURL(path.join(tsxRoot, "dist/esm/api/index.mjs")).href;
  const entry = new URL("./pglite-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Starts PGlite on a worker thread, listening on a private Unix socket, and waits until it answers.
 * Rejects with the worker's own error message (for example a damaged data folder).
 */
function startWorker(pgdata: string, socketDir: string): Promise<Worker> {
  const worker = createWorker({ pgdata, socketPath: path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) });
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === "ready") {
        cleanup();
        resolve(worker);
      } else if (message.type === "error") {
        cleanup();
        void worker.terminate();
        reject(new Error(message.message));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the database thread exited with code ${code} while opening`));
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

function stopWorker(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000);
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    worker.on("message", (message: { type: string }) => {
      if (message.type === "stopped") void worker.terminate();
    });
    worker.postMessage({ type: "stop" });
  });
}

/**
 * Opens the embedded database in `dataDir`: checks and locks the folder, runs PGlite on a worker thread
 * and returns a Database that talks to it with the same `pg` driver as PostgreSQL mode. If the thread
 * dies, it is restarted; requests meanwhile fail fast with DatabaseUnavailableError (503).
 */
export async function openEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const folder = openDataFolder(options.dataDir, heedVersion);
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-db-"));
  fs.chmodSync(socketDir, 0o700);
  if (folder.isNew)
    log("info", `Creating a new embedded database in ${folder.root} (this takes a few seconds)`);

  let worker: Worker;
  try {
    worker = await startWorker(folder.pgdata, socketDir);
  } catch (error) {
    folder.release();
    fs.rmSync(socketDir, { recursive: true, force: true });
    const reason = (error as Error).message;
    throw new DataFolderError(
      folder.isNew
        ? `Could not create the embedded database in ${folder.root}: ${reason}`
        : `Could not open the embedded database in ${folder.root}: ${reason}. The folder may be damaged; ` +
            `Heed will not re-initialize it. Restore from a backup (heed restore) or point HEED_DATA_DIR elsewhere.`,
    );
  }
  folder.markReady();

  let closing = false;
  const watch = (current: Worker) => {
    current.on("message", (message: { type: string; message?: string }) => {
      if (message.type === "log" && message.message) log("warn", message.message);
    });
    current.once("exit", (code) => {
      if (closing) return;
      log("error", `The embedded database thread stopped (code ${code}); restarting it`);
      const restart = async (delay: number): Promise<void> => {
        await new Promise((r) => setTimeout(r, delay));
        if (closing) return;
        try {
          worker = await startWorker(folder.pgdata, socketDir);
          watch(worker);
          log("info", "The embedded database is back");
        } catch (error) {
          log("error", `Restarting the embedded database failed: ${(error as Error).message}`);
          return restart(Math.min(delay * 2, 30_000));
        }
      };
      void restart(200);
    });
  };
  watch(worker);

  const database = createPgDatabase({
    mode: "embedded",
    config: {
      host: socketDir,
      port: SOCKET_PORT,
      user: "postgres",
      database: "postgres",
      // PGlite is one session: a single client keeps transactions from interleaving.
      max: 1,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: 10_000,
    },
    onClose: async () => {
      closing = true;
      await stopWorker(worker);
      fs.rmSync(socketDir, { recursive: true, force: true });
      folder.release();
    },
  });
  return { ...database, crashEngine: () => worker.terminate().then(() => undefined) };
}
