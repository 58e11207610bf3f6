import { useState } from "react";
import { useDeleteMacro, useMacros, type TMacro } from "../../api/macro-queries.js";
import { useTeams, useUsers } from "../../api/queries.js";
import { useSavedReplies } from "../../api/saved-reply-queries.js";
import type { TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { MacroDialog } from "./macro-dialog.js";
import { ConfirmDialog, focusMain, QueryState, SettingsTable } from "./settings-ui.js";
import "./saved-replies.css";

type Open = { kind: "create" } | { kind: "edit" | "delete"; macro: TMacro } | null;
type T = (key: string, params?: Record<string, string | number>) => string;

/** What a macro does, in a line: "Status: Pending · +lost-order · Reply: Lost order". */
export function macroSummary(
  macro: TMacro,
  names: { user: (id: string) => string; team: (id: string) => string; reply: (id: string) => string },
  t: T,
): string {
  const a = macro.actions;
  const parts: string[] = [];
  if (a.status) parts.push(t("settings.macros.sumStatus", { status: t(`status.${a.status}`) }));
  if (a.priority) parts.push(t("settings.macros.sumPriority", { priority: t(`priority.${a.priority}`) }));
  const tags = [
    ...(a.addTags ?? []).map((tag) => `+${tag}`),
    ...(a.removeTags ?? []).map((tag) => `\u2212${tag}`),
  ];
  if (tags.length) parts.push(t("settings.macros.sumTags", { tags: tags.join(" ") }));
  if (a.assigneeId !== undefined)
    parts.push(
      a.assigneeId
        ? t("settings.macros.sumAssignee", { name: names.user(a.assigneeId) })
        : t("settings.macros.unassign"),
    );
  if (a.teamId !== undefined)
    parts.push(
      a.teamId ? t("settings.macros.sumTeam", { name: names.team(a.teamId) }) : t("settings.macros.noTeam"),
    );
  if (a.followUpInHours !== undefined)
    parts.push(t("settings.macros.sumFollowUp", { count: a.followUpInHours }));
  if (macro.savedReplyId)
    parts.push(t("settings.macros.sumReply", { name: names.reply(macro.savedReplyId) }));
  return parts.join(" · ");
}

/**
 * Macros: several changes to a conversation in one click from its "Macros" menu (tags, status, priority,
 * owner, team, a follow-up), optionally with a saved reply put into the reply box.
 */
export function MacrosSection({ user }: { user: TUser }) {
  const { t, formatNumber } = useI18n();
  const macros = useMacros();
  const users = useUsers();
  const teams = useTeams();
  const replies = useSavedReplies({ q: "", limit: 500 });
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const gone = t("settings.macros.gone");
  const names = {
    user: (id: string) => users.data?.find((u) => u.id === id)?.name ?? gone,
    team: (id: string) => teams.data?.find((team) => team.id === id)?.name ?? gone,
    reply: (id: string) => replies.data?.find((reply) => reply.id === id)?.title ?? gone,
  };

  return (
    <>
      <div className="section-head">
        <h1>{t("settings.macros.title")}</h1>
        <button type="button" className="primary" onClick={() => setOpen({ kind: "create" })}>
          {t("settings.macros.create")}
        </button>
      </div>
      <p className="muted">{t("settings.macros.intro")}</p>
      <QueryState query={macros}>
        {macros.data?.length === 0 ? (
          <p className="muted">{t("settings.macros.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.macros.title")}
            columns={[
              t("settings.macros.name"),
              t("settings.macros.does"),
              t("settings.savedReplies.scope"),
              t("settings.savedReplies.used"),
            ]}
          >
            {macros.data?.map((macro) => {
              const action = (key: string) => t("settings.actionFor", { action: t(key), name: macro.name });
              return (
                <tr key={macro.id}>
                  <th scope="row" className="cell-main cell-wrap">
                    {macro.name}
                  </th>
                  <td data-label={t("settings.macros.does")} className="cell-wrap">
                    {macroSummary(macro, names, t)}
                  </td>
                  <td data-label={t("settings.savedReplies.scope")}>{t(`settings.scope.${macro.scope}`)}</td>
                  <td data-label={t("settings.savedReplies.used")} className="cell-number">
                    {formatNumber(macro.usageCount)}
                  </td>
                  <td className="cell-actions">
                    {macro.abilities.edit && (
                      <button
                        type="button"
                        aria-label={action("settings.edit")}
                        onClick={() => setOpen({ kind: "edit", macro })}
                      >
                        {t("settings.edit")}
                      </button>
                    )}
                    {macro.abilities.delete && (
                      <button
                        type="button"
                        className="danger-text"
                        aria-label={action("settings.delete")}
                        onClick={() => setOpen({ kind: "delete", macro })}
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
      {open?.kind === "create" && <MacroDialog user={user} macro={null} onClose={close} />}
      {open?.kind === "edit" && <MacroDialog user={user} macro={open.macro} onClose={close} />}
      {open?.kind === "delete" && <DeleteMacroDialog macro={open.macro} onClose={close} />}
    </>
  );
}

function DeleteMacroDialog({ macro, onClose }: { macro: TMacro; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteMacro();
  return (
    <ConfirmDialog
      title={t("settings.macros.deleteTitle", { name: macro.name })}
      message={t("settings.macros.deleteMessage", { name: macro.name })}
      confirmLabel={t("settings.delete")}
      isPending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(macro.id, {
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
