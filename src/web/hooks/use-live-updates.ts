import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "../api/client.js";
import { invalidateConversations, keys } from "../api/queries.js";
import type { Page, TEvent } from "../api/types.js";

const POLL_MS = 4_000;

/**
 * Keeps the inbox current: follows the event feed (GET /events after the last id seen) and refreshes the
 * counts, lists and open conversations that events touch. A failed poll shows the connection banner
 * (through the API client) and the next one resumes from the same id, so nothing is missed.
 */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    let stopped = false;
    let after: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        if (after === null) after = (await api.get<{ id: number }>("/events/latest")).id;
        let page: Page<TEvent>;
        const touched = new Set<string>();
        let any = false;
        do {
          page = await api.get<Page<TEvent>>(`/events?after=${after}&limit=100`);
          for (const event of page.data) {
            any = true;
            after = event.id;
            if (event.conversationId) touched.add(event.conversationId);
            if (event.type.startsWith("tag.")) void client.invalidateQueries({ queryKey: keys.tags });
          }
        } while (page.nextCursor && !stopped);
        if (any) {
          invalidateConversations(client);
          for (const id of touched) void client.invalidateQueries({ queryKey: keys.conversation(id) });
        }
      } catch {
        // Shown by the connection banner; the next poll retries from the same event id.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client]);
}
