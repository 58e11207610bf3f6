import fs from "node:fs";

/** The package root, the same from `src/server` (tests, tsx) and from `dist/server` (built). */
export const packageRoot = new URL("../../", import.meta.url);

/** Heed's version, from package.json, reported by /healthz and written into data folders and backups. */
export const heedVersion: string = (
  JSON.parse(fs.readFileSync(new URL("package.json", packageRoot), "utf8")) as { version: string }
).version;
