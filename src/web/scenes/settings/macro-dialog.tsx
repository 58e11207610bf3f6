import { useState, type FormEvent } from "react";
import { useCreateMacro, useUpdateMacro, type TMacro } from "../../api/macro-queries.js";
import { useSavedReplies } from "../../api/saved-reply-queries.js";
import type { TUser } from "../../api/types.js";
import { Dialog } from "../../components/dialog.js";
import { useI18n } from "../../i18n/i18n.js";
import { actionsOfForm, formOfActions, MacroActionsFields } from "./macro-actions-fields.js";
import { ScopeField } from "./scope-field.js";
import { DialogActions, dialogAutofocus, ErrorMessage } from "./settings-ui.js";

/**
 * Creates or edits a macro: its name, who sees it (shared needs an owner or admin), the saved reply it
 * puts into the composer (optional) and what it changes. A macro must do at least one thing.
 */
export function MacroDialog({
  user,
  macro,
  onClose,
}: {
  user: TUser;
  macro: TMacro | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const replies = useSavedReplies({ q: "", limit: 500 });
  const create = useCreateMacro();
  const update = useUpdateMacro();
  const mutation = macro ? update : create;
  const isManager = user.role === "owner" || user.role === "admin";
  const [name, setName] = useState(macro?.name ?? "");
  const [scope, setScope] = useState<"shared" | "personal">(
    macro?.scope ?? (isManager ? "shared" : "personal"),
  );
  const [savedReplyId, setSavedReplyId] = useState(macro?.savedReplyId ?? "");
  const [form, setForm] = useState(() => formOfActions(macro?.actions));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const actions = actionsOfForm(form);
    if (!savedReplyId && Object.keys(actions).length === 0) {
      setProblem(t("settings.macros.needAction"));
      return;
    }
    setProblem(null);
    const body = { name: name.trim(), scope, savedReplyId: savedReplyId || null, actions };
    if (macro) update.mutate({ id: macro.id, ...body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  // Personal replies of the author are offered only for a personal macro: others could not read them.
  const offered = (replies.data ?? []).filter(
    (reply) => reply.id === savedReplyId || scope === "personal" || reply.scope === "shared",
  );
  return (
    <Dialog
      title={macro ? t("settings.macros.editTitle", { name: macro.name }) : t("settings.macros.create")}
      onClose={onClose}
    >
      <form className="stack dialog-body macro-form" onSubmit={submit}>
        <label className="field">
          <span>{t("settings.macros.name")}</span>
          <input
            ref={dialogAutofocus}
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <ScopeField value={scope} canShare={isManager || scope === "shared"} onChange={setScope} />
        <label className="field">
          <span>{t("settings.macros.savedReply")}</span>
          <select value={savedReplyId} onChange={(e) => setSavedReplyId(e.target.value)}>
            <option value="">{t("settings.macros.noReply")}</option>
            {offered.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.title}
              </option>
            ))}
          </select>
        </label>
        <p className="muted hint">{t("settings.macros.replyHint")}</p>
        <MacroActionsFields form={form} onChange={setForm} />
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
