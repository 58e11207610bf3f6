import { useTags, useTeams, useUsers } from "../../api/queries.js";
import type { TMacroActions } from "../../api/macro-queries.js";
import type { Priority } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";

/** "" leaves that part of the conversation alone; "none" clears it (unassign, no team). */
export interface ActionsForm {
  addTags: string;
  removeTags: string;
  status: "" | "open" | "pending" | "resolved";
  priority: "" | Priority;
  assigneeId: string;
  teamId: string;
  followUpInHours: string;
}

const NONE = "none";
const priorities: Priority[] = ["low", "normal", "high", "urgent"];
const splitTags = (text: string) => [
  ...new Set(
    text
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
];

export function formOfActions(actions: TMacroActions | undefined): ActionsForm {
  const idOf = (value: string | null | undefined) => (value === undefined ? "" : (value ?? NONE));
  return {
    addTags: actions?.addTags?.join(", ") ?? "",
    removeTags: actions?.removeTags?.join(", ") ?? "",
    status: actions?.status ?? "",
    priority: actions?.priority ?? "",
    assigneeId: idOf(actions?.assigneeId),
    teamId: idOf(actions?.teamId),
    followUpInHours: actions?.followUpInHours === undefined ? "" : String(actions.followUpInHours),
  };
}

/** The API's actions: only the parts the form changes. */
export function actionsOfForm(form: ActionsForm): TMacroActions {
  const actions: TMacroActions = {};
  const add = splitTags(form.addTags);
  const remove = splitTags(form.removeTags);
  if (add.length) actions.addTags = add;
  if (remove.length) actions.removeTags = remove;
  if (form.status) actions.status = form.status;
  if (form.priority) actions.priority = form.priority;
  if (form.assigneeId) actions.assigneeId = form.assigneeId === NONE ? null : form.assigneeId;
  if (form.teamId) actions.teamId = form.teamId === NONE ? null : form.teamId;
  const hours = Number(form.followUpInHours);
  if (form.followUpInHours.trim() && Number.isFinite(hours) && hours > 0) actions.followUpInHours = hours;
  return actions;
}

/** What a macro changes: tags to add and remove, status, priority, owner, team, a follow-up. */
export function MacroActionsFields({
  form,
  onChange,
}: {
  form: ActionsForm;
  onChange: (form: ActionsForm) => void;
}) {
  const { t } = useI18n();
  const users = useUsers();
  const teams = useTeams();
  const tags = useTags();
  const set = <K extends keyof ActionsForm>(key: K, value: ActionsForm[K]) =>
    onChange({ ...form, [key]: value });
  const keep = <option value="">{t("settings.macros.keep")}</option>;
  return (
    <fieldset className="plain-fieldset macro-actions">
      <legend>{t("settings.macros.actions")}</legend>
      <datalist id="macro-tag-options">
        {tags.data?.map((tag) => (
          <option key={tag.id} value={tag.name} />
        ))}
      </datalist>
      <label className="field">
        <span>{t("settings.macros.addTags")}</span>
        <input
          value={form.addTags}
          list="macro-tag-options"
          placeholder="lost-order, shipping"
          onChange={(e) => set("addTags", e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("settings.macros.removeTags")}</span>
        <input
          value={form.removeTags}
          list="macro-tag-options"
          onChange={(e) => set("removeTags", e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("settings.macros.status")}</span>
        <select value={form.status} onChange={(e) => set("status", e.target.value as ActionsForm["status"])}>
          {keep}
          {(["open", "pending", "resolved"] as const).map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("settings.macros.priority")}</span>
        <select
          value={form.priority}
          onChange={(e) => set("priority", e.target.value as ActionsForm["priority"])}
        >
          {keep}
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {t(`priority.${priority}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("settings.macros.assignee")}</span>
        <select value={form.assigneeId} onChange={(e) => set("assigneeId", e.target.value)}>
          {keep}
          <option value={NONE}>{t("settings.macros.unassign")}</option>
          {users.data
            ?.filter((user) => user.isActive || user.id === form.assigneeId)
            .map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
        </select>
      </label>
      <label className="field">
        <span>{t("settings.macros.team")}</span>
        <select value={form.teamId} onChange={(e) => set("teamId", e.target.value)}>
          {keep}
          <option value={NONE}>{t("settings.macros.noTeam")}</option>
          {teams.data?.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("settings.macros.followUp")}</span>
        <input
          type="number"
          min={1}
          max={8784}
          step={1}
          inputMode="numeric"
          value={form.followUpInHours}
          onChange={(e) => set("followUpInHours", e.target.value)}
        />
      </label>
    </fieldset>
  );
}
