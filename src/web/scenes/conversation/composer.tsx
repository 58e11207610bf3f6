import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { useSendMessage } from "../../api/queries.js";
import type { TFilledReply } from "../../api/saved-reply-queries.js";
import type { TAttachment } from "../../api/types.js";
import { ComposerFiles } from "./composer-files.js";
import { articleLink, insertBlock } from "./article-link.js";
import { ArticleSuggestions } from "./article-suggestions.js";
import { Markdown } from "../../components/markdown.js";
import { editStoredDraft, useDraft, useDraftStart } from "../../hooks/use-draft.js";
import { useRealtime } from "../../realtime/realtime-provider.js";
import { ApiError } from "../../api/client.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../../i18n/error-text.js";
import { CoachPanel } from "./coach-panel.js";
import { useMentionPicker } from "./mention-picker.js";
import { MissingVariables } from "./missing-variables.js";
import { SavedRepliesDialog } from "./saved-replies-dialog.js";
import { useSlashPicker } from "./slash-picker.js";

export interface ComposerHandle {
  focus: (kind: "reply" | "note") => void;
  /** Adds text (article links) to the reply draft at the caret, on its own lines, and focuses it. */
  insertIntoReply: (block: string) => void;
  /** Adds a filled saved reply (a macro's) to the reply draft, after what is there, and names what is missing. */
  addToReply: (filled: TFilledReply) => void;
}

interface Props {
  conversationId: string;
  canReply: boolean;
  canAddNote: boolean;
  /** The newest message on screen: where a new draft begins, for the collision guard. */
  newestMessageId: string | null;
  ref?: Ref<ComposerHandle>;
}

/**
 * Writes a reply or an internal note, in markdown with a preview. Drafts are kept per conversation; a
 * failed send keeps the text and says why. In notes, "@" suggests teammates to mention; "/" (or the
 * "Saved replies" button) inserts a saved reply filled for this conversation. While a reply is written,
 * the reply coach reads it. Typing is shown to others who have the conversation open; if someone else
 * wrote since the draft began, sending stops and asks the agent to read that first (the collision
 * guard), then lets them send anyway.
 */
export function Composer({ conversationId, canReply, canAddNote, newestMessageId, ref }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<"reply" | "note">(canReply ? "reply" : "note");
  const [text, setText] = useDraft(conversationId, kind);
  const [seenMessageId, acceptNewest] = useDraftStart(conversationId, kind, text, newestMessageId);
  const [changed, setChanged] = useState(false);
  const realtime = useRealtime();
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<TAttachment[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [isPicking, setIsPicking] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(text);
  latest.current = text;
  const send = useSendMessage(conversationId);
  const mentions = useMentionPicker({ conversationId, isEnabled: kind === "note", area, text, setText });
  const slash = useSlashPicker({
    conversationId,
    area,
    latest,
    setText,
    onInserted: (filled) => setMissing(filled.missing),
    onError: (caught) => setError(t("savedReplies.insertFailed", { reason: errorText(caught, t) })),
  });
  const picker = mentions.isOpen ? mentions : slash.popup ? slash : null;

  useImperativeHandle(ref, () => ({
    focus: (next) => {
      if ((next === "reply" && !canReply) || (next === "note" && !canAddNote)) return;
      setKind(next);
      setPreview(false);
      setTimeout(() => area.current?.focus(), 0);
    },
    insertIntoReply: (block) => {
      if (!canReply) return;
      if (kind !== "reply") {
        // The note is on screen: add to the kept reply draft, then show it.
        editStoredDraft(conversationId, "reply", (stored) => insertBlock(stored, stored.length, block).text);
        setKind("reply");
        setPreview(false);
        setTimeout(() => area.current?.focus(), 0);
        return;
      }
      setPreview(false);
      insertAtCaret(block, text);
    },
    addToReply: (filled) => {
      if (!canReply) return;
      const add = (stored: string) => (stored.trim() ? `${stored.trimEnd()}\n\n${filled.body}` : filled.body);
      if (kind === "reply") setText(add(text));
      else editStoredDraft(conversationId, "reply", add);
      setKind("reply");
      setPreview(false);
      setMissing(filled.missing);
    },
  }));

  /** Puts `block` into `current` at the caret (the end when the box is not focused) and focuses. */
  const insertAtCaret = (block: string, current: string) => {
    const el = area.current;
    const caret = el && document.activeElement === el ? el.selectionStart : current.length;
    const next = insertBlock(current, caret, block);
    setText(next.text);
    setTimeout(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    }, 0);
  };

  const submit = async (seen = seenMessageId) => {
    const body = text.trim();
    if (!body || send.isPending) return;
    setError(null);
    setChanged(false);
    try {
      await send.mutateAsync({
        kind,
        body,
        ...(files.length ? { attachmentIds: files.map((file) => file.id) } : {}),
        ...(seen ? { seenMessageId: seen } : {}),
      });
      setText("");
      setFiles([]);
      setPreview(false);
      setMissing([]);
    } catch (caught) {
      // The draft stays as it was, so nothing typed is lost.
      if (caught instanceof ApiError && caught.code === "conversation_changed") setChanged(true);
      else setError(t("composer.failed", { reason: errorText(caught, t) }));
    }
  };
  const sendAnyway = () => {
    acceptNewest();
    void submit(newestMessageId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker?.onKeyDown(event)) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape") {
      area.current?.blur();
    }
  };

  /** Selects the words a coach finding is about, so the agent can rewrite them. */
  const showInDraft = (start: number, end: number) => {
    area.current?.focus();
    area.current?.setSelectionRange(start, end);
  };

  if (!canReply && !canAddNote) return null;
  return (
    <section className={`composer composer-${kind}`} aria-label={t("composer.label")}>
      <div className="composer-tabs">
        {/* A tablist holds only tabs: the preview toggle is its sibling. */}
        <div role="tablist" aria-label={t("composer.kind")}>
          {canReply && (
            <button
              type="button"
              role="tab"
              aria-selected={kind === "reply"}
              onClick={() => setKind("reply")}
            >
              {t("composer.reply")}
            </button>
          )}
          {canAddNote && (
            <button type="button" role="tab" aria-selected={kind === "note"} onClick={() => setKind("note")}>
              {t("composer.note")}
            </button>
          )}
        </div>
        <button
          type="button"
          className="ghost saved-replies-button"
          aria-haspopup="dialog"
          onClick={() => setIsPicking(true)}
        >
          {t("savedReplies.button")}
        </button>
        <button
          type="button"
          className="ghost preview-toggle"
          aria-pressed={preview}
          onClick={() => setPreview((p) => !p)}
        >
          {t("composer.preview")}
        </button>
      </div>
      {preview ? (
        <div className="composer-preview" aria-live="polite">
          {text.trim() ? <Markdown text={text} /> : <p className="muted">{t("composer.nothing")}</p>}
        </div>
      ) : (
        <div className="composer-input">
          <label className="visually-hidden" htmlFor={`composer-${conversationId}`}>
            {kind === "reply" ? t("composer.replyLabel") : t("composer.noteLabel")}
          </label>
          <textarea
            id={`composer-${conversationId}`}
            ref={area}
            value={text}
            rows={4}
            placeholder={kind === "reply" ? t("composer.replyPlaceholder") : t("composer.notePlaceholder")}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value) realtime?.typed(conversationId);
              else setMissing([]);
              mentions.update(e.target.value, e.target.selectionStart);
              slash.update(e.target.value, e.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onBlur={() =>
              setTimeout(() => {
                mentions.close();
                slash.close();
              }, 150)
            }
            role="combobox"
            aria-expanded={Boolean(picker?.isOpen)}
            aria-controls={picker?.isOpen ? picker.listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={picker?.activeId}
          />
          {picker?.popup}
        </div>
      )}
      {/* What helps with the draft scrolls on its own: the reply box and Send stay in view. */}
      <div className="composer-assist">
        <MissingVariables missing={missing} onDismiss={() => setMissing([])} />
        {kind === "reply" && <CoachPanel conversationId={conversationId} draft={text} onShow={showInDraft} />}
        {kind === "reply" && !preview && (
          <ArticleSuggestions
            conversationId={conversationId}
            draft={text}
            onInsert={(article) => insertAtCaret(articleLink(article), text)}
          />
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error} {t("composer.kept")}
        </p>
      )}
      {changed && (
        <div role="alert" className="composer-changed">
          <p>{t("composer.changed")}</p>
          <button type="button" onClick={sendAnyway} disabled={send.isPending}>
            {kind === "reply" ? t("composer.sendReplyAnyway") : t("composer.addNoteAnyway")}
          </button>
        </div>
      )}
      <ComposerFiles conversationId={conversationId} files={files} onChange={setFiles} />
      <div className="composer-actions">
        <span className="muted hint">{t("composer.hint")}</span>
        <button
          type="button"
          className="primary"
          disabled={!text.trim() || send.isPending}
          onClick={() => void submit()}
        >
          {send.isPending
            ? t("composer.sending")
            : kind === "reply"
              ? t("composer.sendReply")
              : t("composer.addNote")}
        </button>
      </div>
      {isPicking && (
        <SavedRepliesDialog
          conversationId={conversationId}
          onClose={() => setIsPicking(false)}
          onInsert={(filled) => {
            setIsPicking(false);
            setPreview(false);
            setMissing(filled.missing);
            insertAtCaret(filled.body, text);
          }}
        />
      )}
    </section>
  );
}
