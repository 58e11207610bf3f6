/**
 * Runs the embedded PGlite database on its own thread and serves it over a Unix socket with the
 * PostgreSQL wire protocol. PGlite executes queries on the thread that owns it, so keeping it off the
 * main thread is what keeps HTTP and WebSocket traffic responsive while a query runs.
 */
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { batchSocketMessages } from "./socket-batching.js";
import { EMBEDDED_POSTGRES_CONF, startEmbeddedMaintenance } from "./embedded-maintenance.js";

interface WorkerInput {
  pgdata: string;
  socketPath: string;
}

const input = workerData as WorkerInput;
batchSocketMessages();

// A heavy query keeps this thread busy; below the main thread's priority it cannot starve HTTP and
// WebSocket traffic of CPU on a small machine. Linux only: there the nice value is per thread, elsewhere
// it would lower the whole process. A refusal keeps the default priority.
if (process.platform === "linux") {
  try {
    os.setPriority(10);
  } catch {
    // keep the default priority
  }
}
const port = parentPort;
if (!port) throw new Error("pglite-worker must run as a worker thread");

try {
  const db = await PGlite.create({
    dataDir: input.pgdata,
    extensions: { unaccent, pg_trgm },
    initDbStartParams: ["--wal-segsize=1"],
    postgresqlconf: EMBEDDED_POSTGRES_CONF,
  });
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: 4 });
  await server.start();
  const stopMaintenance = startEmbeddedMaintenance(db, {
    pgdata: input.pgdata,
    log: (message) => port.postMessage({ type: "log", message }),
  });
  port.postMessage({ type: "ready" });
  port.on("message", (message: { type: string }) => {
    if (message.type !== "stop") return;
    void (async () => {
      stopMaintenance();
      await server.stop().catch(() => {});
      await db.close().catch(() => {});
      port.postMessage({ type: "stopped" });
    })();
  });
} catch (error) {
  port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
