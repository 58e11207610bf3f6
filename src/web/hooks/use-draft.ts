import { useCallback, useEffect, useState } from "react";

const key = (conversationId: string, kind: string) => `heed.draft.${conversationId}.${kind}`;
const seenKey = (conversationId: string, kind: string) => `${key(conversationId, kind)}.seen`;

/**
 * The newest message on screen when a draft began, kept beside it: the collision guard sends it, and the
 * server refuses the reply if someone else wrote since. Set when the first character is typed (or when a
 * kept draft is found without one); `accept` moves it to the newest message once the agent has looked.
 */
export function useDraftStart(
  conversationId: string,
  kind: "reply" | "note",
  text: string,
  newest: string | null,
) {
  const [seen, setSeen] = useState<string | null>(() => localStorage.getItem(seenKey(conversationId, kind)));
  useEffect(() => {
    const stored = localStorage.getItem(seenKey(conversationId, kind));
    if (!text) {
      localStorage.removeItem(seenKey(conversationId, kind));
      setSeen(null);
    } else if (!stored && newest) {
      localStorage.setItem(seenKey(conversationId, kind), newest);
      setSeen(newest);
    } else {
      setSeen(stored);
    }
  }, [conversationId, kind, text, newest]);
  const accept = useCallback(() => {
    if (!newest) return;
    localStorage.setItem(seenKey(conversationId, kind), newest);
    setSeen(newest);
  }, [conversationId, kind, newest]);
  return [seen, accept] as const;
}

/** Changes a kept draft that is not on screen (the composer shows it when switched to that kind). */
export function editStoredDraft(
  conversationId: string,
  kind: "reply" | "note",
  edit: (text: string) => string,
) {
  const next = edit(localStorage.getItem(key(conversationId, kind)) ?? "");
  if (next) localStorage.setItem(key(conversationId, kind), next);
  else localStorage.removeItem(key(conversationId, kind));
}

/**
 * A composer's text kept per conversation and per kind (reply or note) in localStorage: switching
 * conversations, reloading or a failed send never loses what the agent wrote. Cleared after a send.
 */
export function useDraft(conversationId: string, kind: "reply" | "note") {
  const [text, setText] = useState(() => localStorage.getItem(key(conversationId, kind)) ?? "");
  useEffect(() => {
    setText(localStorage.getItem(key(conversationId, kind)) ?? "");
  }, [conversationId, kind]);
  const update = useCallback(
    (value: string) => {
      setText(value);
      if (value) localStorage.setItem(key(conversationId, kind), value);
      else localStorage.removeItem(key(conversationId, kind));
    },
    [conversationId, kind],
  );
  return [text, update] as const;
}
