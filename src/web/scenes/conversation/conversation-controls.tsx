import type { Ref } from "react";
import { useTeams, useUsers } from "../../api/queries.js";
import type { Priority, TConversation, TConversationPatch, TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { TagEditor } from "./tag-editor.js";

const priorities: Priority[] = ["low", "normal", "high", "urgent"];

/** The details panel's controls: owner, team, priority and tags, each enabled by the conversation's abilities. */
export function ConversationControls({
  conversation: conv,
  user,
  assignRef,
  isPending,
  onChange,
}: {
  conversation: TConversation;
  user: TUser;
  assignRef: Ref<HTMLSelectElement>;
  isPending: boolean;
  onChange: (patch: TConversationPatch) => void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const teams = useTeams();
  const abilities = conv.abilities;
  const activeUsers = (users.data ?? []).filter((u) => u.isActive || u.id === conv.assignee?.id);
  return (
    <section className="details-section" aria-labelledby={`details-${conv.id}`}>
      <h2 id={`details-${conv.id}`}>{t("conversation.details")}</h2>
      <label className="control">
        <span>{t("conversation.assignee")}</span>
        <select
          ref={assignRef}
          value={conv.assignee?.id ?? ""}
          disabled={!abilities.canAssign || isPending}
          onChange={(e) => onChange({ assigneeId: e.target.value || null })}
        >
          <option value="">{t("list.unassigned")}</option>
          {activeUsers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.id === user.id ? t("conversation.meName", { name: u.name }) : u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t("conversation.team")}</span>
        <select
          value={conv.team?.id ?? ""}
          disabled={!abilities.canSetTeam || isPending}
          onChange={(e) => onChange({ teamId: e.target.value || null })}
        >
          <option value="">{t("conversation.noTeam")}</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <span>{t("conversation.priority")}</span>
        <select
          value={conv.priority}
          disabled={!abilities.canSetPriority || isPending}
          onChange={(e) => onChange({ priority: e.target.value as Priority })}
        >
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="control">
        <span>{t("tags.label")}</span>
        <TagEditor tags={conv.tags} canTag={abilities.canTag} onChange={(tags) => onChange({ tags })} />
      </div>
    </section>
  );
}
