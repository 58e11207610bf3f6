/**
 * How long `heed backup` and `heed restore` take on the benchmark's data set: the backup is written
 * from the measured database and restored into a fresh database of the same kind, and the restored row
 * counts are compared with the original's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { restoreBackup } from "../src/server/backup/restore-backup.js";
import { writeBackup } from "../src/server/backup/write-backup.js";
import { countRows } from "./check-data.js";
import type { BenchTarget } from "./targets.js";

export interface BackupTiming {
  bytes: number;
  backupMs: number;
  restoreMs: number;
}

export async function timeBackupAndRestore(
  source: BenchTarget,
  workspaceId: string,
  openFresh: () => Promise<BenchTarget | undefined>,
): Promise<BackupTiming> {
  const file = path.join(os.tmpdir(), `heed-bench-${source.mode}-${process.pid}.heedbackup.gz`);
  try {
    let started = performance.now();
    const { bytes } = await writeBackup(source.db, file);
    const backupMs = Math.round(performance.now() - started);
    const fresh = await openFresh();
    if (!fresh) throw new Error(`could not open a second ${source.mode} database to restore into`);
    try {
      started = performance.now();
      await restoreBackup(fresh.db, file);
      const restoreMs = Math.round(performance.now() - started);
      const [before, after] = [
        await countRows(source.db, workspaceId),
        await countRows(fresh.db, workspaceId),
      ];
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        throw new Error(`restored rows differ: ${JSON.stringify(before)} vs ${JSON.stringify(after)}`);
      }
      return { bytes, backupMs, restoreMs };
    } finally {
      await fresh.close();
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}
