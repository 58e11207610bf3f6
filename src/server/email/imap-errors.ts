/**
 * Why an IMAP attempt failed, as a stable code for the inbox's status and /healthz, and the words to
 * show an admin (the server's own when it gave any). Never includes the password or token: imapflow
 * does not put them in errors, and the fetcher's own messages do not either.
 */
export type ImapErrorCode =
  | "auth_failed"
  | "secret_unreadable"
  | "connect_failed"
  | "tls_failed"
  | "mailbox_missing"
  | "connection_lost"
  | "stalled"
  | "action_failed"
  | "error";

/** An error the fetcher raises itself, already classified. */
export class ImapFetchError extends Error {
  constructor(
    readonly code: ImapErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface ImapFlowErrorLike {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  responseText?: string;
  response?: unknown;
  serverResponseCode?: string;
}

const CONNECT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "GREETING_TIMEOUT",
  "ClosedAfterConnectText",
]);
const LOST = new Set(["NoConnection", "EConnectionClosed", "ECONNRESET", "EPIPE", "ETIMEOUT", "StateLogout"]);

const MAX_MESSAGE = 500;

/** The code and a one-line message (at most 500 characters) for any error of a fetch attempt. */
export function describeImapError(error: unknown): { code: ImapErrorCode; message: string } {
  const e = (error ?? {}) as Error & ImapFlowErrorLike;
  // The server's words without the command tag: "2 NO [AUTHENTICATIONFAILED] …" → "[AUTH…] …".
  const serverText = (typeof e.response === "string" && e.response ? e.response : (e.responseText ?? ""))
    .replace(/^\S+ (NO|BAD|BYE) /, "")
    .trim();
  const own = e.message ?? String(error);
  const text = serverText ? (own === "Command failed" ? serverText : `${own}: ${serverText}`) : own;
  return { code: classify(e), message: text.replace(/\s+/g, " ").trim().slice(0, MAX_MESSAGE) };
}

function classify(e: Error & ImapFlowErrorLike): ImapErrorCode {
  if (e instanceof ImapFetchError) return e.code;
  if (e.authenticationFailed || e.serverResponseCode === "AUTHENTICATIONFAILED") return "auth_failed";
  const code = e.code ?? "";
  if (
    e.tlsFailed ||
    code === "ClosedAfterConnectTLS" ||
    code === "UPGRADE_TIMEOUT" ||
    /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
  ) {
    return "tls_failed";
  }
  if (CONNECT.has(code)) return "connect_failed";
  if (LOST.has(code) || /connection (not available|closed)|unexpected close/i.test(e.message ?? "")) {
    return "connection_lost";
  }
  return "error";
}
