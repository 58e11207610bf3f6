import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { applyAvailabilityEvent } from "../api/assignment-queries.js";
import { api } from "../api/client.js";
import { notificationKeys } from "../api/notification-queries.js";
import { invalidateConversations, keys } from "../api/queries.js";
import { RealtimeConnection, type ConversationActivity, type PresenceUser } from "./realtime-connection.js";

const RealtimeContext = createContext<RealtimeConnection | null>(null);

/**
 * Keeps the signed-in app live over one WebSocket: events refresh the lists, counts and conversations
 * they touch; folder counts arrive ready-made; a resync (first connection, or too much missed) reloads
 * all of them. Replaces polling the event feed.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [connection] = useState(
    () =>
      new RealtimeConnection({
        onEvents(events) {
          const touched = new Set<string>();
          for (const event of events) {
            if (event.conversationId) touched.add(event.conversationId);
            if (event.type.startsWith("tag.")) void client.invalidateQueries({ queryKey: keys.tags });
            if (event.type === "user.availability_changed") applyAvailabilityEvent(client, event);
            // Only their recipient receives these: a new one for the bell, or read in another tab.
            if (event.type.startsWith("notification.")) {
              void client.invalidateQueries({ queryKey: notificationKeys.all });
            }
            if (/^(inbox|team|user)\./.test(event.type)) {
              void client.invalidateQueries({ queryKey: keys.inboxes });
              void client.invalidateQueries({ queryKey: keys.teams });
            }
          }
          void client.invalidateQueries({ queryKey: keys.lists });
          for (const id of touched) void client.invalidateQueries({ queryKey: keys.conversation(id) });
        },
        onFolders(folders) {
          client.setQueryData(keys.folders, folders);
        },
        onResync() {
          invalidateConversations(client);
          void client.invalidateQueries({ queryKey: ["conversations"] });
          void client.invalidateQueries({ queryKey: notificationKeys.all });
        },
        onSignedOut() {
          // The API client's 401 handling shows the sign-in page.
          void api.get("/session").catch(() => {});
        },
      }),
  );
  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);
  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

export const useRealtime = (): RealtimeConnection | null => useContext(RealtimeContext);

/** Re-renders when the connection's state, presence or activity changes. */
function useConnectionValue<T>(read: (connection: RealtimeConnection) => T, fallback: T): T {
  const connection = useRealtime();
  return useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => {}),
    () => (connection ? read(connection) : fallback),
  );
}

const NOBODY: PresenceUser[] = [];
const QUIET: ConversationActivity = { viewers: NOBODY, typing: NOBODY };

/** Everyone signed in to the workspace right now. */
export const useOnlineUsers = (): PresenceUser[] => useConnectionValue((c) => c.presence, NOBODY);

/** True while the socket is down (after a first quick retry failed). */
export const useRealtimeDown = (): boolean => useConnectionValue((c) => c.state === "down", false);

/**
 * Announces that this screen shows the conversation, and tells who else has it open and who is typing
 * there (not counting the agent themselves).
 */
export function useConversationActivity(conversationId: string): ConversationActivity {
  const connection = useRealtime();
  useEffect(() => {
    connection?.view(conversationId);
    return () => connection?.view(null);
  }, [connection, conversationId]);
  const activity = useConnectionValue((c) => c.activity.get(conversationId) ?? QUIET, QUIET);
  const self = connection?.userId;
  return {
    viewers: activity.viewers.filter((user) => user.id !== self),
    typing: activity.typing.filter((user) => user.id !== self),
  };
}
