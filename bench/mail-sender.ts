/**
 * The sending side of the email ingest benchmark, run as a child process (bench/email-ingest.ts forks it)
 * so that composing and sending mail does not run on Heed's event loop or count in its memory, as a
 * real mail server would not. Builds the corpus (bench/mail-corpus.ts), then sends it over a few pooled
 * SMTP connections, each connection one message at a time, and reports every acknowledgement.
 * A temporary refusal (4xx) or a dropped connection is retried after a pause, as a mail server retries.
 */
import nodemailer from "nodemailer";
import { type CorpusMail, mailCorpus } from "./mail-corpus.js";

export interface SenderStart {
  type: "start";
  count: number;
  seed: number;
  to: string;
  host: string;
  port: number;
  connections: number;
}

/** What the parent learns of each message: everything but its bytes. */
export type SentMail = Omit<CorpusMail, "raw"> & {
  bytes: number;
  /** Epoch milliseconds (performance.timeOrigin + now()), comparable across the two processes. */
  sentAt: number;
  ackedAt: number;
  /** Sending attempts (more than 1 after a temporary refusal or a dropped connection). */
  attempts: number;
};

export type SenderMessage =
  | { type: "ready"; messages: number; bytes: number }
  | { type: "acked"; mail: SentMail }
  | { type: "refused"; index: number; response: string }
  /** cpuMs: the sender's own CPU while sending (it shares the machine's cores with Heed). */
  | { type: "done"; cpuMs: number };

const MAX_ATTEMPTS = 30;
const now = () => performance.timeOrigin + performance.now();
const send = (message: SenderMessage) => process.send!(message);

async function run(start: SenderStart): Promise<void> {
  const mails = [...mailCorpus({ count: start.count, seed: start.seed, to: start.to })];
  send({ type: "ready", messages: mails.length, bytes: mails.reduce((sum, m) => sum + m.raw.length, 0) });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const cpuBefore = process.cpuUsage();

  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: start.connections,
    maxMessages: Infinity,
    host: start.host,
    port: start.port,
    secure: false,
    ignoreTLS: true,
  });
  // A reply goes out after the message it answers was acknowledged (its sender had received that one).
  const acked = mails.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  let next = 0;
  const sender = async () => {
    while (next < mails.length) {
      const mail = mails[next++]!;
      if (mail.after !== null) await acked[mail.after]!.promise;
      const sentAt = now();
      for (let attempt = 1; ; attempt++) {
        try {
          await transport.sendMail({ envelope: { from: mail.envelopeFrom, to: [start.to] }, raw: mail.raw });
          const { raw, ...meta } = mail;
          send({
            type: "acked",
            mail: { ...meta, bytes: raw.length, sentAt, ackedAt: now(), attempts: attempt },
          });
          break;
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if ((code !== undefined && code >= 500) || attempt >= MAX_ATTEMPTS) {
            send({ type: "refused", index: mail.index, response: (error as Error).message });
            break;
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      acked[mail.index]!.resolve();
    }
  };
  await Promise.all(Array.from({ length: start.connections }, sender));
  transport.close();
  const cpu = process.cpuUsage(cpuBefore);
  send({ type: "done", cpuMs: (cpu.user + cpu.system) / 1000 });
}

process.once("message", (start: SenderStart) => {
  run(start).then(
    () => process.disconnect(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
