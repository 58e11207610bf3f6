import { useState, type FormEvent } from "react";
import {
  useCreateSavedReplyFolder,
  useDeleteSavedReplyFolder,
  useRenameSavedReplyFolder,
  useSavedReplyFolders,
} from "../../api/saved-reply-queries.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { dialogAutofocus, ErrorMessage } from "./settings-ui.js";

/**
 * The folders saved replies are filed in (owners and admins): add, rename, delete. Deleting a folder
 * keeps its replies, without a folder, so it asks nothing.
 */
export function SavedReplyFoldersDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const folders = useSavedReplyFolders();
  const create = useCreateSavedReplyFolder();
  const rename = useRenameSavedReplyFolder();
  const remove = useDeleteSavedReplyFolder();
  const [name, setName] = useState("");
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate(name.trim(), { onSuccess: () => setName("") });
  };
  const saveName = (event: FormEvent) => {
    event.preventDefault();
    if (editing?.name.trim())
      rename.mutate({ id: editing.id, name: editing.name.trim() }, { onSuccess: () => setEditing(null) });
  };

  return (
    <Dialog title={t("settings.savedReplies.foldersTitle")} onClose={onClose}>
      <div className="stack dialog-body">
        {folders.data?.length === 0 && <p className="muted">{t("settings.savedReplies.noFolders")}</p>}
        <ul className="folder-list">
          {folders.data?.map((folder) => (
            <li key={folder.id}>
              {editing?.id === folder.id ? (
                <form className="folder-row" onSubmit={saveName}>
                  <label className="visually-hidden" htmlFor="folder-rename">
                    {t("settings.savedReplies.folderName")}
                  </label>
                  <input
                    id="folder-rename"
                    ref={dialogAutofocus}
                    value={editing.name}
                    required
                    maxLength={100}
                    onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                  />
                  <button type="submit" className="primary" disabled={rename.isPending}>
                    {t("common.save")}
                  </button>
                  <button type="button" onClick={() => setEditing(null)}>
                    {t("common.cancel")}
                  </button>
                </form>
              ) : (
                <div className="folder-row">
                  <span className="folder-name">{folder.name}</span>
                  {folder.abilities.edit && (
                    <button
                      type="button"
                      aria-label={t("settings.actionFor", {
                        action: t("settings.rename"),
                        name: folder.name,
                      })}
                      onClick={() => setEditing({ id: folder.id, name: folder.name })}
                    >
                      {t("settings.rename")}
                    </button>
                  )}
                  {folder.abilities.delete && (
                    <button
                      type="button"
                      className="danger-text"
                      disabled={remove.isPending}
                      aria-label={t("settings.actionFor", {
                        action: t("settings.delete"),
                        name: folder.name,
                      })}
                      onClick={() => remove.mutate(folder.id)}
                    >
                      {t("settings.delete")}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
        <form className="folder-row" onSubmit={add}>
          <label className="field folder-new">
            <span>{t("settings.savedReplies.newFolder")}</span>
            <input value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" disabled={create.isPending}>
            {t("settings.savedReplies.addFolder")}
          </button>
        </form>
        <p className="muted hint">{t("settings.savedReplies.folderDeleteHint")}</p>
        <ErrorMessage error={create.error ?? rename.error ?? remove.error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
