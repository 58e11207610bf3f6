import { useState, type FormEvent } from "react";
import { useUsers } from "../../api/queries.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { DialogActions, ErrorMessage, QueryState } from "./settings-ui.js";

/**
 * Chooses a team's or an inbox's members with a checkbox per active user. A deactivated user who is
 * already a member is listed too (marked as such), so they can be kept for when they are reactivated
 * or unticked; the server adds no deactivated user anew.
 */
export function MembersDialog({
  title,
  legend,
  memberIds,
  isPending,
  error,
  onSave,
  onClose,
}: {
  title: string;
  legend: string;
  memberIds: string[];
  isPending: boolean;
  error: unknown;
  onSave: (userIds: string[]) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const [chosen, setChosen] = useState(() => new Set(memberIds));
  const shown = (users.data ?? []).filter((user) => user.isActive || memberIds.includes(user.id));

  const toggle = (id: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const members = shown.filter((user) => chosen.has(user.id)).map((user) => user.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(members);
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <QueryState query={users}>
        <form className="stack dialog-body" onSubmit={submit}>
          <fieldset className="plain-fieldset">
            <legend>{legend}</legend>
            <p className="muted members-count">{t("settings.members.chosen", { count: members.length })}</p>
            <ul className="checkbox-list">
              {shown.map((user) => (
                <li key={user.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(user.id)}
                      onChange={(e) => toggle(user.id, e.target.checked)}
                    />
                    <span>
                      {user.name} <span className="muted">@{user.handle}</span>
                      {!user.isActive && <span className="muted"> · {t("settings.agents.deactivated")}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <ErrorMessage error={error} />
          <DialogActions isPending={isPending} onCancel={onClose} />
        </form>
      </QueryState>
    </Dialog>
  );
}
