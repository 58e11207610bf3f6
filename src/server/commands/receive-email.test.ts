import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/helpers/app.js";
import { buildInbox } from "../../../test/helpers/factories-conversations.js";
import { buildWorkspace } from "../../../test/helpers/factories.js";
import type { Database } from "../db/types.js";
import type { EmailInboxRow } from "../models/inbound-emails.js";
import { groupedReceiver, receiveEmail } from "./receive-email.js";

let t: TestApp;
let support: EmailInboxRow;
let billing: EmailInboxRow;

beforeAll(async () => {
  t = await createTestApp();
  const { workspace } = await buildWorkspace(t.ctx);
  for (const name of ["support", "billing"]) {
    const row = await buildInbox(t.ctx, { workspaceId: workspace.id, channel: "email", name });
    const inbox = { id: row.id, workspace_id: workspace.id, address: row.address! };
    if (name === "support") support = inbox;
    else billing = inbox;
  }
});
afterAll(() => t.close());

let counter = 0;
const mail = (body = `Where is my order ${++counter}?`) =>
  Buffer.from(
    `From: ana@example.com\r\nSubject: Order\r\nMessage-ID: <m${counter}@example.com>\r\n\r\n${body}\r\n`,
  );
const email = (raw: Buffer, envelopeFrom: string | null = "ana@example.com") => ({
  source: "smtp" as const,
  envelopeFrom,
  envelopeTo: [support.address],
  raw,
});

const storedRows = (raw: Buffer) =>
  t.ctx.db.query<{ inbox_id: string; id: string }>(
    "SELECT inbox_id, id FROM inbound_emails WHERE raw = $1 ORDER BY inbox_id",
    [raw],
  );
const receivedEvents = (ids: string[]) =>
  t.ctx.db.query<{ id: string }>(
    "SELECT id FROM events WHERE type = 'email.received' AND payload->>'inboundEmailId' = ANY($1::text[])",
    [ids],
  );

/** The database with a count of the statements run through it. */
function counting(db: Database) {
  const counted = { statements: 0 };
  const wrapped: Database = {
    ...db,
    query: (text, params) => {
      counted.statements++;
      return db.query(text, params);
    },
  };
  return { db: wrapped, counted };
}

describe("receiveEmail", () => {
  it("stores a message once per inbox it was addressed to, each with its event, and the same bytes once", async () => {
    const raw = mail();
    const stored = await receiveEmail(t.ctx.db, [support, billing], email(raw));
    expect(await receiveEmail(t.ctx.db, [support, billing], email(raw))).toEqual([]);
    const rows = await storedRows(raw);
    expect(rows.map((row) => row.inbox_id).sort()).toEqual([support.id, billing.id].sort());
    // What it returns is what was stored: the rows' ids, with the bytes received.
    expect(stored.map((one) => one.id).sort()).toEqual(rows.map((row) => row.id).sort());
    for (const one of stored) expect(one.raw.equals(raw)).toBe(true);
    expect(await receivedEvents(rows.map((row) => row.id))).toHaveLength(2);
  });
});

describe("groupedReceiver", () => {
  it("stores messages that arrive while a store runs together, each answered with its own count", async () => {
    const { db, counted } = counting(t.ctx.db);
    const receiver = groupedReceiver(db);
    const raws = Array.from({ length: 6 }, () => mail());
    // The same bytes twice in one batch: stored once; the second delivery is answered, not stored.
    const results = await Promise.all(
      [...raws, raws[0]!].map((raw) => receiver.receive([support], email(raw))),
    );
    expect(results.map((stored) => stored.length)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    // The first went alone; the six that waited for it went in one statement.
    expect(counted.statements).toBe(2);
    for (const raw of raws) {
      const rows = await storedRows(raw);
      expect(rows).toHaveLength(1);
      expect(await receivedEvents(rows.map((row) => row.id))).toHaveLength(1);
    }
  });

  it("a message the database refuses fails alone; the others of its batch are stored", async () => {
    const receiver = groupedReceiver(t.ctx.db);
    const good = [mail(), mail()];
    // A NUL character cannot be stored in a text column: this message's statement fails.
    const outcomes = await Promise.allSettled([
      receiver.receive([support], email(mail())),
      receiver.receive([support], email(good[0]!)),
      receiver.receive([support], email(mail(), "bad\u0000sender@example.com")),
      receiver.receive([support], email(good[1]!)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    for (const raw of good) expect(await storedRows(raw)).toHaveLength(1);
  });

  it("a store after a quiet moment goes at once", async () => {
    const { db, counted } = counting(t.ctx.db);
    const receiver = groupedReceiver(db);
    expect(await receiver.receive([support], email(mail()))).toHaveLength(1);
    expect(await receiver.receive([support], email(mail()))).toHaveLength(1);
    expect(counted.statements).toBe(2);
  });
});
