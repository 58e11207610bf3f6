import { useCallback, useEffect, useState } from "react";

const key = (conversationId: string, kind: string) => `heed.draft.${conversationId}.${kind}`;

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
