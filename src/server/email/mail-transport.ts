import nodemailer from "nodemailer";

/** Hands composed mail to an SMTP server. An interface so tests can also pass a misbehaving one. */
export interface MailSender {
  send(envelope: { from: string; to: string }, raw: Buffer): Promise<void>;
  close(): void;
}

/** Why a send failed, and whether trying again later can help. */
export interface SendFailure {
  message: string;
  permanent: boolean;
}

/**
 * A pooled nodemailer SMTP transport for a URL such as smtp://user:pass@host:587 (STARTTLS when offered)
 * or smtps://…:465. Timeouts are bounded so a stuck server cannot hold a mail past its lease.
 */
export function smtpSender(url: string): MailSender {
  const transport = nodemailer.createTransport(url, {
    pool: true,
    maxConnections: 2,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  } as never);
  return {
    async send(envelope, raw) {
      await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
    },
    close: () => transport.close(),
  };
}

/**
 * A 5xx answer from the mail server is final (unknown recipient, refused content); everything else —
 * 4xx, a refused or dropped connection, a timeout — is worth another attempt.
 */
export function describeSendFailure(error: unknown): SendFailure {
  const e = error as { responseCode?: number; response?: string; message?: string; code?: string };
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const text = (e.response ?? e.message ?? String(error)).replace(/\s+/g, " ").trim().slice(0, 500);
  return {
    message: code ? `${text}` : `${e.code ? `${e.code}: ` : ""}${text}`,
    permanent: code !== undefined && code >= 500,
  };
}
