import { useState, type FormEvent } from "react";
import { useUsers } from "../../api/queries.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { DialogActions, ErrorMessage, QueryState } from "./settings-ui.js";
import "./assignment.css";

/**
 * Chooses a team's or an inbox's members with a checkbox per active user. A deactivated user who is
 * already a member is listed too (marked as such), so they can be kept for when they are reactivated
 * or unticked; the server adds no deactivated user anew. Given `leadIds` (a team), each chosen member
 * also gets a "Lead" checkbox, and `onSave` receives the leads among the members.
 */
export function MembersDialog({
  title,
  legend,
  memberIds,
  leadIds,
  isPending,
  error,
  onSave,
  onClose,
}: {
  title: string;
  legend: string;
  memberIds: string[];
  leadIds?: string[];
  isPending: boolean;
  error: unknown;
  onSave: (userIds: string[], leadIds: string[]) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const [chosen, setChosen] = useState(() => new Set(memberIds));
  const [leads, setLeads] = useState(() => new Set(leadIds));
  const shown = (users.data ?? []).filter((user) => user.isActive || memberIds.includes(user.id));

  const toggle = (id: string, on: boolean, set = setChosen) =>
    set((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const members = shown.filter((user) => chosen.has(user.id)).map((user) => user.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(
      members,
      members.filter((id) => leads.has(id)),
    );
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <QueryState query={users}>
        <form className="stack dialog-body" onSubmit={submit}>
          <fieldset className="plain-fieldset">
            <legend>{legend}</legend>
            <p className="muted members-count">{t("settings.members.chosen", { count: members.length })}</p>
            {leadIds && <p className="muted members-count">{t("settings.teams.leadHint")}</p>}
            <ul className="checkbox-list">
              {shown.map((user) => (
                <li key={user.id} className={leadIds ? "has-lead-toggle" : undefined}>
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
                  {leadIds && chosen.has(user.id) && (
                    <label className="lead-toggle">
                      <input
                        type="checkbox"
                        checked={leads.has(user.id)}
                        aria-label={t("settings.teams.leadOf", { name: user.name })}
                        onChange={(e) => toggle(user.id, e.target.checked, setLeads)}
                      />
                      <span aria-hidden="true">{t("settings.teams.lead")}</span>
                    </label>
                  )}
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
