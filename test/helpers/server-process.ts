import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * How to run the `heed` command. On a clean clone (CI) that is exactly `node bin/heed.js`, which runs
 * the sources through tsx. In a developer's tree with a dist/ folder, bin/heed.js would run that build,
 * which may be older than the sources under test, so the sources are run the same way bin/heed.js does.
 */
export function heedCommand(args: string[]): string[] {
  if (!fs.existsSync(`${root}dist/server/cli.js`)) return ["bin/heed.js", ...args];
  return ["--import", "tsx", "src/server/cli.ts", ...args];
}

/**
 * The child's environment: what the test gives, over a base without this process's Heed, database and
 * test-runner settings (vitest sets NODE_ENV=test; HEED_CI and HEED_TEST_* mean nothing to the server).
 */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(HEED_|DATABASE_URL$|PORT$|HOST$|NODE_ENV$|NODE_OPTIONS$|VITEST|TEST$)/.test(key)) continue;
    base[key] = value;
  }
  const merged: NodeJS.ProcessEnv = { ...base, HEED_LOG_LEVEL: "warn" };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export interface HeedProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `heed <args>` from the package root. */
export function spawnHeed(args: string[], env: Record<string, string | undefined>): HeedProcess {
  const child = spawn(process.execPath, heedCommand(args), {
    cwd: root,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, pid: child.pid!, output: () => output, exited };
}

/** Runs a `heed` command to its end; kills it after `timeoutMs`. */
export async function runHeed(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  const heed = spawnHeed(args, env);
  const timer = setTimeout(() => heed.child.kill("SIGKILL"), timeoutMs);
  const { code } = await heed.exited;
  clearTimeout(timer);
  return { code, output: heed.output() };
}

export interface ServerProcess extends HeedProcess {
  /** Where it listens, e.g. http://127.0.0.1:41234. */
  url: string;
  /** `kill -9`: no shutdown code runs. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts `heed start` as a real child process on a free port (PORT=0; the port is read from its
 * "listening on" line) with the built-in SMTP receiver off unless `env` says otherwise. Rejects with the
 * process output if it exits or does not listen within `timeoutMs`.
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const heed = spawnHeed(["start"], { PORT: "0", HEED_SMTP_PORT: "0", ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      heed.child.kill("SIGKILL");
      reject(new Error(`heed start did not listen within ${timeoutMs} ms:\n${heed.output()}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(heed.output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    heed.child.stdout!.on("data", onData);
    void heed.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`heed start exited (code ${code}, signal ${signal}) before listening:\n${heed.output()}`),
      );
    });
  });
  return {
    ...heed,
    url,
    async kill9() {
      heed.child.kill("SIGKILL");
      await heed.exited;
    },
    async stop() {
      if (heed.child.exitCode !== null || heed.child.signalCode !== null) return;
      heed.child.kill("SIGTERM");
      const timer = setTimeout(() => heed.child.kill("SIGKILL"), 15_000);
      await heed.exited;
      clearTimeout(timer);
    },
  };
}

/** Signs in over HTTP like the web app; returns the Cookie header value. */
export async function signInOverHttp(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("heed_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0]!;
}

/** Signs in and mints an API token over HTTP, for requests that carry `Authorization: Bearer`. */
export async function apiTokenOverHttp(url: string, email: string, password: string): Promise<string> {
  const cookie = await signInOverHttp(url, email, password);
  const response = await fetch(`${url}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url, cookie },
    body: JSON.stringify({ name: "test" }),
  });
  if (response.status !== 201) throw new Error(`token failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
