import { useState, type FormEvent } from "react";
import type { TManagedUser } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { useUpdateUser } from "./settings-queries.js";
import { ConfirmDialog, DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

const roles = ["owner", "admin", "agent"] as const;
type Role = (typeof roles)[number];

/** Changes a user's role (owners only; the server keeps at least one active owner). */
export function RoleDialog({ user, onClose }: { user: TManagedUser; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: user.id, role }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t("settings.agents.roleTitle", { name: user.name })} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.agents.role")}</span>
          <select
            ref={dialogAutofocus}
            value={role}
            aria-describedby="role-hint"
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {t(`role.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <ul id="role-hint" className="muted role-hint">
          <li>{t("settings.agents.roleHintOwner")}</li>
          <li>{t("settings.agents.roleHintAdmin")}</li>
          <li>{t("settings.agents.roleHintAgent")}</li>
        </ul>
        <ErrorMessage error={update.error} />
        <DialogActions isPending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** Asks before deactivating: the user is signed out at once and can no longer sign in. */
export function DeactivateDialog({ user, onClose }: { user: TManagedUser; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateUser();
  return (
    <ConfirmDialog
      title={t("settings.agents.deactivateTitle", { name: user.name })}
      message={t("settings.agents.deactivateMessage", { name: user.name })}
      confirmLabel={t("settings.agents.deactivate")}
      isPending={update.isPending}
      error={update.error}
      onConfirm={() => update.mutate({ id: user.id, isActive: false }, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
