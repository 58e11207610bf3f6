import net from "node:net";
import { invalid } from "../lib/errors.js";
import type { InstallKeys } from "../lib/install-secret.js";
import type { ImapAfterFetch, ImapSecurity, ImapSettings } from "../models/inbox-imap.js";

/** IMAP settings as an admin gives them (POST with all that is required, PATCH with what changes). */
export interface ImapInput {
  isEnabled?: boolean;
  host?: string;
  port?: number;
  security?: ImapSecurity;
  allowInsecure?: boolean;
  username?: string;
  /** A new password (switches to password login); never returned. */
  password?: string;
  /** A new OAuth2 access token (switches to XOAUTH2); never returned. */
  accessToken?: string;
  mailbox?: string;
  afterFetch?: ImapAfterFetch;
  moveTo?: string | null;
}

/** The port each security mode uses unless one is given. */
export const defaultImapPort = (security: ImapSecurity): number => (security === "tls" ? 993 : 143);

/** localhost, 127.0.0.0/8 and ::1: the only hosts mail may be read from without TLS by default. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  return net.isIPv6(bare) && (bare === "::1" || bare === "0:0:0:0:0:0:0:1");
}

/**
 * Merges `input` into the stored settings (or builds new ones), checks them as a whole and seals a new
 * secret. Returns the settings to store and whether they point at another mailbox (server, port,
 * account or folder), which makes the fetch state start over. Throws 400 naming the `imap.*` field.
 */
export function mergeImapSettings(
  keys: InstallKeys,
  existing: ImapSettings | undefined,
  input: ImapInput,
): { settings: ImapSettings; isNewMailbox: boolean } {
  if (input.password !== undefined && input.accessToken !== undefined) {
    throw invalid("imap.accessToken", "give either a password or an access token, not both");
  }
  const host = input.host ?? existing?.host;
  const username = input.username ?? existing?.username;
  if (!host) throw invalid("imap.host", "is required");
  if (!username) throw invalid("imap.username", "is required");
  const security = input.security ?? existing?.security ?? "tls";
  let authMethod = existing?.authMethod ?? "password";
  let secretSealed = existing?.secretSealed;
  if (input.password !== undefined) {
    authMethod = "password";
    secretSealed = keys.seal(input.password);
  } else if (input.accessToken !== undefined) {
    authMethod = "xoauth2";
    secretSealed = keys.seal(input.accessToken);
  }
  if (!secretSealed) throw invalid("imap.password", "a password or an access token is required");
  const allowInsecure = input.allowInsecure ?? existing?.allowInsecure ?? false;
  if (security === "none" && !allowInsecure && !isLoopbackHost(host)) {
    throw invalid(
      "imap.security",
      "'none' sends the password in clear: use 'tls' or 'starttls', or set allowInsecure for a trusted network",
    );
  }
  const mailbox = input.mailbox ?? existing?.mailbox ?? "INBOX";
  const afterFetch = input.afterFetch ?? existing?.afterFetch ?? "leave";
  const moveTo = afterFetch === "move" ? (input.moveTo ?? existing?.moveTo ?? null) : null;
  if (afterFetch === "move") {
    if (!moveTo) throw invalid("imap.moveTo", "is required when afterFetch is 'move'");
    if (sameMailbox(moveTo, mailbox)) throw invalid("imap.moveTo", "must be another folder than the mailbox");
  }
  // A port left at the old mode's default follows a change of mode (993 <-> 143); a custom one stays.
  const port =
    input.port ??
    (existing && existing.port !== defaultImapPort(existing.security) ? existing.port : undefined) ??
    defaultImapPort(security);
  const settings: ImapSettings = {
    isEnabled: input.isEnabled ?? existing?.isEnabled ?? true,
    host,
    port,
    security,
    allowInsecure,
    username,
    authMethod,
    secretSealed,
    mailbox,
    afterFetch,
    moveTo,
  };
  const isNewMailbox =
    !existing ||
    existing.host.toLowerCase() !== settings.host.toLowerCase() ||
    existing.port !== settings.port ||
    existing.username !== settings.username ||
    !sameMailbox(existing.mailbox, settings.mailbox);
  return { settings, isNewMailbox };
}

/** INBOX is case-insensitive in IMAP; every other name is compared as is. */
function sameMailbox(a: string, b: string): boolean {
  return a === b || (a.toUpperCase() === "INBOX" && b.toUpperCase() === "INBOX");
}

/** Which settings a change touched, by API name (for the audit event; never the secret itself). */
export function changedImapFields(input: ImapInput): string[] {
  return Object.keys(input).filter((key) => input[key as keyof ImapInput] !== undefined);
}
