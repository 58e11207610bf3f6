import { invalid } from "../lib/errors.js";
import type { InstallKeys } from "../lib/install-secret.js";
import type { InboxSmtpSettings } from "../models/inbox-smtp.js";

/**
 * An inbox's own outgoing server from a URL in HEED_SMTP_URL's format — `smtps://user:pass@host:465`
 * (TLS from the first byte) or `smtp://user:pass@host:587` (STARTTLS when offered) — checked, with the
 * whole URL sealed (it carries the password) and the rest kept for display. Throws 400 naming `smtpUrl`.
 */
export function smtpSettingsFromUrl(keys: InstallKeys, value: string): InboxSmtpSettings {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid("smtpUrl", "must be a URL like smtps://user:password@mail.example.com:465");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw invalid("smtpUrl", "must start with smtp:// or smtps://");
  if (!url.hostname) throw invalid("smtpUrl", "must name the mail server's host");
  if (url.pathname && url.pathname !== "/" && url.pathname !== "")
    throw invalid("smtpUrl", "must not have a path");
  const isSecure = url.protocol === "smtps:";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : isSecure ? 465 : 587,
    isSecure,
    username: url.username ? decodeURIComponent(url.username) : null,
    urlSealed: keys.seal(url.toString()),
  };
}
