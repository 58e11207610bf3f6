import { createHash } from "node:crypto";
import type { Database } from "../db/types.js";
import { DatabaseUnavailableError } from "../db/types.js";
import type { StoredEmail } from "../email/fresh-mail.js";
import { newId } from "../lib/ids.js";
import {
  insertInboundEmailsWithEvents,
  type EmailInboxRow,
  type NewInboundEmail,
} from "../models/inbound-emails.js";

export interface ReceivedEmail {
  source: "smtp" | "imap";
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
}

/** The rows one received message becomes: one per inbox it was addressed to. */
function rowsOf(inboxes: EmailInboxRow[], email: ReceivedEmail): NewInboundEmail[] {
  const sha256 = createHash("sha256").update(email.raw).digest("hex");
  return inboxes.map((inbox) => ({
    id: newId(),
    workspaceId: inbox.workspace_id,
    inboxId: inbox.id,
    source: email.source,
    envelopeFrom: email.envelopeFrom,
    envelopeTo: email.envelopeTo,
    raw: email.raw,
    sha256,
  }));
}

/**
 * Stores one received message for each inbox it was addressed to, each with an `email.received` event,
 * in one statement; when it returns, the message is durable and may be acknowledged. The same bytes
 * arriving again for an inbox are kept once. Returns the rows that were new.
 */
export async function receiveEmail(
  db: Database,
  inboxes: EmailInboxRow[],
  email: ReceivedEmail,
): Promise<StoredEmail[]> {
  const rows = rowsOf(inboxes, email);
  return storedOf(rows, await insertInboundEmailsWithEvents(db, rows));
}

const storedOf = (rows: NewInboundEmail[], stored: Set<string>): StoredEmail[] =>
  rows.filter((row) => stored.has(row.id)).map((row) => ({ id: row.id, raw: row.raw }));

/** At most this many rows, and this many bytes of mail, go into one statement. */
const MAX_ROWS = 16;
const MAX_BYTES = 16 * 1024 * 1024;

interface Waiting {
  rows: NewInboundEmail[];
  resolve: (stored: StoredEmail[]) => void;
  reject: (error: unknown) => void;
}

/**
 * receiveEmail for a receiver with many sessions at once (SMTP): a message whose session ends while
 * another store is running waits for it and is then stored together with the others that waited, in
 * one statement and one commit (group commit). The first message never waits, so a quiet server
 * answers as fast as before; a busy one spends one round trip and commit on several messages — on the
 * embedded database, whose one connection the ingest worker shares, that is most of the cost of a
 * message (docs/benchmarks.md, "Email ingest"). Each message is still answered only after its rows
 * are committed. When a batch is refused for another reason than the database being away, its
 * messages are stored one by one, so one bad message fails alone.
 */
export function groupedReceiver(db: Database) {
  const waiting: Waiting[] = [];
  let storing = false;

  const take = (): Waiting[] => {
    const batch: Waiting[] = [];
    let rows = 0;
    let bytes = 0;
    while (waiting.length > 0) {
      const next = waiting[0]!;
      const size = next.rows.reduce((sum, row) => sum + row.raw.length, 0);
      if (batch.length > 0 && (rows + next.rows.length > MAX_ROWS || bytes + size > MAX_BYTES)) break;
      batch.push(waiting.shift()!);
      rows += next.rows.length;
      bytes += size;
    }
    return batch;
  };

  /** Stores the batch's rows in one statement and answers each message with its rows that were new. */
  const store = async (batch: Waiting[]) => {
    const stored = await insertInboundEmailsWithEvents(
      db,
      batch.flatMap((one) => one.rows),
    );
    for (const one of batch) one.resolve(storedOf(one.rows, stored));
  };

  const flush = async () => {
    storing = true;
    while (waiting.length > 0) {
      const batch = take();
      try {
        await store(batch);
      } catch (error) {
        if (batch.length === 1 || error instanceof DatabaseUnavailableError) {
          for (const one of batch) one.reject(error);
        } else {
          for (const one of batch) await store([one]).catch(one.reject);
        }
      }
    }
    storing = false;
  };

  return {
    receive(inboxes: EmailInboxRow[], email: ReceivedEmail): Promise<StoredEmail[]> {
      return new Promise((resolve, reject) => {
        waiting.push({ rows: rowsOf(inboxes, email), resolve, reject });
        if (!storing) void flush();
      });
    },
  };
}
