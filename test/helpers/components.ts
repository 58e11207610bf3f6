import fs from "node:fs";
import net from "node:net";
import { it } from "vitest";
import { isCi } from "./test-env.js";

/** Something a suite needs from outside Node: a server, a browser, a font. */
export interface Component {
  name: string;
  /** How to get it, shown in the skip line. */
  install: string;
  isAvailable(): boolean | Promise<boolean>;
}

export interface ComponentCheck {
  isAvailable: boolean;
  /** One "SKIP <suite>: <component> not available: <how to install>" line per missing component. */
  lines: string[];
}

/** Checks the components without side effects; `requireComponents` acts on the result. */
export async function checkComponents(suite: string, components: Component[]): Promise<ComponentCheck> {
  const lines: string[] = [];
  for (const component of components) {
    let ok = false;
    try {
      ok = await component.isAvailable();
    } catch {
      ok = false;
    }
    if (!ok) lines.push(`SKIP ${suite}: ${component.name} not available: ${component.install}`);
  }
  return { isAvailable: lines.length === 0, lines };
}

/**
 * Call at the top of a suite that needs something outside Node; returns whether it may run. When a
 * component is missing, a developer's run prints a visible skip line and skips; CI (HEED_CI=1) gets a
 * failing test instead, because a suite that silently does not run proves nothing. Use it as
 * `describe.runIf(await requireComponents("browser e2e", [chromium]))(...)`.
 */
export async function requireComponents(suite: string, components: Component[]): Promise<boolean> {
  const check = await checkComponents(suite, components);
  for (const line of check.lines) {
    if (isCi) {
      it(`has what it needs (${line})`, () => {
        throw new Error(`${line} (HEED_CI=1: a missing component is a failure)`);
      });
    } else {
      console.warn(line);
    }
  }
  return check.isAvailable;
}

/** Prints a visible skip line for a suite that does not apply to this run (not a missing component). */
export function skipLine(suite: string, reason: string): void {
  console.warn(`SKIP ${suite}: ${reason}`);
}

/** True when something accepts TCP connections at host:port within the timeout. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export const chromium: Component = {
  name: "Chromium (/usr/bin/chromium)",
  install: "apt-get install chromium (Debian's package; .ci/run installs it)",
  isAvailable: () => fs.existsSync("/usr/bin/chromium"),
};

export const emojiFont: Component = {
  name: "a color emoji font",
  install: "apt-get install fonts-noto-color-emoji",
  isAvailable: () => fs.existsSync("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
};

/** A PostgreSQL server at the URL (HEED_TEST_DATABASE_URL, or the local default). */
export function postgresServer(
  url = process.env.HEED_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
): Component {
  const parsed = new URL(url);
  return {
    name: `PostgreSQL at ${parsed.host}`,
    install:
      "apt-get install postgresql and start it (pg_ctlcluster --skip-systemctl-redirect <version> main start)",
    isAvailable: () => canConnect(parsed.hostname, Number(parsed.port || 5432)),
  };
}
