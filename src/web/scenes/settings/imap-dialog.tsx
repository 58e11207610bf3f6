import { useState, type FormEvent } from "react";
import type { TInbox } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { ImapStatusDetails } from "./imap-status.js";
import { useUpdateInbox } from "./settings-queries.js";
import { DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

const securities = ["tls", "starttls", "none"] as const;
const authMethods = ["password", "xoauth2"] as const;
const afterFetches = ["leave", "seen", "move"] as const;
type Security = (typeof securities)[number];
type AuthMethod = (typeof authMethods)[number];
type AfterFetch = (typeof afterFetches)[number];

const defaultPort = (security: Security) => (security === "tls" ? 993 : 143);

/**
 * Sets up (or changes) reading an existing mailbox over IMAP for an email inbox. The password or token is
 * never shown again: a saved one is kept unless a new one is typed. The port is left empty to use the
 * security mode's usual one.
 */
export function ImapDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateInbox();
  const existing = inbox.imap ?? null;
  const [isEnabled, setEnabled] = useState(existing?.isEnabled ?? true);
  const [host, setHost] = useState(existing?.host ?? "");
  const [security, setSecurity] = useState<Security>(existing?.security ?? "tls");
  const [port, setPort] = useState(
    existing && existing.port !== defaultPort(existing.security) ? String(existing.port) : "",
  );
  const [allowInsecure, setAllowInsecure] = useState(existing?.allowInsecure ?? false);
  const [username, setUsername] = useState(existing?.username ?? "");
  const [authMethod, setAuthMethod] = useState<AuthMethod>(existing?.authMethod ?? "password");
  const [secret, setSecret] = useState("");
  const [mailbox, setMailbox] = useState(existing?.mailbox ?? "INBOX");
  const [afterFetch, setAfterFetch] = useState<AfterFetch>(existing?.afterFetch ?? "leave");
  const [moveTo, setMoveTo] = useState(existing?.moveTo ?? "");
  const isSecretKept = existing !== null && existing.authMethod === authMethod;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const imap = {
      isEnabled,
      host: host.trim(),
      port: port.trim() ? Number(port) : defaultPort(security),
      security,
      allowInsecure: security === "none" && allowInsecure,
      username: username.trim(),
      mailbox: mailbox.trim() || "INBOX",
      afterFetch,
      ...(afterFetch === "move" ? { moveTo: moveTo.trim() } : {}),
      ...(secret ? (authMethod === "password" ? { password: secret } : { accessToken: secret }) : {}),
    };
    update.mutate({ id: inbox.id, imap }, { onSuccess: onClose });
  };

  const secretLabel = t(`settings.imap.secret.${authMethod}`);
  return (
    <Dialog title={t("settings.imap.title", { name: inbox.name })} onClose={onClose}>
      <form className="stack dialog-body imap-form" onSubmit={submit}>
        <p className="muted">{t("settings.imap.intro")}</p>
        {existing && <ImapStatusDetails imap={existing} />}
        <label className="check-field">
          <input type="checkbox" checked={isEnabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>{t("settings.imap.enabled")}</span>
        </label>
        <div className="imap-row">
          <label className="field imap-host">
            <span>{t("settings.imap.host")}</span>
            <input
              ref={dialogAutofocus}
              value={host}
              required
              maxLength={253}
              placeholder="imap.example.com"
              autoComplete="off"
              onChange={(e) => setHost(e.target.value)}
            />
          </label>
          <label className="field imap-port">
            <span>{t("settings.imap.port")}</span>
            <input
              type="number"
              min={1}
              max={65535}
              value={port}
              placeholder={String(defaultPort(security))}
              onChange={(e) => setPort(e.target.value)}
            />
          </label>
        </div>
        <label className="field">
          <span>{t("settings.imap.security")}</span>
          <select value={security} onChange={(e) => setSecurity(e.target.value as Security)}>
            {securities.map((value) => (
              <option key={value} value={value}>
                {t(`settings.imap.security.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {security === "none" && (
          <div className="stack imap-insecure">
            <p className="muted hint">{t("settings.imap.insecureHint")}</p>
            <label className="check-field">
              <input
                type="checkbox"
                checked={allowInsecure}
                onChange={(e) => setAllowInsecure(e.target.checked)}
              />
              <span>{t("settings.imap.allowInsecure")}</span>
            </label>
          </div>
        )}
        <label className="field">
          <span>{t("settings.imap.username")}</span>
          <input
            value={username}
            required
            maxLength={320}
            autoComplete="off"
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("settings.imap.authMethod")}</span>
          <select value={authMethod} onChange={(e) => setAuthMethod(e.target.value as AuthMethod)}>
            {authMethods.map((value) => (
              <option key={value} value={value}>
                {t(`settings.imap.authMethod.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{secretLabel}</span>
          <input
            type="password"
            value={secret}
            required={!isSecretKept}
            autoComplete="new-password"
            placeholder={isSecretKept ? t("settings.imap.secretKept") : ""}
            aria-describedby={authMethod === "xoauth2" ? "imap-token-hint" : undefined}
            onChange={(e) => setSecret(e.target.value)}
          />
          {authMethod === "xoauth2" && (
            <small id="imap-token-hint" className="muted">
              {t("settings.imap.tokenHint")}
            </small>
          )}
        </label>
        <label className="field">
          <span>{t("settings.imap.mailbox")}</span>
          <input value={mailbox} maxLength={200} onChange={(e) => setMailbox(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("settings.imap.afterFetch")}</span>
          <select value={afterFetch} onChange={(e) => setAfterFetch(e.target.value as AfterFetch)}>
            {afterFetches.map((value) => (
              <option key={value} value={value}>
                {t(`settings.imap.afterFetch.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {afterFetch === "move" && (
          <label className="field">
            <span>{t("settings.imap.moveTo")}</span>
            <input value={moveTo} required maxLength={200} onChange={(e) => setMoveTo(e.target.value)} />
          </label>
        )}
        {!existing && <p className="muted hint">{t("settings.imap.existingMail")}</p>}
        <ErrorMessage error={update.error} />
        <DialogActions isPending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
