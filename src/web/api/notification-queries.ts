/**
 * The signed-in user's notifications (the bell): the unread count, the list newest first, and marking
 * read. The live connection invalidates `notificationKeys.all` on `notification.created` and
 * `notification.read`, so the bell follows other tabs and the server without polling.
 */
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import { api, qs } from "./client.js";
import type { Page, TNotification } from "./types.js";

export const notificationKeys = {
  all: ["notifications"] as const,
  list: ["notifications", "list"] as const,
  unreadCount: ["notifications", "unread-count"] as const,
};

/** The answer of GET /notifications/unread-count: `isCapped` means "this many or more". */
export interface UnreadCount {
  count: number;
  isCapped: boolean;
}

const PAGE_SIZE = 20;

export const useUnreadNotificationCount = () =>
  useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: () => api.get<UnreadCount>("/notifications/unread-count"),
  });

/** The list, a page of 20 at a time; loaded only while the panel is open. */
export const useNotifications = (isEnabled: boolean) =>
  useInfiniteQuery({
    queryKey: notificationKeys.list,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<TNotification>>(`/notifications${qs({ limit: PAGE_SIZE, cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
    enabled: isEnabled,
  });

type ReadRequest = { ids: string[] } | { all: true };

/**
 * POST /notifications/read. The list and the count change at once (a click on a notification must not
 * leave it looking unread while the conversation opens); the server's answer is fetched afterwards.
 */
export function useReadNotifications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ReadRequest) => api.post<void>("/notifications/read", request),
    onMutate: async (request) => {
      await client.cancelQueries({ queryKey: notificationKeys.all });
      const isRead = (n: TNotification) => "all" in request || request.ids.includes(n.id);
      const now = new Date().toISOString();
      let changed = 0;
      client.setQueryData<InfiniteData<Page<TNotification>>>(notificationKeys.list, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                data: page.data.map((n) => {
                  if (n.readAt || !isRead(n)) return n;
                  changed++;
                  return { ...n, readAt: now };
                }),
              })),
            }
          : data,
      );
      client.setQueryData<UnreadCount>(notificationKeys.unreadCount, (count) =>
        count
          ? "all" in request
            ? { count: 0, isCapped: false }
            : { count: Math.max(0, count.count - changed), isCapped: count.isCapped }
          : count,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
