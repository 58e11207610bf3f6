/**
 * `heed start` refuses to run on a bad configuration or someone else's data, with one clear line and a
 * non-zero exit, before it touches anything.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "../src/server/db/embedded.js";
import { SAMPLE_SECRET } from "../src/server/env.js";
import { cloneTemplateFolder } from "./helpers/db.js";
import { skipLine } from "./helpers/components.js";
import { runHeed } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-refusal-"));
  temp.push(dir);
  return dir;
}

/** A data folder path that does not exist yet: a refusal must not create it. */
const unusedDataDir = () => path.join(tempPath(), "data");

// These runs set their own HEED_DATA_DIR and no DATABASE_URL: the PostgreSQL run would repeat them exactly.
const isEmbeddedRun = testMode === "embedded";
if (!isEmbeddedRun)
  skipLine("heed start refusals", "independent of the test database; covered by the embedded run");

describe.runIf(isEmbeddedRun)("heed start with NODE_ENV=production", () => {
  it("exits non-zero without HEED_SECRET, says how to make one, and creates nothing", async () => {
    const dataDir = unusedDataDir();
    const { code, output } = await runHeed(["start"], {
      NODE_ENV: "production",
      HEED_DATA_DIR: dataDir,
      PORT: "0",
      HEED_SMTP_PORT: "0",
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Invalid configuration/);
    expect(output).toMatch(/HEED_SECRET: is required outside development/);
    expect(output).toMatch(/openssl rand/);
    expect(output).not.toMatch(/listening on/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("exits non-zero with the sample secret from .env.example", async () => {
    const dataDir = unusedDataDir();
    const { code, output } = await runHeed(["start"], {
      NODE_ENV: "production",
      HEED_SECRET: SAMPLE_SECRET,
      HEED_DATA_DIR: dataDir,
      PORT: "0",
      HEED_SMTP_PORT: "0",
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/HEED_SECRET: must be your own random string/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("names every invalid variable at once", async () => {
    const { code, output } = await runHeed(["start"], {
      NODE_ENV: "production",
      PORT: "not-a-port",
      HEED_ROLE: "everything",
      HEED_DATA_DIR: unusedDataDir(),
    });
    expect(code).not.toBe(0);
    for (const name of ["PORT", "HEED_ROLE", "HEED_SECRET"]) expect(output).toContain(`  ${name}: `);
  });
});

describe.runIf(isEmbeddedRun)("heed start on a data folder it must not use", () => {
  it("refuses a folder another process has open, as in use, without a stack trace", async () => {
    const dir = cloneTemplateFolder();
    temp.push(dir);
    const db = await openEmbeddedDatabase({ dataDir: dir });
    try {
      const lock = fs.readFileSync(path.join(dir, "heed.lock"), "utf8");
      const { code, output } = await runHeed(["start"], { HEED_DATA_DIR: dir });
      expect(code).toBe(1);
      expect(output).toMatch(/\[heed\] The data folder .* is in use by another Heed process \(pid \d+\)/);
      expect(output).not.toMatch(/\n\s+at /);
      expect(fs.readFileSync(path.join(dir, "heed.lock"), "utf8")).toBe(lock);
    } finally {
      await db.close();
    }
  });

  it("refuses a non-empty foreign folder and leaves its files as they were", async () => {
    const dir = tempPath();
    fs.writeFileSync(path.join(dir, "thesis.docx"), "years of work");
    const { code, output } = await runHeed(["start"], { HEED_DATA_DIR: dir });
    expect(code).toBe(1);
    expect(output).toMatch(/is not empty and is not a Heed data folder/);
    expect(fs.readdirSync(dir)).toEqual(["thesis.docx"]);
    expect(fs.readFileSync(path.join(dir, "thesis.docx"), "utf8")).toBe("years of work");
  });
});
