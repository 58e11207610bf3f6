import { useState, type RefObject } from "react";
import {
  useInsertSavedReply,
  useSavedReplies,
  type TFilledReply,
  type TSavedReply,
} from "../../api/saved-reply-queries.js";
import { useDebounced } from "../../hooks/use-debounced.js";
import { useI18n } from "../../i18n/i18n.js";
import { PickerList, usePickerKeys, type ComposerPicker } from "./composer-picker.js";
import { placeSavedReply, replySnippet, slashAt, type SlashToken } from "./slash-command.js";
import "./saved-replies.css";

const LIMIT = 8;

/**
 * "/" at the start of the draft or after a space offers saved replies, filtered by what follows it
 * ("/lost"). Choosing one asks the server to fill it for this conversation and puts the text in place of
 * the "/lost"; `onInserted` hears which variables had no value.
 */
export function useSlashPicker({
  conversationId,
  area,
  latest,
  setText,
  onInserted,
  onError,
}: {
  conversationId: string;
  area: RefObject<HTMLTextAreaElement | null>;
  /** The draft as it is now (it may change while the reply is being filled). */
  latest: RefObject<string>;
  setText: (text: string) => void;
  onInserted: (filled: TFilledReply) => void;
  onError: (caught: unknown) => void;
}): ComposerPicker & { update: (value: string, caret: number) => void } {
  const { t, language } = useI18n();
  const [token, setToken] = useState<SlashToken | null>(null);
  // Escape closes the picker for this "/" until another one is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const query = useDebounced(token?.query ?? "", 120);
  const replies = useSavedReplies({ q: query, limit: LIMIT }, token !== null);
  const insert = useInsertSavedReply(conversationId);
  const listId = `saved-replies-${conversationId}`;
  const options = token && replies.data ? replies.data : null;

  const close = () => {
    if (token) setDismissed(token.start);
    setToken(null);
  };
  const choose = (reply: TSavedReply) => {
    const at = token;
    if (!at) return;
    setToken(null);
    insert.mutate(reply.id, {
      onSuccess: (filled) => {
        const next = placeSavedReply(latest.current, at, filled.body);
        setText(next.text);
        onInserted(filled);
        setTimeout(() => {
          area.current?.focus();
          area.current?.setSelectionRange(next.caret, next.caret);
        }, 0);
      },
      onError,
    });
  };
  const keys = usePickerKeys(options, (reply) => reply.id, choose, close);

  let popup = null;
  if (token && options?.length) {
    popup = (
      <PickerList
        id={listId}
        label={t("savedReplies.picker")}
        options={options}
        active={keys.active}
        optionKey={(reply) => reply.id}
        onChoose={choose}
      >
        {(reply) => (
          <>
            <span className="picker-title">
              <strong>{reply.title}</strong>
              {reply.shortcut && <span className="muted"> /{reply.shortcut}</span>}
            </span>
            <span className="picker-snippet muted">{replySnippet(reply, language)}</span>
          </>
        )}
      </PickerList>
    );
  } else if (token) {
    popup = (
      <p className="mentions picker-state muted" role="status">
        {replies.isError
          ? t("savedReplies.loadFailed")
          : !options
            ? t("common.loading")
            : token.query
              ? t("savedReplies.noMatch", { query: token.query })
              : t("savedReplies.none")}
      </p>
    );
  }

  return {
    isOpen: Boolean(options?.length),
    listId,
    activeId: token && options?.length ? `${listId}-${keys.active}` : undefined,
    onKeyDown: (event) => {
      if (!token) return false;
      if (event.key !== "Escape") return keys.onKeyDown(event);
      event.preventDefault();
      event.stopPropagation();
      close();
      return true;
    },
    close: () => setToken(null),
    update: (value, caret) => {
      const at = slashAt(value, caret);
      if (!at) setDismissed(null);
      setToken(at && at.start !== dismissed ? at : null);
    },
    popup,
  };
}
