import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataFolderError } from "./types.js";

/** Version of the data folder layout; bumped when a newer Heed writes a folder this one cannot read. */
export const DATA_FORMAT = 1;
const MARKER = "heed.json";
const LOCK = "heed.lock";

interface Marker {
  format: number;
  state: "initializing" | "ready";
  heedVersion: string;
  createdAt: string;
}

export interface DataFolder {
  root: string;
  pgdata: string;
  /** True when the folder holds no database yet and PGlite will create one. */
  isNew: boolean;
  markReady(): void;
  release(): void;
}

function readMarker(file: string): Marker {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataFolderError(
      `${file} is unreadable (${(error as Error).message}); the data folder may be corrupt.`,
    );
  }
  const marker = parsed as Partial<Marker>;
  if (typeof marker.format !== "number" || (marker.state !== "ready" && marker.state !== "initializing")) {
    throw new DataFolderError(`${file} is not a Heed data-folder marker; the data folder may be corrupt.`);
  }
  return marker as Marker;
}

function writeMarker(file: string, marker: Marker): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(marker, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite takes no lock of its own, and two processes writing one folder corrupt it. The lock file names
 * its owner; a lock whose process is gone (after kill -9) is taken over, so a restart is never blocked.
 */
function acquireLock(root: string): () => void {
  const file = path.join(root, LOCK);
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(file, "utf8") === mine) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner: { pid?: number; host?: string } = {};
    try {
      owner = JSON.parse(fs.readFileSync(file, "utf8")) as typeof owner;
    } catch {
      // a torn lock file from a crash: treat as stale
    }
    if (typeof owner.pid === "number" && owner.host === os.hostname() && isAlive(owner.pid)) {
      throw new DataFolderError(
        `The data folder ${root} is in use by another Heed process (pid ${owner.pid}). ` +
          `Stop that process first, or use a different HEED_DATA_DIR.`,
      );
    }
    if (owner.host && owner.host !== os.hostname()) {
      throw new DataFolderError(
        `The data folder ${root} is locked by a Heed process on host ${owner.host}. ` +
          `If that host is really down, delete ${file}.`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new DataFolderError(`Could not lock the data folder ${root}.`);
}

/**
 * Checks and locks the embedded data folder before PGlite opens it. An empty or missing folder becomes a
 * new database; a folder that is foreign, corrupt or written by a newer Heed is refused, never
 * re-initialized, because re-initializing would silently throw away someone's data.
 */
export function openDataFolder(dir: string, heedVersion: string): DataFolder {
  const root = path.resolve(dir);
  const pgdata = path.join(root, "pgdata");
  const markerFile = path.join(root, MARKER);
  fs.mkdirSync(root, { recursive: true });
  const release = acquireLock(root);
  try {
    const entries = fs.readdirSync(root).filter((name) => name !== LOCK && !name.startsWith("."));
    let isNew: boolean;
    if (!fs.existsSync(markerFile)) {
      if (entries.length > 0) {
        throw new DataFolderError(
          `${root} is not empty and is not a Heed data folder (no ${MARKER}). ` +
            `Refusing to use it; point HEED_DATA_DIR at an empty or Heed-created folder.`,
        );
      }
      isNew = true;
    } else {
      const marker = readMarker(markerFile);
      if (marker.format > DATA_FORMAT) {
        throw new DataFolderError(
          `${root} was written by a newer Heed (${marker.heedVersion}, data format ${marker.format}); ` +
            `this is Heed ${heedVersion} (data format ${DATA_FORMAT}). Upgrade Heed to open it.`,
        );
      }
      if (marker.state === "initializing") {
        // A first start was interrupted before anything was acknowledged: starting over loses nothing.
        fs.rmSync(pgdata, { recursive: true, force: true });
        isNew = true;
      } else {
        const version = path.join(pgdata, "PG_VERSION");
        if (!fs.existsSync(version)) {
          throw new DataFolderError(
            `${root} is damaged: ${version} is missing. Refusing to start; restore from a backup (heed restore).`,
          );
        }
        const major = fs.readFileSync(version, "utf8").trim();
        if (major !== "18") {
          throw new DataFolderError(
            `${root} holds a PostgreSQL ${major} database; this Heed embeds PostgreSQL 18. Refusing to start.`,
          );
        }
        isNew = false;
      }
    }
    if (isNew) {
      writeMarker(markerFile, {
        format: DATA_FORMAT,
        state: "initializing",
        heedVersion,
        createdAt: new Date().toISOString(),
      });
    }
    return {
      root,
      pgdata,
      isNew,
      markReady() {
        const marker = readMarker(markerFile);
        if (marker.state !== "ready") writeMarker(markerFile, { ...marker, state: "ready" });
      },
      release,
    };
  } catch (error) {
    release();
    throw error;
  }
}
