/**
 * `heed start` runs the SMTP receiver on HEED_SMTP_PORT beside HTTP, and refuses to start, saying what
 * to do, when that port is taken.
 */
import fs from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { cloneTemplateFolder } from "./helpers/db.js";
import { skipLine } from "./helpers/components.js";
import { runHeed, startServerProcess, type ServerProcess } from "./helpers/server-process.js";
import { testMode } from "./helpers/test-env.js";

const folders: string[] = [];
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The first line an SMTP server sends on a new connection. */
function greeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("data", (data) => {
      socket.end("QUIT\r\n");
      resolve(data.toString("utf8"));
    });
    socket.once("error", reject);
  });
}

const isEmbeddedRun = testMode === "embedded";
if (!isEmbeddedRun)
  skipLine("heed start with SMTP", "independent of the test database; covered by the embedded run");

describe.runIf(isEmbeddedRun)("heed start with HEED_SMTP_PORT", () => {
  it("greets SMTP clients on that port", async () => {
    const dataDir = cloneTemplateFolder();
    folders.push(dataDir);
    const port = await freePort();
    server = await startServerProcess({ HEED_DATA_DIR: dataDir, HEED_SMTP_PORT: String(port) });
    // Said right after the HTTP "listening" line the helper waits for.
    await expect
      .poll(() => server!.output(), { timeout: 5000 })
      .toContain(`Receiving email by SMTP on 127.0.0.1:${port}`);
    expect(await greeting(port)).toMatch(/^220 .*Heed/);
    await server.stop();
  });

  it("refuses to start when the port is taken, naming the variable", async () => {
    const dataDir = cloneTemplateFolder();
    folders.push(dataDir);
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const { code, output } = await runHeed(["start"], {
        HEED_DATA_DIR: dataDir,
        PORT: "0",
        HEED_SMTP_PORT: String(port),
      });
      expect(code).not.toBe(0);
      expect(output).toMatch(/HEED_SMTP_PORT/);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
