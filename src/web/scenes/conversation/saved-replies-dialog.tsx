import { useState, type KeyboardEvent } from "react";
import {
  useInsertSavedReply,
  useSavedReplies,
  useSavedReplyPreview,
  type TFilledReply,
  type TSavedReply,
} from "../../api/saved-reply-queries.js";
import { Dialog } from "../../components/dialog.js";
import { Markdown } from "../../components/markdown.js";
import { variableLabel } from "../../components/reply-variables.js";
import { useDebounced } from "../../hooks/use-debounced.js";
import { errorText } from "../../i18n/error-text.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link } from "../../router.js";
import { replySnippet } from "./slash-command.js";

/** Focus on open: the search box is what the agent starts with (see settings-ui's dialogAutofocus). */
const autofocus = (element: HTMLElement | null) => element?.setAttribute("autofocus", "");

/**
 * The composer's "Saved replies" button: the same replies as the `/` picker, searchable, with a preview
 * filled for this conversation beside the list. Arrow keys in the search box move through the list and
 * Enter inserts; a click selects, a double click or "Insert" inserts.
 */
export function SavedRepliesDialog({
  conversationId,
  onInsert,
  onClose,
}: {
  conversationId: string;
  onInsert: (filled: TFilledReply) => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const [q, setQ] = useState("");
  const replies = useSavedReplies({ q: useDebounced(q.trim(), 150), limit: 30 });
  const list = replies.data ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const current = list.find((reply) => reply.id === selectedId) ?? list[0] ?? null;
  const preview = useSavedReplyPreview(current?.id ?? null, conversationId);
  const insert = useInsertSavedReply(conversationId);
  const listId = `saved-reply-list-${conversationId}`;

  const choose = (reply: TSavedReply | null) => {
    if (reply) insert.mutate(reply.id, { onSuccess: onInsert });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!list.length) return;
    const at = current ? list.indexOf(current) : 0;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setSelectedId(list[(at + step + list.length) % list.length]!.id);
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(current);
    }
  };

  return (
    <Dialog title={t("savedReplies.title")} onClose={onClose}>
      <div className="saved-replies-dialog">
        <input
          ref={autofocus}
          type="search"
          value={q}
          role="combobox"
          aria-label={t("savedReplies.search")}
          aria-expanded={list.length > 0}
          aria-controls={listId}
          aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
          aria-autocomplete="list"
          placeholder={t("savedReplies.search")}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div className="saved-replies-columns">
          <ul id={listId} role="listbox" aria-label={t("savedReplies.list")} className="saved-replies-list">
            {list.map((reply) => (
              <li
                key={reply.id}
                id={`${listId}-${reply.id}`}
                role="option"
                aria-selected={reply === current}
                onClick={() => setSelectedId(reply.id)}
                onDoubleClick={() => choose(reply)}
              >
                <span className="picker-title">
                  <strong>{reply.title}</strong>
                  {reply.shortcut && <span className="muted"> /{reply.shortcut}</span>}
                </span>
                <span className="picker-snippet muted">{replySnippet(reply, language, 70)}</span>
              </li>
            ))}
          </ul>
          <section className="saved-reply-preview" aria-label={t("savedReplies.preview")}>
            {replies.isPending ? (
              <p className="muted">{t("common.loading")}</p>
            ) : !current ? (
              <p className="muted">
                {q.trim() ? t("savedReplies.noMatch", { query: q.trim() }) : t("savedReplies.none")}
              </p>
            ) : preview.data ? (
              <>
                <Markdown text={preview.data.body} />
                {preview.data.missing.length > 0 && (
                  <p className="muted hint">
                    {t("savedReplies.missing", {
                      count: preview.data.missing.length,
                      names: preview.data.missing.map((name) => variableLabel(name, t)).join(", "),
                    })}
                  </p>
                )}
              </>
            ) : preview.isError ? (
              <p className="error">{errorText(preview.error, t)}</p>
            ) : (
              <p className="muted">{t("common.loading")}</p>
            )}
          </section>
        </div>
        {(insert.error || replies.error) && (
          <p role="alert" className="error">
            {errorText(insert.error ?? replies.error, t)}
          </p>
        )}
        <div className="dialog-actions saved-replies-actions">
          <Link href="/settings/saved-replies" className="saved-replies-manage">
            {t("savedReplies.manage")}
          </Link>
          <button type="button" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!current || insert.isPending}
            onClick={() => choose(current)}
          >
            {t("savedReplies.insert")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
