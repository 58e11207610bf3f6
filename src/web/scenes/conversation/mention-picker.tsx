import { useState, type RefObject } from "react";
import { useUsers } from "../../api/queries.js";
import type { TManagedUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { PickerList, usePickerKeys, type ComposerPicker } from "./composer-picker.js";
import { insertMention, mentionAt, mentionCandidates } from "./mention-suggestions.js";

/** In notes, "@" followed by the start of a name or handle offers teammates to mention. */
export function useMentionPicker({
  conversationId,
  isEnabled,
  area,
  text,
  setText,
}: {
  conversationId: string;
  isEnabled: boolean;
  area: RefObject<HTMLTextAreaElement | null>;
  text: string;
  setText: (text: string) => void;
}): ComposerPicker & { update: (value: string, caret: number) => void } {
  const { t } = useI18n();
  const users = useUsers();
  const [found, setFound] = useState<{ start: number; options: TManagedUser[] } | null>(null);
  const listId = `mentions-${conversationId}`;
  const close = () => setFound(null);

  const choose = (user: TManagedUser) => {
    const el = area.current;
    if (!el || !found) return;
    const next = insertMention(text, found.start, el.selectionStart, user.handle);
    setText(next.text);
    setFound(null);
    setTimeout(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    }, 0);
  };
  const keys = usePickerKeys(found?.options ?? null, (user) => user.id, choose, close);

  return {
    isOpen: Boolean(found),
    listId,
    activeId: found ? `${listId}-${keys.active}` : undefined,
    onKeyDown: keys.onKeyDown,
    close,
    update: (value, caret) => {
      const at = isEnabled ? mentionAt(value, caret) : null;
      const options = at ? mentionCandidates(users.data ?? [], at.fragment) : [];
      setFound(at && options.length ? { start: at.start, options } : null);
    },
    popup: found && (
      <PickerList
        id={listId}
        label={t("composer.mentions")}
        options={found.options}
        active={keys.active}
        optionKey={(user) => user.id}
        onChoose={choose}
      >
        {(user) => (
          <>
            <strong>@{user.handle}</strong> {user.name}
          </>
        )}
      </PickerList>
    ),
  };
}
