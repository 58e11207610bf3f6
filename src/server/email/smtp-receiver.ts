import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";
import type { AppContext } from "../context.js";
import { groupedReceiver } from "../commands/receive-email.js";
import { findEmailInboxesByAddress, type EmailInboxRow } from "../models/inbound-emails.js";
import type { StoredEmail } from "./fresh-mail.js";
import { baseAddress } from "./reply-address.js";

/** The largest message the receiver takes (bigger ones get 552). */
export const MAX_EMAIL_BYTES = 25 * 1024 * 1024;

export interface SmtpReceiverOptions {
  port: number;
  host: string;
  maxBytes?: number;
  /** PEM key and certificate: STARTTLS is offered only with them. */
  tls?: { key: string; cert: string };
  log?: (level: "info" | "warn" | "error", message: string) => void;
  /**
   * Called after a message was stored, with its new rows and bytes, e.g. to have this process's worker
   * turn it into a conversation now without reading it back.
   */
  onStored?: (stored: StoredEmail[]) => void;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply with its code: smtp-server sends `responseCode` and the message to the client. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** How long a found inbox address is remembered: RCPT TO and DATA of a burst then need no query. */
const ADDRESS_CACHE_MS = 10_000;

/**
 * Looks up the inboxes of recipient addresses, remembering found ones for ADDRESS_CACHE_MS (unknown
 * addresses are always asked again, so a new inbox receives at once). A deleted inbox may be hit within
 * that time: storing then fails and the sender is told 451 and retries.
 */
function inboxLookup(ctx: AppContext) {
  const cache = new Map<string, { inboxes: EmailInboxRow[]; at: number }>();
  return async (addresses: string[]): Promise<EmailInboxRow[]> => {
    const now = Date.now();
    const found = new Map<string, EmailInboxRow>();
    const missing: string[] = [];
    for (const address of addresses) {
      const hit = cache.get(address);
      if (hit && now - hit.at < ADDRESS_CACHE_MS) for (const inbox of hit.inboxes) found.set(inbox.id, inbox);
      else missing.push(address);
    }
    if (missing.length > 0) {
      const rows = await findEmailInboxesByAddress(ctx.db, missing);
      for (const address of missing) {
        const base = baseAddress(address);
        const inboxes = rows.filter((row) => {
          const own = row.address.toLowerCase();
          return own === address || own === base;
        });
        if (inboxes.length > 0) cache.set(address, { inboxes, at: now });
        for (const inbox of inboxes) found.set(inbox.id, inbox);
      }
      if (cache.size > 10_000) cache.clear();
    }
    return [...found.values()];
  };
}

const recipientsOf = (session: SMTPServerSession) => [
  ...new Set(session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address.toLowerCase())),
];

/**
 * Heed's SMTP receiver for mail routed to it. It accepts mail for the addresses of email inboxes and
 * refuses others (550), refuses messages over the size limit (552), and answers 250 only after the raw
 * message is committed (groupedReceiver: sessions ending together share one statement); when the database cannot take it, the answer is a temporary 451,
 * so the sending server keeps the message and tries again. Nothing acknowledged is lost.
 */
export async function startSmtpReceiver(
  ctx: AppContext,
  options: SmtpReceiverOptions,
): Promise<SmtpReceiver> {
  const maxBytes = options.maxBytes ?? MAX_EMAIL_BYTES;
  const lookup = inboxLookup(ctx);
  const receiver = groupedReceiver(ctx.db);
  const log = options.log ?? (() => {});
  const server = new SMTPServer({
    banner: "Heed",
    size: maxBytes,
    authOptional: true,
    disabledCommands: options.tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    logger: false,
    onRcptTo(address, _session, callback) {
      lookup([address.address.toLowerCase()]).then(
        (inboxes) =>
          callback(
            inboxes.length ? undefined : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`),
          ),
        (error: unknown) => {
          log("warn", `SMTP: could not look up ${address.address}: ${(error as Error).message}`);
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded || size > maxBytes) {
          log("warn", `SMTP: refused a message of more than ${maxBytes} bytes from ${session.remoteAddress}`);
          callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const to = recipientsOf(session);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
        lookup(to)
          .then((inboxes) => {
            if (inboxes.length === 0) throw smtpError(550, "5.1.1 No such mailbox here");
            return receiver.receive(inboxes, { source: "smtp", envelopeFrom: from, envelopeTo: to, raw });
          })
          .then(
            (stored) => {
              callback();
              options.onStored?.(stored);
            },
            (error: unknown) => {
              if ((error as { responseCode?: number }).responseCode) {
                callback(error as Error);
                return;
              }
              log("error", `SMTP: could not store a message: ${(error as Error).message}`);
              callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
            },
          );
      });
    },
  });
  server.on("error", (error: Error) => log("warn", `SMTP: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once("error", onError);
    server.listen(options.port, options.host, () => {
      server.server.off("error", onError);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
