/**
 * The operator-facing documentation of the configuration stays true: `.env.example` and the README's
 * table list exactly the variables env.ts reads, and the sample file behaves as it says.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, SAMPLE_SECRET, ZEnv } from "../src/server/env.js";

const read = (file: string) => fs.readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

/** KEY=value lines of a dotenv file (comments and blank lines skipped). */
function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) result[match[1]!] = match[2]!;
  }
  return result;
}

const variables = Object.keys(ZEnv.shape).sort();

describe(".env.example", () => {
  const example = parseDotenv(read(".env.example"));

  it("documents exactly the variables env.ts reads", () => {
    expect(Object.keys(example).sort()).toEqual(variables);
  });

  it("carries the sample secret that production refuses", () => {
    expect(example.HEED_SECRET).toBe(SAMPLE_SECRET);
    expect(() => loadEnv({ ...example, NODE_ENV: "production" })).toThrow(EnvError);
    expect(() => loadEnv({ ...example, NODE_ENV: "production" })).toThrow(/HEED_SECRET: must be your own/);
  });

  it("starts as it is in development, on the embedded database with the documented defaults", () => {
    const env = loadEnv(example);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.HEED_DATA_DIR).toBe("./data");
    expect(env.publicUrl).toBe("http://localhost:3000");
  });
});

describe("README.md", () => {
  const readme = read("README.md");

  it("has a configuration table row for every variable", () => {
    for (const name of variables) expect(readme, name).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, "m"));
  });

  it("gives the two commands that run Heed and its tests", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
  });
});
