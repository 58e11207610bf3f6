/**
 * Every server read and write the app makes, as TanStack Query hooks with stable keys: screens share one
 * cache, a conversation opened once reopens instantly, and a change invalidates exactly the lists and
 * counts it affects.
 */
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import { api, qs } from "./client.js";
import type {
  Page,
  TConversation,
  TConversationItem,
  TConversationPatch,
  TCustomerDetail,
  TFolders,
  TInbox,
  TManagedUser,
  TMessage,
  TSlaOverview,
  TTag,
  TTeam,
  TUser,
  TWorkspace,
} from "./types.js";

/** The list's filters, exactly as the API takes them. */
export interface ListFilters {
  status?: string;
  assignee?: string;
  inboxId?: string;
  teamId?: string;
  tag?: string;
  priority?: string;
  channel?: string;
  q?: string;
  sla?: "due_soon";
  /** The mood of the customer's latest message. */
  sentiment?: string;
  language?: string;
  sort?: "newest" | "waiting" | "due";
}

export const keys = {
  session: ["session"] as const,
  folders: ["folders"] as const,
  lists: ["conversations", "list"] as const,
  list: (filters: ListFilters) => ["conversations", "list", filters] as const,
  conversation: (id: string) => ["conversations", "one", id] as const,
  customer: (id: string) => ["customers", id] as const,
  users: ["users"] as const,
  teams: ["teams"] as const,
  inboxes: ["inboxes"] as const,
  tags: ["tags"] as const,
  workspace: ["workspace"] as const,
};

const PAGE_SIZE = 30;

/** All pages of a list endpoint (settings lists are short: a few pages at most). */
async function getAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page: Page<T> = await api.get<Page<T>>(
      `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const useFolders = () =>
  useQuery({ queryKey: keys.folders, queryFn: () => api.get<TFolders>("/folders") });

/** The conversation list with infinite scrolling (cursor pages of 30). */
export const useConversationList = (filters: ListFilters) =>
  useInfiniteQuery({
    queryKey: keys.list(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<TConversationItem>>(
        `/conversations${qs({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

const fetchConversation = (id: string) => api.get<TConversation>(`/conversations/${id}`);

export const useConversation = (id: string | undefined) =>
  useQuery({
    queryKey: keys.conversation(id ?? ""),
    queryFn: () => fetchConversation(id!),
    enabled: Boolean(id),
  });

/** Loads a conversation into the cache ahead of opening it (hover, focus, the neighbours of the open one). */
export function prefetchConversation(client: QueryClient, id: string): void {
  void client.prefetchQuery({
    queryKey: keys.conversation(id),
    queryFn: () => fetchConversation(id),
    staleTime: 30_000,
  });
}

/**
 * Older messages of a long conversation, a page at a time before the oldest one shown (the API opens a
 * conversation with its newest 500). Returned oldest first.
 */
export function useEarlierMessages(id: string, oldestId: string | undefined) {
  const query = useInfiniteQuery({
    queryKey: ["conversations", "earlier", id, oldestId],
    initialPageParam: oldestId ?? "",
    queryFn: ({ pageParam }) =>
      api.get<Page<TMessage>>(`/conversations/${id}/messages${qs({ before: pageParam, limit: 200 })}`),
    getNextPageParam: (last) => last.nextCursor,
    enabled: false,
  });
  const messages = (query.data?.pages ?? [])
    .slice()
    .reverse()
    .flatMap((page) => page.data);
  return { query, messages };
}

/** A conversation's SLA clocks and history; refreshed with the conversation (its key lies under it). */
export const useConversationSla = (id: string) =>
  useQuery({
    queryKey: [...keys.conversation(id), "sla"],
    queryFn: () => api.get<TSlaOverview>(`/conversations/${id}/sla`),
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: keys.customer(id ?? ""),
    queryFn: () => api.get<TCustomerDetail>(`/customers/${id}`),
    enabled: Boolean(id),
  });

export const useUsers = () =>
  useQuery({
    queryKey: keys.users,
    queryFn: () => getAll<TManagedUser>("/users"),
    staleTime: 60_000,
  });
export const useTeams = () =>
  useQuery({ queryKey: keys.teams, queryFn: () => getAll<TTeam>("/teams"), staleTime: 60_000 });
export const useInboxes = () =>
  useQuery({ queryKey: keys.inboxes, queryFn: () => getAll<TInbox>("/inboxes"), staleTime: 60_000 });
export const useTags = () =>
  useQuery({ queryKey: keys.tags, queryFn: () => getAll<TTag>("/tags"), staleTime: 60_000 });
export const useWorkspace = () =>
  useQuery({ queryKey: keys.workspace, queryFn: () => api.get<TWorkspace>("/workspace") });

/** After any change to conversations: the counts and every list may differ. */
export function invalidateConversations(client: QueryClient, id?: string): void {
  void client.invalidateQueries({ queryKey: keys.folders });
  void client.invalidateQueries({ queryKey: keys.lists });
  if (id) void client.invalidateQueries({ queryKey: keys.conversation(id) });
}

/** PATCH a conversation (status, assignee, team, priority, tags, snooze); the answer replaces the cache. */
export function useUpdateConversation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: TConversationPatch) => api.patch<TConversation>(`/conversations/${id}`, patch),
    onSuccess: (conversation) => {
      client.setQueryData(keys.conversation(id), conversation);
      invalidateConversations(client, id);
      if (conversation.tags.length) void client.invalidateQueries({ queryKey: keys.tags });
    },
  });
}

/** POST a reply or a note. */
export function useSendMessage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (message: {
      kind: "reply" | "note";
      body: string;
      attachmentIds?: string[];
      seenMessageId?: string;
    }) => api.post<TMessage>(`/conversations/${id}/messages`, message),
    onSuccess: () => invalidateConversations(client, id),
    // Refused by the collision guard: show what arrived meanwhile.
    onError: () => invalidateConversations(client, id),
  });
}

/** POST …/retry: a reply whose delivery failed goes back into the outbox, due now. */
export function useRetryDelivery(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      api.post<TMessage>(`/conversations/${conversationId}/messages/${messageId}/retry`),
    onSuccess: () => invalidateConversations(client, conversationId),
  });
}

export const signIn = (email: string, password: string) =>
  api.post<{ user: TUser }>("/session", { email, password });
export const signOut = () => api.delete("/session");
