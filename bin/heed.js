#!/usr/bin/env node
// The `heed` command: runs the built server (npm run build), or the sources through tsx in a checkout.
import fs from "node:fs";

const built = new URL("../dist/server/cli.js", import.meta.url);
if (fs.existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/server/cli.ts", import.meta.url).href);
}
