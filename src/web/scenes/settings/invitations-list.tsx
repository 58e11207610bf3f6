import { useState } from "react";
import type { TInvitation } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { useInvitations, useRevokeInvitation } from "./settings-queries.js";
import { ConfirmDialog, focusMain, QueryState, SettingsTable } from "./settings-ui.js";

/** Invitations not yet accepted; revoking one makes its link stop working. */
export function InvitationsList() {
  const { t, formatDateTime } = useI18n();
  const invitations = useInvitations();
  const [revoking, setRevoking] = useState<TInvitation | null>(null);
  const items = invitations.data ?? [];

  return (
    <section aria-labelledby="invitations-title" className="settings-subsection">
      <h2 id="invitations-title">{t("settings.invitations.title")}</h2>
      <QueryState query={invitations}>
        {items.length === 0 ? (
          <p className="muted">{t("settings.invitations.empty")}</p>
        ) : (
          <SettingsTable
            columns={[
              t("settings.agents.email"),
              t("settings.agents.name"),
              t("settings.agents.role"),
              t("settings.invitations.expires"),
            ]}
          >
            {items.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row" className="cell-main cell-wrap">
                  {invitation.email}
                </th>
                <td data-label={t("settings.agents.name")}>{invitation.name ?? "—"}</td>
                <td data-label={t("settings.agents.role")}>
                  <span className="capitalized">{t(`role.${invitation.role}`)}</span>
                </td>
                <td data-label={t("settings.invitations.expires")}>
                  <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt)}</time>
                </td>
                <td className="cell-actions">
                  {invitation.abilities.revoke && (
                    <button
                      type="button"
                      aria-label={t("settings.actionFor", {
                        action: t("settings.invitations.revoke"),
                        name: invitation.email,
                      })}
                      onClick={() => setRevoking(invitation)}
                    >
                      {t("settings.invitations.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryState>
      {revoking && <RevokeDialog invitation={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}

function RevokeDialog({ invitation, onClose }: { invitation: TInvitation; onClose: () => void }) {
  const { t } = useI18n();
  const revoke = useRevokeInvitation();
  return (
    <ConfirmDialog
      title={t("settings.invitations.revokeTitle")}
      message={t("settings.invitations.revokeMessage", { email: invitation.email })}
      confirmLabel={t("settings.invitations.revoke")}
      isPending={revoke.isPending}
      error={revoke.error}
      onConfirm={() =>
        revoke.mutate(invitation.id, {
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
