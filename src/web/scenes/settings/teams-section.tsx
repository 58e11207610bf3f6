import { useState, type FormEvent } from "react";
import { useTeams, useUsers } from "../../api/queries.js";
import type { TTeam } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { useCreateTeam } from "./settings-queries.js";
import { ErrorMessage, QueryState, SettingsTable } from "./settings-ui.js";
import { DeleteTeamDialog, RenameTeamDialog, TeamMembersDialog } from "./team-dialogs.js";

type Open = { kind: "rename" | "members" | "delete"; team: TTeam } | null;

/** Teams group agents (a conversation can be given to a team); created, renamed, staffed and deleted here. */
export function TeamsSection() {
  const { t } = useI18n();
  const teams = useTeams();
  const users = useUsers();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const nameOf = (id: string) => users.data?.find((user) => user.id === id)?.name;

  return (
    <>
      <h1>{t("settings.teams.title")}</h1>
      <CreateTeamForm />
      <QueryState query={teams}>
        {teams.data?.length === 0 ? (
          <p className="muted">{t("settings.teams.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.teams.title")}
            columns={[t("settings.teams.name"), t("settings.teams.members")]}
          >
            {teams.data?.map((team) => {
              // Leads are marked: "Olga Smirnova (lead), Tom Baker".
              const names = team.memberIds
                .flatMap((id) => {
                  const name = nameOf(id);
                  if (!name) return [];
                  return team.leadIds.includes(id) ? t("settings.teams.leadName", { name }) : name;
                })
                .join(", ");
              const action = (key: string) => t("settings.actionFor", { action: t(key), name: team.name });
              return (
                <tr key={team.id}>
                  <th scope="row" className="cell-main">
                    {team.name}
                  </th>
                  <td data-label={t("settings.teams.members")}>
                    <div>
                      {t("settings.members.count", { count: team.memberIds.length })}
                      {names && <span className="muted member-names">{names}</span>}
                    </div>
                  </td>
                  <td className="cell-actions">
                    {team.abilities.update && (
                      <>
                        <button
                          type="button"
                          aria-label={action("settings.rename")}
                          onClick={() => setOpen({ kind: "rename", team })}
                        >
                          {t("settings.rename")}
                        </button>
                        <button
                          type="button"
                          aria-label={action("settings.members.edit")}
                          onClick={() => setOpen({ kind: "members", team })}
                        >
                          {t("settings.members.edit")}
                        </button>
                      </>
                    )}
                    {team.abilities.delete && (
                      <button
                        type="button"
                        className="danger-text"
                        aria-label={action("settings.delete")}
                        onClick={() => setOpen({ kind: "delete", team })}
                      >
                        {t("settings.delete")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </SettingsTable>
        )}
      </QueryState>
      {open?.kind === "rename" && <RenameTeamDialog team={open.team} onClose={close} />}
      {open?.kind === "members" && <TeamMembersDialog team={open.team} onClose={close} />}
      {open?.kind === "delete" && <DeleteTeamDialog team={open.team} onClose={close} />}
    </>
  );
}

function CreateTeamForm() {
  const { t } = useI18n();
  const create = useCreateTeam();
  const [name, setName] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), { onSuccess: () => setName("") });
  };
  return (
    <form className="create-form" onSubmit={submit} aria-labelledby="create-team-title">
      <h2 id="create-team-title">{t("settings.teams.create")}</h2>
      <div className="row-form">
        <label className="field">
          <span>{t("settings.teams.name")}</span>
          <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("settings.create")}
        </button>
      </div>
      <ErrorMessage error={create.error} />
    </form>
  );
}
