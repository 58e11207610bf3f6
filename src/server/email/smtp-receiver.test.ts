import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import type { InboxRow } from "../models/inboxes.js";
import type { StoredEmail } from "./fresh-mail.js";
import { startSmtpReceiver, type SmtpReceiver } from "./smtp-receiver.js";

const MAX_BYTES = 64 * 1024;

let t: TestApp;
let receiver: SmtpReceiver;
let support: InboxRow;
let billing: InboxRow;
/** What the receiver handed to onStored (the worker's FreshMail in `heed start`). */
const handed: StoredEmail[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const { workspace } = await buildWorkspace(t.ctx);
  support = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "email" });
  billing = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "email" });
  receiver = await startSmtpReceiver(t.ctx, {
    port: 0,
    host: "127.0.0.1",
    maxBytes: MAX_BYTES,
    onStored: (rows) => handed.push(...rows),
  });
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

/** A real SMTP session on loopback, as a mail server routing mail to Heed would open one. */
function send(to: string[], raw: string | Buffer) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
  });
  return transport.sendMail({ envelope: { from: "ana@example.com", to }, raw });
}

const message = (subject: string, body = "Where is my order?") =>
  [
    "From: Ana Kovač <ana@example.com>",
    `To: ${support.address}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, "")}@example.com>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");

const stored = (inboxId: string, needle: string) =>
  t.ctx.db.query<{ raw: Buffer; envelope_from: string; envelope_to: string[]; status: string }>(
    "SELECT raw, envelope_from, envelope_to, status FROM inbound_emails WHERE inbox_id = $1 AND position($2::bytea in raw) > 0",
    [inboxId, Buffer.from(needle)],
  );

describe("the SMTP receiver", () => {
  it("stores the exact bytes of mail to an inbox's address before answering 250, with an event", async () => {
    const raw = message("Order 1042 is late");
    const info = await send([support.address!.toUpperCase()], raw);
    expect(info.response).toMatch(/^250/);
    const rows = await stored(support.id, "Order 1042 is late");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw.toString("utf8")).toBe(raw);
    expect(rows[0]!.envelope_from).toBe("ana@example.com");
    expect(rows[0]!.status).toBe("received");
    const events = await t.ctx.db.query<{ n: number }>(
      "SELECT count(*) AS n FROM events WHERE type = 'email.received' AND payload->>'inboxId' = $1",
      [support.id],
    );
    expect(events[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it("refuses mail for an address that is no inbox's with 550, and stores nothing", async () => {
    const raw = message("Nobody here");
    await expect(send(["nobody@elsewhere.test"], raw)).rejects.toMatchObject({ responseCode: 550 });
    const rows = await t.ctx.db.query("SELECT 1 FROM inbound_emails WHERE position($1::bytea in raw) > 0", [
      Buffer.from("Nobody here"),
    ]);
    expect(rows).toHaveLength(0);
  });

  it("refuses a message over the size limit with 552, and stores nothing", async () => {
    const raw = message("Too big", "x".repeat(MAX_BYTES + 10));
    await expect(send([support.address!], raw)).rejects.toMatchObject({ responseCode: 552 });
    expect(await stored(support.id, "Too big")).toHaveLength(0);
  });

  it("keeps the same message delivered twice once", async () => {
    const raw = message("Sent twice");
    await send([support.address!], raw);
    await send([support.address!], raw);
    expect(await stored(support.id, "Sent twice")).toHaveLength(1);
  });

  it("hands each stored row with its bytes to onStored, and nothing for a delivery stored before", async () => {
    const raw = message("Handed over");
    handed.length = 0;
    await send([support.address!, billing.address!], raw);
    const rows = await t.ctx.db.query<{ id: string }>(
      "SELECT id FROM inbound_emails WHERE position($1::bytea in raw) > 0",
      [Buffer.from("Handed over")],
    );
    expect(handed.map((one) => one.id).sort()).toEqual(rows.map((row) => row.id).sort());
    for (const one of handed) expect(one.raw.toString("utf8")).toBe(raw);
    handed.length = 0;
    await send([support.address!], raw);
    expect(handed).toEqual([]);
  });

  it("stores one copy for each inbox a message is addressed to, and takes the known of mixed recipients", async () => {
    const raw = message("To two inboxes");
    const info = await send([support.address!, billing.address!, "nobody@elsewhere.test"], raw);
    expect(info.accepted.map(String).sort()).toEqual([support.address!, billing.address!].sort());
    expect(info.rejected.map(String)).toEqual(["nobody@elsewhere.test"]);
    expect(await stored(support.id, "To two inboxes")).toHaveLength(1);
    expect(await stored(billing.id, "To two inboxes")).toHaveLength(1);
  });

  it("keeps 8-bit and binary content byte for byte", async () => {
    const body = Buffer.from("Prijava: narudžba stigla oštećena — ёлка\r\n", "utf8");
    const head = Buffer.from(
      `From: ana@example.com\r\nTo: ${support.address}\r\nSubject: Bytes\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
    );
    const raw = Buffer.concat([head, body]);
    await send([support.address!], raw);
    const rows = await stored(support.id, "Subject: Bytes");
    expect(rows).toHaveLength(1);
    expect(Buffer.compare(rows[0]!.raw, raw)).toBe(0);
  });
});

describe("the SMTP receiver with a certificate", () => {
  it("offers STARTTLS and takes mail over the encrypted session", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heed-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const tlsReceiver = await startSmtpReceiver(t.ctx, {
      port: 0,
      host: "127.0.0.1",
      tls: {
        key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
        cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
      },
    });
    try {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: tlsReceiver.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const info = await transport.sendMail({
        envelope: { from: "ana@example.com", to: [support.address!] },
        raw: message("Over TLS"),
      });
      expect(info.response).toMatch(/^250/);
      expect(await stored(support.id, "Over TLS")).toHaveLength(1);
      // Without a certificate the receiver does not offer STARTTLS, so requiring it fails.
      const plain = nodemailer.createTransport({
        host: "127.0.0.1",
        port: receiver.port,
        secure: false,
        requireTLS: true,
      });
      await expect(
        plain.sendMail({
          envelope: { from: "ana@example.com", to: [support.address!] },
          raw: message("No TLS"),
        }),
      ).rejects.toThrow(/STARTTLS/);
    } finally {
      await tlsReceiver.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
