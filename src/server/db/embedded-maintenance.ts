import fs from "node:fs";
import path from "node:path";

/**
 * PostgreSQL settings of the embedded database. Small WAL segments (set at initdb) and a small
 * max_wal_size keep a small install small on disk: after a checkpoint PostgreSQL keeps about
 * max_wal_size of WAL files for reuse.
 */
export const EMBEDDED_POSTGRES_CONF = ["min_wal_size = '4MB'", "max_wal_size = '16MB'", "wal_keep_size = 0"];

/** What the maintenance loop needs of PGlite: run one statement, taking its own lock. */
export interface MaintenanceTarget {
  exec(sql: string): Promise<unknown>;
}

export interface MaintenanceOptions {
  pgdata: string;
  /** Checkpoint once the WAL folder is larger than this (bytes). */
  walLimitBytes?: number;
  checkEveryMs?: number;
  analyzeEveryMs?: number;
  vacuumEveryMs?: number;
  log?: (message: string) => void;
}

/** Size in bytes of the files directly in `dir` (the WAL folder is flat). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(dir, entry.name)).size;
  }
  return total;
}

/**
 * PGlite runs PostgreSQL in single-user mode: there is no checkpointer and no autovacuum. Without help the
 * WAL grows without bound (gigabytes after a bulk load) and the planner never gets statistics. This loop,
 * on the database thread, checkpoints when the WAL passes its limit, analyzes hourly and vacuums daily;
 * each statement waits for PGlite's lock like any query. Returns a function that stops the loop.
 */
export function startEmbeddedMaintenance(db: MaintenanceTarget, options: MaintenanceOptions): () => void {
  const walDir = path.join(options.pgdata, "pg_wal");
  const walLimit = options.walLimitBytes ?? 24 * 1024 * 1024;
  const analyzeEvery = options.analyzeEveryMs ?? 3600_000;
  const vacuumEvery = options.vacuumEveryMs ?? 24 * 3600_000;
  const log = options.log ?? (() => {});
  // The first ANALYZE comes a minute after start: a restored or bulk-loaded database gets statistics soon.
  let nextAnalyze = Date.now() + Math.min(60_000, analyzeEvery);
  let nextVacuum = Date.now() + vacuumEvery;
  let busy = false;

  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = Date.now();
      if (now >= nextVacuum) {
        await db.exec("VACUUM (ANALYZE)");
        nextVacuum = now + vacuumEvery;
        nextAnalyze = now + analyzeEvery;
      } else if (now >= nextAnalyze) {
        await db.exec("ANALYZE");
        nextAnalyze = now + analyzeEvery;
      }
      if (folderBytes(walDir) > walLimit) await db.exec("CHECKPOINT");
    } catch (error) {
      log(`embedded maintenance: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.checkEveryMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
