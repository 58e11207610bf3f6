import { useState } from "react";
import {
  useDeleteSavedReply,
  useSavedReplies,
  useSavedReplyFolders,
  type TSavedReply,
} from "../../api/saved-reply-queries.js";
import type { TUser } from "../../api/types.js";
import { useDebounced } from "../../hooks/use-debounced.js";
import { useI18n } from "../../i18n/i18n.js";
import { SavedReplyDialog } from "./saved-reply-dialog.js";
import { SavedReplyFoldersDialog } from "./saved-reply-folders-dialog.js";
import { ConfirmDialog, focusMain, QueryState, SettingsTable } from "./settings-ui.js";
import "./saved-replies.css";

type Open = { kind: "create" } | { kind: "edit" | "delete"; reply: TSavedReply } | { kind: "folders" } | null;

/** Every saved reply the user sees; the server caps a list, this is far more than a workspace keeps. */
const LIST_LIMIT = 500;

/**
 * Saved replies: the shared library (kept by owners and admins) and each agent's personal ones, found by
 * words or folder, with how often each was used. Agents type "/" in a reply to insert one.
 */
export function SavedRepliesSection({ user }: { user: TUser }) {
  const { t, formatNumber } = useI18n();
  const [q, setQ] = useState("");
  const [folderId, setFolderId] = useState("");
  const replies = useSavedReplies({ q: useDebounced(q.trim(), 200), folderId, limit: LIST_LIMIT });
  const folders = useSavedReplyFolders();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const isManager = user.role === "owner" || user.role === "admin";
  const folderName = (id: string | null) => folders.data?.find((folder) => folder.id === id)?.name;

  return (
    <>
      <div className="section-head">
        <h1>{t("settings.savedReplies.title")}</h1>
        <button type="button" className="primary" onClick={() => setOpen({ kind: "create" })}>
          {t("settings.savedReplies.create")}
        </button>
      </div>
      <p className="muted">{t("settings.savedReplies.intro")}</p>
      <div className="saved-replies-filters">
        <label className="field">
          <span>{t("settings.savedReplies.search")}</span>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("settings.savedReplies.folder")}</span>
          <select value={folderId} onChange={(e) => setFolderId(e.target.value)}>
            <option value="">{t("settings.savedReplies.allFolders")}</option>
            {folders.data?.map((folder) => (
              <option key={folder.id} value={folder.id}>
                {folder.name}
              </option>
            ))}
          </select>
        </label>
        {isManager && (
          <button type="button" onClick={() => setOpen({ kind: "folders" })}>
            {t("settings.savedReplies.manageFolders")}
          </button>
        )}
      </div>
      <QueryState query={replies}>
        {replies.data?.length === 0 ? (
          <p className="muted">
            {q.trim() || folderId ? t("settings.savedReplies.noMatch") : t("settings.savedReplies.empty")}
          </p>
        ) : (
          <SettingsTable
            caption={t("settings.savedReplies.title")}
            columns={[
              t("settings.savedReplies.name"),
              t("settings.savedReplies.shortcut"),
              t("settings.savedReplies.folder"),
              t("settings.savedReplies.scope"),
              t("settings.savedReplies.used"),
            ]}
          >
            {replies.data?.map((reply) => {
              const action = (key: string) => t("settings.actionFor", { action: t(key), name: reply.title });
              return (
                <tr key={reply.id}>
                  <th scope="row" className="cell-main cell-wrap">
                    {reply.title}
                    <span className="saved-reply-langs muted">
                      {reply.variants.map((variant) => variant.lang.toUpperCase()).join(" · ")}
                    </span>
                  </th>
                  <td data-label={t("settings.savedReplies.shortcut")}>
                    {reply.shortcut ? <code>/{reply.shortcut}</code> : <span className="muted">—</span>}
                  </td>
                  <td data-label={t("settings.savedReplies.folder")}>
                    {folderName(reply.folderId) ?? <span className="muted">—</span>}
                  </td>
                  <td data-label={t("settings.savedReplies.scope")}>{t(`settings.scope.${reply.scope}`)}</td>
                  <td data-label={t("settings.savedReplies.used")} className="cell-number">
                    {formatNumber(reply.usageCount)}
                  </td>
                  <td className="cell-actions">
                    {reply.abilities.edit && (
                      <button
                        type="button"
                        aria-label={action("settings.edit")}
                        onClick={() => setOpen({ kind: "edit", reply })}
                      >
                        {t("settings.edit")}
                      </button>
                    )}
                    {reply.abilities.delete && (
                      <button
                        type="button"
                        className="danger-text"
                        aria-label={action("settings.delete")}
                        onClick={() => setOpen({ kind: "delete", reply })}
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
      {open?.kind === "create" && <SavedReplyDialog user={user} reply={null} onClose={close} />}
      {open?.kind === "edit" && <SavedReplyDialog user={user} reply={open.reply} onClose={close} />}
      {open?.kind === "delete" && <DeleteSavedReplyDialog reply={open.reply} onClose={close} />}
      {open?.kind === "folders" && <SavedReplyFoldersDialog onClose={close} />}
    </>
  );
}

/** Deleting a saved reply: macros that insert it keep their other actions. */
function DeleteSavedReplyDialog({ reply, onClose }: { reply: TSavedReply; onClose: () => void }) {
  const { t } = useI18n();
  const remove = useDeleteSavedReply();
  return (
    <ConfirmDialog
      title={t("settings.savedReplies.deleteTitle", { name: reply.title })}
      message={t("settings.savedReplies.deleteMessage", { name: reply.title })}
      confirmLabel={t("settings.delete")}
      isPending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(reply.id, {
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
