import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from "react";
import { useSendMessage, useUsers } from "../../api/queries.js";
import type { TAttachment, TManagedUser } from "../../api/types.js";
import { ComposerFiles } from "./composer-files.js";
import { articleLink, insertBlock } from "./article-link.js";
import { ArticleSuggestions } from "./article-suggestions.js";
import { Markdown } from "../../components/markdown.js";
import { editStoredDraft, useDraft, useDraftStart } from "../../hooks/use-draft.js";
import { useRealtime } from "../../realtime/realtime-provider.js";
import { ApiError } from "../../api/client.js";
import { useI18n } from "../../i18n/i18n.js";
import { insertMention, mentionAt, mentionCandidates } from "./mention-suggestions.js";
import { errorText } from "../../i18n/error-text.js";

export interface ComposerHandle {
  focus: (kind: "reply" | "note") => void;
  /** Adds text (article links) to the reply draft at the caret, on its own lines, and focuses it. */
  insertIntoReply: (block: string) => void;
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
 * failed send keeps the text and says why. In notes, "@" suggests teammates to mention. Typing is shown
 * to others who have the conversation open; if someone else wrote since the draft began, sending stops
 * and asks the agent to read that first (the collision guard), then lets them send anyway.
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
  const [mention, setMention] = useState<{ start: number; options: TManagedUser[]; active: number } | null>(
    null,
  );
  const area = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage(conversationId);
  const users = useUsers();

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

  const updateMention = (value: string, caret: number) => {
    const found = kind === "note" ? mentionAt(value, caret) : null;
    const options = found ? mentionCandidates(users.data ?? [], found.fragment) : [];
    setMention(found && options.length ? { start: found.start, options, active: 0 } : null);
  };

  const choose = (user: TManagedUser) => {
    const el = area.current;
    if (!el || !mention) return;
    const next = insertMention(text, mention.start, el.selectionStart, user.handle);
    setText(next.text);
    setMention(null);
    setTimeout(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    }, 0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setMention({
          ...mention,
          active: (mention.active + step + mention.options.length) % mention.options.length,
        });
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(mention.options[mention.active]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape") {
      area.current?.blur();
    }
  };

  if (!canReply && !canAddNote) return null;
  const listId = `mentions-${conversationId}`;
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
              updateMention(e.target.value, e.target.selectionStart);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setMention(null), 150)}
            role={kind === "note" ? "combobox" : undefined}
            aria-expanded={kind === "note" ? Boolean(mention) : undefined}
            aria-controls={kind === "note" ? listId : undefined}
            aria-autocomplete={kind === "note" ? "list" : undefined}
            aria-activedescendant={mention ? `${listId}-${mention.active}` : undefined}
          />
          {mention && (
            <ul id={listId} role="listbox" className="mentions" aria-label={t("composer.mentions")}>
              {mention.options.map((user, i) => (
                <li
                  key={user.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === mention.active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(user);
                  }}
                >
                  <strong>@{user.handle}</strong> {user.name}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {kind === "reply" && !preview && (
        <ArticleSuggestions
          conversationId={conversationId}
          draft={text}
          onInsert={(article) => insertAtCaret(articleLink(article), text)}
        />
      )}
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
    </section>
  );
}
