import { SMTPServer } from "smtp-server";

export interface SunkMail {
  from: string;
  to: string[];
  raw: Buffer;
}

/** What the sink answers to the next DATA: accept, accept slowly, refuse with a code, or hang (never answer). */
export type SinkBehaviour =
  | { kind: "accept" }
  /** Keeps the mail at once (as a real server stores it) but answers 250 only after `ms`. */
  | { kind: "slow"; ms: number }
  | { kind: "refuse"; code: number; message: string }
  | { kind: "hang" };

export interface MailSink {
  url: string;
  port: number;
  received: SunkMail[];
  /** Sets the answer for the mail that follows (default: accept). */
  behave(behaviour: SinkBehaviour): void;
  /** Resolves when `count` mails have been accepted in total. */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port standing in for the outgoing mail server (or the
 * customer's): it stores every accepted mail with its envelope, and can be told to refuse or hang.
 */
export async function startMailSink(): Promise<MailSink> {
  const received: SunkMail[] = [];
  let behaviour: SinkBehaviour = { kind: "accept" };
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const current = behaviour;
        if (current.kind === "hang") return;
        if (current.kind === "refuse") {
          callback(Object.assign(new Error(current.message), { responseCode: current.code }));
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        for (const wake of waiters.splice(0)) wake();
        if (current.kind === "slow") setTimeout(() => callback(), current.ms);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    behave: (next) => (behaviour = next),
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`mail sink: ${received.length} of ${count} mails arrived`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
