/**
 * `heed start` runs the SMTP receiver on HEED_SMTP_PORT beside HTTP, and refuses to start, saying what
 * to do, when that port is taken.
 */
import fs from "node:fs";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { cloneTemplateFolder } from "./helpers/db.js";
import { skipLine } from "./helpers/components.js";
import nodemailer from "nodemailer";
import {
  apiTokenOverHttp,
  runHeed,
  startServerProcess,
  type ServerProcess,
} from "./helpers/server-process.js";
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
  it("greets SMTP clients on that port, and mail sent there becomes a conversation", async () => {
    const dataDir = cloneTemplateFolder();
    folders.push(dataDir);
    const port = await freePort();
    server = await startServerProcess({
      HEED_DATA_DIR: dataDir,
      HEED_SMTP_PORT: String(port),
      HEED_ADMIN_EMAIL: "owner@example.com",
      HEED_ADMIN_PASSWORD: "owner password",
    });
    // Said right after the HTTP "listening" line the helper waits for.
    await expect
      .poll(() => server!.output(), { timeout: 5000 })
      .toContain(`Receiving email by SMTP on 127.0.0.1:${port}`);
    expect(await greeting(port)).toMatch(/^220 .*Heed/);

    const token = await apiTokenOverHttp(server.url, "owner@example.com", "owner password");
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server!.url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      });
    const inbox = await api("/inboxes", {
      method: "POST",
      body: JSON.stringify({ name: "Support", channel: "email", address: "support@shop.test" }),
    });
    expect(inbox.status).toBe(201);
    await nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: "mia@example.com", to: ["support@shop.test"] },
      raw: "From: Mia <mia@example.com>\r\nTo: support@shop.test\r\nSubject: Where is order 77?\r\nMessage-ID: <o77@example.com>\r\n\r\nIt has not arrived.\r\n",
    });
    // The receiver pokes the worker: the conversation is there within moments, not at the next 15 s tick.
    await expect
      .poll(
        async () =>
          ((await (await api("/conversations")).json()) as { data: { subject: string; preview: string }[] })
            .data,
        { timeout: 5000, interval: 200 },
      )
      .toEqual([expect.objectContaining({ subject: "Where is order 77?", preview: "It has not arrived." })]);
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
