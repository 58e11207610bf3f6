import { useEffect, useRef, useState, type FormEvent } from "react";
import { useWorkspace } from "../../api/queries.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { useCreateInvitation, type TCreatedInvitation } from "./settings-queries.js";
import { DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

type InviteRole = "admin" | "agent";

/**
 * Invites someone by a single-use link. Heed does not email invitations yet, so the link is shown (only
 * now: the server keeps its hash) with a copy button, for the admin to send it themselves.
 */
export function InviteDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const invite = useCreateInvitation();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<InviteRole>("agent");
  const [created, setCreated] = useState<TCreatedInvitation | null>(null);
  // The roles the server says this user may invite (owners: agents and admins; admins: agents).
  const workspace = useWorkspace();
  const roles: InviteRole[] = workspace.data?.abilities.inviteRoles ?? ["agent"];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    invite.mutate(
      { email: email.trim(), role, ...(trimmed ? { name: trimmed } : {}) },
      { onSuccess: (invitation) => setCreated(invitation) },
    );
  };
  const again = () => {
    setCreated(null);
    setEmail("");
    setName("");
    invite.reset();
  };

  return (
    <Dialog title={t("settings.invite.title")} onClose={onClose}>
      {created ? (
        <InvitationLink invitation={created} onAgain={again} onClose={onClose} />
      ) : (
        <form className="stack dialog-body" onSubmit={submit}>
          <label className="field">
            <span>{t("settings.invite.email")}</span>
            <input
              ref={dialogAutofocus}
              type="email"
              required
              maxLength={320}
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t("settings.invite.name")}</span>
            <input
              maxLength={200}
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t("settings.agents.role")}</span>
            <select value={role} onChange={(e) => setRole(e.target.value as InviteRole)}>
              {roles.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <ErrorMessage error={invite.error} />
          <DialogActions
            isPending={invite.isPending}
            submitLabel={t("settings.invite.submit")}
            onCancel={onClose}
          />
        </form>
      )}
    </Dialog>
  );
}

function InvitationLink({
  invitation,
  onAgain,
  onClose,
}: {
  invitation: TCreatedInvitation;
  onAgain: () => void;
  onClose: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  // The form that had focus is gone: the link is what to act on now.
  useEffect(() => input.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied("yes");
    } catch {
      // No clipboard API (plain http on another host): select the link so Ctrl+C copies it.
      input.current?.select();
      setCopied(document.execCommand("copy") ? "yes" : "no");
    }
  };

  return (
    <div className="stack dialog-body">
      <p role="status">{t("settings.invite.created", { email: invitation.email })}</p>
      <p className="settings-notice">
        {t("settings.invite.noEmail", { at: formatDateTime(invitation.expiresAt) })}
      </p>
      <div className="copy-row">
        <label className="field">
          <span>{t("settings.invite.link")}</span>
          <input ref={input} readOnly value={invitation.url} onFocus={(e) => e.target.select()} />
        </label>
        <button type="button" className="primary" onClick={() => void copy()}>
          {t("settings.invite.copy")}
        </button>
      </div>
      <p role="status" className={copied === "no" ? "error" : "saved"}>
        {copied === "yes"
          ? t("settings.invite.copied")
          : copied === "no"
            ? t("settings.invite.copyFailed")
            : ""}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onAgain}>
          {t("settings.invite.another")}
        </button>
        <button type="button" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </div>
  );
}
