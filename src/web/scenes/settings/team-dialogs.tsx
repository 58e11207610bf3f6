import { useState, type FormEvent } from "react";
import type { TTeam } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { MembersDialog } from "./members-dialog.js";
import { useDeleteTeam, useRenameTeam, useSetTeamMembers } from "./settings-queries.js";
import { ConfirmDialog, DialogActions, dialogAutofocus, ErrorMessage, focusMain } from "./settings-ui.js";

export function RenameTeamDialog({ team, onClose }: { team: TTeam; onClose: () => void }) {
  const { t } = useI18n();
  const rename = useRenameTeam();
  const [name, setName] = useState(team.name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ id: team.id, name: name.trim() }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t("settings.teams.renameTitle", { name: team.name })} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.teams.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <ErrorMessage error={rename.error} />
        <DialogActions isPending={rename.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function TeamMembersDialog({ team, onClose }: { team: TTeam; onClose: () => void }) {
  const { t } = useI18n();
  const setMembers = useSetTeamMembers();
  return (
    <MembersDialog
      title={t("settings.teams.membersTitle", { name: team.name })}
      legend={t("settings.teams.membersLegend")}
      memberIds={team.memberIds}
      leadIds={team.leadIds}
      isPending={setMembers.isPending}
      error={setMembers.error}
      onSave={(userIds, leadIds) =>
        setMembers.mutate({ id: team.id, userIds, leadIds }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}

/** Deleting a team leaves its conversations with their assignee (and no team). */
export function DeleteTeamDialog({ team, onClose }: { team: TTeam; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteTeam();
  return (
    <ConfirmDialog
      title={t("settings.teams.deleteTitle", { name: team.name })}
      message={t("settings.teams.deleteMessage", { name: team.name })}
      confirmLabel={t("settings.delete")}
      isPending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(team.id, {
          onSuccess: () => {
            onClose();
            focusMain();
          },
        })
      }
      onClose={onClose}
    />
  );
}
