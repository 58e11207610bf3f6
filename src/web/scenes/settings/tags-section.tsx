import { useState, type FormEvent } from "react";
import { useTags } from "../../api/queries.js";
import type { TTag } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { useCreateTag, useUpdateTag } from "./settings-queries.js";
import { DialogActions, dialogAutofocus, ErrorMessage, QueryState, SettingsTable } from "./settings-ui.js";

/**
 * Tags, each optionally in a reason group (why customers write: "Shipping", "Returns"), which reports
 * count by. Agents also create tags by typing a new one on a conversation.
 */
export function TagsSection() {
  const { t } = useI18n();
  const tags = useTags();
  const [editing, setEditing] = useState<TTag | null>(null);
  const groups = [...new Set((tags.data ?? []).map((tag) => tag.reasonGroup).filter(Boolean))].sort();

  return (
    <>
      <h1>{t("settings.tags.title")}</h1>
      <CreateTagForm />
      <datalist id="reason-groups">
        {groups.map((group) => (
          <option key={group} value={group!} />
        ))}
      </datalist>
      <QueryState query={tags}>
        {tags.data?.length === 0 ? (
          <p className="muted">{t("settings.tags.empty")}</p>
        ) : (
          <SettingsTable
            caption={t("settings.tags.title")}
            columns={[t("settings.tags.name"), t("settings.tags.reasonGroup")]}
          >
            {tags.data?.map((tag) => (
              <tr key={tag.id}>
                <th scope="row" className="cell-main">
                  <span className="tag">{tag.name}</span>
                </th>
                <td data-label={t("settings.tags.reasonGroup")}>
                  {tag.reasonGroup ?? <span className="muted">—</span>}
                </td>
                <td className="cell-actions">
                  <button
                    type="button"
                    aria-label={t("settings.actionFor", { action: t("settings.edit"), name: tag.name })}
                    onClick={() => setEditing(tag)}
                  >
                    {t("settings.edit")}
                  </button>
                </td>
              </tr>
            ))}
          </SettingsTable>
        )}
      </QueryState>
      {editing && <EditTagDialog tag={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function CreateTagForm() {
  const { t } = useI18n();
  const create = useCreateTag();
  const [name, setName] = useState("");
  const [reasonGroup, setReasonGroup] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const group = reasonGroup.trim();
    create.mutate(
      { name: name.trim(), ...(group ? { reasonGroup: group } : {}) },
      {
        onSuccess: () => {
          setName("");
          setReasonGroup("");
        },
      },
    );
  };
  return (
    <form className="create-form" onSubmit={submit} aria-labelledby="create-tag-title">
      <h2 id="create-tag-title">{t("settings.tags.create")}</h2>
      <div className="row-form">
        <label className="field">
          <span>{t("settings.tags.name")}</span>
          <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("settings.tags.reasonGroupOptional")}</span>
          <input
            value={reasonGroup}
            maxLength={100}
            list="reason-groups"
            onChange={(e) => setReasonGroup(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("settings.create")}
        </button>
      </div>
      <p className="muted hint">{t("settings.tags.reasonGroupHint")}</p>
      <ErrorMessage error={create.error} />
    </form>
  );
}

function EditTagDialog({ tag, onClose }: { tag: TTag; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateTag();
  const [name, setName] = useState(tag.name);
  const [reasonGroup, setReasonGroup] = useState(tag.reasonGroup ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const group = reasonGroup.trim();
    update.mutate({ id: tag.id, name: name.trim(), reasonGroup: group || null }, { onSuccess: onClose });
  };
  return (
    <Dialog title={t("settings.tags.editTitle", { name: tag.name })} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.tags.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("settings.tags.reasonGroupOptional")}</span>
          <input
            value={reasonGroup}
            maxLength={100}
            list="reason-groups"
            onChange={(e) => setReasonGroup(e.target.value)}
          />
        </label>
        <p className="muted hint">{t("settings.tags.renameHint")}</p>
        <ErrorMessage error={update.error} />
        <DialogActions isPending={update.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
