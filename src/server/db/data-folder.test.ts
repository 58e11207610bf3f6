import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { skipLine } from "../../../test/helpers/components.js";
import { cloneTemplateFolder } from "../../../test/helpers/db.js";
import { testMode } from "../../../test/helpers/test-env.js";
import { heedVersion } from "../version.js";
import { DATA_FORMAT, openDataFolder } from "./data-folder.js";
import { openEmbeddedDatabase } from "./embedded.js";
import { DataFolderError } from "./types.js";

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated data folder of our own (a copy of the test template). */
function dataFolder(): string {
  const dir = cloneTemplateFolder();
  folders.push(dir);
  return dir;
}

function emptyFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-folder-"));
  folders.push(dir);
  return dir;
}

/** Every file under `dir` with a hash of its content, to prove a refusal changed nothing. */
function listing(dir: string, ignore: string[] = []): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (ignore.includes(rel)) continue;
    result[rel] = entry.isDirectory()
      ? "dir"
      : createHash("sha256").update(fs.readFileSync(full)).digest("hex").slice(0, 16);
  }
  return result;
}

/** Opens the folder expecting a refusal; returns the message. */
async function refusal(dir: string): Promise<string> {
  const error: unknown = await openEmbeddedDatabase({ dataDir: dir }).then(
    async (db) => {
      await db.close();
      return new Error("opened");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFolderError);
  return (error as Error).message;
}

// The data folder belongs to the embedded database; the PostgreSQL run would repeat the same checks.
if (testMode !== "embedded") skipLine("data folder", "embedded database only; covered by the embedded run");

describe.runIf(testMode === "embedded")("the embedded data folder", () => {
  it("refuses a second open of a folder in use, naming the owner, and leaves the first one working", async () => {
    const dir = dataFolder();
    const db = await openEmbeddedDatabase({ dataDir: dir });
    try {
      const lock = fs.readFileSync(path.join(dir, "heed.lock"), "utf8");
      const marker = fs.readFileSync(path.join(dir, "heed.json"), "utf8");
      const message = await refusal(dir);
      expect(message).toMatch(/in use by another Heed process/);
      expect(message).toContain(`pid ${process.pid}`);
      // The refused open did not take or drop the lock, and did not touch the marker.
      expect(fs.readFileSync(path.join(dir, "heed.lock"), "utf8")).toBe(lock);
      expect(fs.readFileSync(path.join(dir, "heed.json"), "utf8")).toBe(marker);
      expect(await db.query<{ n: number }>("SELECT count(*) AS n FROM schema_migrations")).toEqual([
        { n: expect.any(Number) },
      ]);
      await expect(refusal(dir)).resolves.toMatch(/in use/);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, "heed.lock"))).toBe(false);
  });

  it("takes over the lock of a process that is gone (after kill -9)", async () => {
    const dir = dataFolder();
    // A pid that cannot be alive: above the kernel's pid_max.
    fs.writeFileSync(
      path.join(dir, "heed.lock"),
      JSON.stringify({ pid: 2 ** 30, host: os.hostname(), startedAt: new Date().toISOString() }),
    );
    const db = await openEmbeddedDatabase({ dataDir: dir });
    try {
      const lock = JSON.parse(fs.readFileSync(path.join(dir, "heed.lock"), "utf8")) as { pid: number };
      expect(lock.pid).toBe(process.pid);
    } finally {
      await db.close();
    }
  });

  it("refuses a folder locked from another host, without taking it over", async () => {
    const dir = dataFolder();
    const lock = JSON.stringify({ pid: 1, host: "some-other-host", startedAt: new Date().toISOString() });
    fs.writeFileSync(path.join(dir, "heed.lock"), lock);
    const before = listing(dir);
    expect(await refusal(dir)).toMatch(/locked by a Heed process on host some-other-host/);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a non-empty folder that is not a Heed data folder, and leaves it alone", async () => {
    const dir = emptyFolder();
    fs.writeFileSync(path.join(dir, "notes.txt"), "someone's files\n");
    fs.mkdirSync(path.join(dir, "photos"));
    fs.writeFileSync(path.join(dir, "photos", "cat.jpg"), "not really a cat");
    const before = listing(dir);
    expect(await refusal(dir)).toMatch(/is not empty and is not a Heed data folder/);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a folder written by a newer Heed, saying so, and leaves it alone", async () => {
    const dir = dataFolder();
    const markerFile = path.join(dir, "heed.json");
    const marker = JSON.parse(fs.readFileSync(markerFile, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(
      markerFile,
      JSON.stringify({ ...marker, format: DATA_FORMAT + 1, heedVersion: "99.0.0" }),
    );
    const before = listing(dir);
    const message = await refusal(dir);
    expect(message).toMatch(/newer Heed \(99\.0\.0/);
    expect(message).toContain(`this is Heed ${heedVersion}`);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a folder whose database lost PG_VERSION as damaged, and does not re-initialize it", async () => {
    const dir = dataFolder();
    fs.rmSync(path.join(dir, "pgdata", "PG_VERSION"));
    const before = listing(dir);
    const message = await refusal(dir);
    expect(message).toMatch(/is damaged: .*PG_VERSION is missing/);
    expect(message).toMatch(/heed restore/);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a folder whose marker is not readable JSON as corrupt", async () => {
    const dir = dataFolder();
    fs.writeFileSync(path.join(dir, "heed.json"), "{ torn");
    const before = listing(dir);
    expect(await refusal(dir)).toMatch(/heed\.json is unreadable .*may be corrupt/);
    expect(listing(dir)).toEqual(before);
  });

  it("refuses a database PGlite cannot start (pg_control lost) and keeps every file", async () => {
    const dir = dataFolder();
    fs.rmSync(path.join(dir, "pgdata", "global", "pg_control"));
    // PostgreSQL leaves its postmaster.pid behind when it stops abnormally, as after a crash.
    const ignore = ["pgdata/postmaster.pid"];
    const before = listing(dir, ignore);
    expect(await refusal(dir)).toMatch(/may be damaged; Heed will not re-initialize it/);
    expect(listing(dir, ignore)).toEqual(before);
  });

  it("accepts an empty folder as a new one and an existing Heed folder as not new", () => {
    const fresh = openDataFolder(emptyFolder(), heedVersion);
    expect(fresh.isNew).toBe(true);
    fresh.release();
    const existing = openDataFolder(dataFolder(), heedVersion);
    expect(existing.isNew).toBe(false);
    existing.release();
  });
});
