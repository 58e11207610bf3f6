import { useState, type FormEvent } from "react";
import type { TInbox } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { accesses, type Access } from "./create-inbox-form.js";
import { MembersDialog } from "./members-dialog.js";
import { useSetInboxMembers, useUpdateInbox } from "./settings-queries.js";
import { ConfirmDialog, DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

/**
 * Renames an inbox, changes who sees it and (email inboxes) whether new conversations get an
 * acknowledgement; its channel and address stay as created.
 */
export function EditInboxDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateInbox();
  const [name, setName] = useState(inbox.name);
  const [access, setAccess] = useState<Access>(inbox.access);
  const [autoAcknowledge, setAutoAcknowledge] = useState(inbox.autoAcknowledge);
  // A new server URL replaces the saved one; empty keeps it. The saved password is never shown.
  const [smtpUrl, setSmtpUrl] = useState("");
  const [useInstallServer, setUseInstallServer] = useState(false);
  const isEmail = inbox.channel === "email";
  const smtpPatch = useInstallServer ? { smtpUrl: null } : smtpUrl.trim() ? { smtpUrl: smtpUrl.trim() } : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { id: inbox.id, name: name.trim(), access, ...(isEmail ? { autoAcknowledge, ...smtpPatch } : {}) },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog title={t("settings.inboxes.editTitle", { name: inbox.name })} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.inboxes.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("settings.inboxes.access")}</span>
          <select
            value={access}
            aria-describedby="access-hint"
            onChange={(e) => setAccess(e.target.value as Access)}
          >
            {accesses.map((value) => (
              <option key={value} value={value}>
                {t(`settings.inboxes.access.${value}`)}
              </option>
            ))}
          </select>
          <small id="access-hint" className="muted">
            {t(`settings.inboxes.accessHint.${access}`)}
          </small>
        </label>
        {isEmail && (
          <div className="stack-tight">
            <label className="check-field">
              <input
                type="checkbox"
                checked={autoAcknowledge}
                aria-describedby="acknowledge-hint"
                onChange={(e) => setAutoAcknowledge(e.target.checked)}
              />
              <span>{t("settings.inboxes.autoAcknowledge")}</span>
            </label>
            <small id="acknowledge-hint" className="muted">
              {t("settings.inboxes.autoAcknowledgeHint")}
            </small>
          </div>
        )}
        {isEmail && (
          <label className="field">
            <span>{t("settings.inboxes.smtpUrl")}</span>
            <input
              value={smtpUrl}
              type="password"
              autoComplete="off"
              spellCheck={false}
              maxLength={2048}
              placeholder="smtps://user:password@mail.example.com:465"
              disabled={useInstallServer}
              aria-describedby="smtp-hint"
              onChange={(e) => setSmtpUrl(e.target.value)}
            />
            <small id="smtp-hint" className="muted">
              {inbox.smtp
                ? t("settings.inboxes.smtpCurrent", {
                    server: `${inbox.smtp.username ? `${inbox.smtp.username} @ ` : ""}${inbox.smtp.host}:${inbox.smtp.port}`,
                  })
                : t("settings.inboxes.smtpNone")}
            </small>
          </label>
        )}
        {isEmail && inbox.smtp && (
          <label className="check-field">
            <input
              type="checkbox"
              checked={useInstallServer}
              onChange={(e) => setUseInstallServer(e.target.checked)}
            />
            <span>{t("settings.inboxes.smtpRemove")}</span>
          </label>
        )}
        <ErrorMessage error={update.error} />
        <DialogActions isPending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function InboxMembersDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const setMembers = useSetInboxMembers();
  return (
    <MembersDialog
      title={t("settings.inboxes.membersTitle", { name: inbox.name })}
      legend={t("settings.inboxes.membersLegend")}
      memberIds={inbox.memberIds}
      isPending={setMembers.isPending}
      error={setMembers.error}
      onSave={(userIds) => setMembers.mutate({ id: inbox.id, userIds }, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}

/** Stops reading the inbox's mailbox over IMAP; the saved password or token is deleted with the settings. */
export function RemoveImapDialog({ inbox, onClose }: { inbox: TInbox; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateInbox();
  return (
    <ConfirmDialog
      title={t("settings.imap.removeTitle", { name: inbox.name })}
      message={t("settings.imap.removeMessage", { name: inbox.name })}
      confirmLabel={t("settings.imap.remove")}
      isPending={update.isPending}
      error={update.error}
      onConfirm={() => update.mutate({ id: inbox.id, imap: null }, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
