import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useWorkspace } from "../../api/queries.js";
import {
  useCreateSavedReply,
  useSavedReplyFolders,
  useUpdateSavedReply,
  type TSavedReply,
} from "../../api/saved-reply-queries.js";
import type { Language, TUser } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { ScopeField } from "./scope-field.js";
import { DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";
import { VariablePicker } from "./variable-picker.js";

type Bodies = Record<Language, string>;

/**
 * Creates or edits a saved reply: title, "/" shortcut, folder, who sees it (shared needs an owner or
 * admin), and its text in each language it has, one tab per language. The variable list beside the text
 * inserts `{{ customer.firstName }}` and the like at the caret; the server refuses unknown names.
 */
export function SavedReplyDialog({
  user,
  reply,
  onClose,
}: {
  user: TUser;
  reply: TSavedReply | null;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const workspace = useWorkspace();
  const folders = useSavedReplyFolders();
  const create = useCreateSavedReply();
  const update = useUpdateSavedReply();
  const mutation = reply ? update : create;
  const isManager = user.role === "owner" || user.role === "admin";
  const [title, setTitle] = useState(reply?.title ?? "");
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [folderId, setFolderId] = useState(reply?.folderId ?? "");
  const [scope, setScope] = useState<"shared" | "personal">(
    reply?.scope ?? (isManager ? "shared" : "personal"),
  );
  const [bodies, setBodies] = useState<Bodies>(() => {
    const start: Bodies = { en: "", ru: "", hr: "", sk: "" };
    for (const variant of reply?.variants ?? []) start[variant.lang] = variant.body;
    return start;
  });
  const [tab, setTab] = useState<Language>(
    () => reply?.variants[0]?.lang ?? workspace.data?.defaultLanguage ?? language,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const insertVariable = (syntax: string) => {
    const el = area.current;
    const text = bodies[tab];
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setBodies({ ...bodies, [tab]: text.slice(0, start) + syntax + text.slice(end) });
    setTimeout(() => {
      el?.focus();
      el?.setSelectionRange(start + syntax.length, start + syntax.length);
    }, 0);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const variants = languages
      .map(({ code }) => ({ lang: code, body: bodies[code].trim() }))
      .filter((variant) => variant.body !== "");
    if (variants.length === 0) {
      setProblem(t("settings.savedReplies.needText"));
      return;
    }
    setProblem(null);
    const body = {
      title: title.trim(),
      shortcut: shortcut.trim().replace(/^\//, "") || null,
      folderId: folderId || null,
      scope,
      variants,
    };
    if (reply) update.mutate({ id: reply.id, ...body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const at = languages.findIndex((l) => l.code === tab);
    const next =
      languages[(at + (event.key === "ArrowRight" ? 1 : -1) + languages.length) % languages.length]!;
    setTab(next.code);
    document.getElementById(`reply-tab-${next.code}`)?.focus();
  };

  return (
    <Dialog
      title={
        reply
          ? t("settings.savedReplies.editTitle", { name: reply.title })
          : t("settings.savedReplies.create")
      }
      onClose={onClose}
    >
      <form className="stack dialog-body saved-reply-form" onSubmit={submit}>
        <div className="saved-reply-fields">
          <label className="field saved-reply-title">
            <span>{t("settings.savedReplies.name")}</span>
            <input
              ref={dialogAutofocus}
              value={title}
              required
              maxLength={200}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t("settings.savedReplies.shortcutOptional")}</span>
            <input
              value={shortcut}
              maxLength={60}
              pattern="/?[^\s/]+"
              placeholder="lost-order"
              onChange={(e) => setShortcut(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t("settings.savedReplies.folder")}</span>
            <select value={folderId} onChange={(e) => setFolderId(e.target.value)}>
              <option value="">{t("settings.savedReplies.noFolder")}</option>
              {folders.data?.map((folder) => (
                <option key={folder.id} value={folder.id}>
                  {folder.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ScopeField value={scope} canShare={isManager || scope === "shared"} onChange={setScope} />
        <div className="saved-reply-editor">
          <div className="saved-reply-text">
            <div role="tablist" aria-label={t("settings.savedReplies.languages")} className="language-tabs">
              {languages.map(({ code, name }) => (
                <button
                  key={code}
                  id={`reply-tab-${code}`}
                  type="button"
                  role="tab"
                  aria-selected={tab === code}
                  aria-controls="reply-tab-panel"
                  tabIndex={tab === code ? 0 : -1}
                  onClick={() => setTab(code)}
                  onKeyDown={onTabKey}
                >
                  {name}
                  {bodies[code].trim() && <span className="language-filled" aria-hidden="true" />}
                </button>
              ))}
            </div>
            <div id="reply-tab-panel" role="tabpanel" aria-labelledby={`reply-tab-${tab}`}>
              <label className="visually-hidden" htmlFor="reply-body">
                {t("settings.savedReplies.textIn", { language: languages.find((l) => l.code === tab)!.name })}
              </label>
              <textarea
                id="reply-body"
                ref={area}
                lang={tab}
                rows={9}
                maxLength={20_000}
                value={bodies[tab]}
                onChange={(e) => setBodies({ ...bodies, [tab]: e.target.value })}
              />
              <p className="muted hint">{t("settings.savedReplies.textHint")}</p>
            </div>
          </div>
          <VariablePicker onInsert={insertVariable} />
        </div>
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <ErrorMessage error={mutation.error} />
        <DialogActions isPending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
