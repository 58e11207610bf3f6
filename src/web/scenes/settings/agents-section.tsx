import { useState } from "react";
import { useUsers } from "../../api/queries.js";
import type { TManagedUser, TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { AgentAvailability } from "./agent-availability.js";
import { CapacityDialog } from "./capacity-dialog.js";
import { InvitationsList } from "./invitations-list.js";
import { InviteDialog } from "./invite-dialog.js";
import { useUpdateUser } from "./settings-queries.js";
import { ErrorMessage, QueryState, SettingsTable } from "./settings-ui.js";
import { DeactivateDialog, RoleDialog } from "./user-dialogs.js";

const toggleKey = (user: TManagedUser) =>
  user.isActive ? "settings.agents.deactivate" : "settings.agents.reactivate";

type Open = { kind: "role" | "deactivate" | "capacity"; user: TManagedUser } | { kind: "invite" } | null;

/**
 * The workspace's people: their roles and whether they may sign in, the invitations not yet accepted,
 * and a new invitation. Buttons appear only where the user's `abilities` allow the change.
 */
export function AgentsSection({ user: me }: { user: TUser }) {
  const { t } = useI18n();
  const users = useUsers();
  const reactivate = useUpdateUser();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <>
      <div className="section-head">
        <h1>{t("settings.agents.title")}</h1>
        <button type="button" className="primary" onClick={() => setOpen({ kind: "invite" })}>
          {t("settings.agents.invite")}
        </button>
      </div>
      <QueryState query={users}>
        <ErrorMessage error={reactivate.error} />
        <SettingsTable
          caption={t("settings.agents.title")}
          columns={[
            t("settings.agents.name"),
            t("settings.agents.email"),
            t("settings.agents.role"),
            t("settings.agents.status"),
            t("settings.agents.availability"),
          ]}
        >
          {users.data?.map((user) => (
            <tr key={user.id} className={user.isActive ? undefined : "inactive"}>
              <th scope="row" className="cell-main">
                <span className="person-name">{user.name}</span>
                {user.id === me.id && <span className="muted"> {t("settings.agents.you")}</span>}
                <span className="muted handle">@{user.handle}</span>
              </th>
              <td data-label={t("settings.agents.email")} className="cell-wrap">
                {user.email}
              </td>
              <td data-label={t("settings.agents.role")}>
                <span className="capitalized">{t(`role.${user.role}`)}</span>
              </td>
              <td data-label={t("settings.agents.status")}>
                <span className={`badge ${user.isActive ? "badge-ok" : "badge-off"}`}>
                  {t(user.isActive ? "settings.agents.active" : "settings.agents.deactivated")}
                </span>
              </td>
              <td data-label={t("settings.agents.availability")}>
                <AgentAvailability user={user} me={me} />
              </td>
              <td className="cell-actions">
                {user.abilities.changeRole && (
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", {
                      action: t("settings.agents.changeRole"),
                      name: user.name,
                    })}
                    onClick={() => setOpen({ kind: "role", user })}
                  >
                    {t("settings.agents.changeRole")}
                  </button>
                )}
                {user.isActive && (me.role === "owner" || me.role === "admin") && (
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", {
                      action: t("settings.agents.capacity"),
                      name: user.name,
                    })}
                    onClick={() => setOpen({ kind: "capacity", user })}
                  >
                    {t("settings.agents.capacity")}
                  </button>
                )}
                {user.abilities.deactivate && (
                  // One button for both, so focus stays on it once the change is made.
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", { action: t(toggleKey(user)), name: user.name })}
                    disabled={reactivate.isPending && reactivate.variables?.id === user.id}
                    onClick={() =>
                      user.isActive
                        ? setOpen({ kind: "deactivate", user })
                        : reactivate.mutate({ id: user.id, isActive: true })
                    }
                  >
                    {t(toggleKey(user))}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </SettingsTable>
      </QueryState>
      <InvitationsList />
      {open?.kind === "invite" && <InviteDialog onClose={close} />}
      {open?.kind === "role" && <RoleDialog user={open.user} onClose={close} />}
      {open?.kind === "deactivate" && <DeactivateDialog user={open.user} onClose={close} />}
      {open?.kind === "capacity" && <CapacityDialog user={open.user} onClose={close} />}
    </>
  );
}
