/**
 * Saved replies: the composer's `/` picker and its "Saved replies" dialog read them and insert one filled
 * with the conversation's values (customer, agent, order…); Settings → Saved replies writes them and their
 * folders. Every write marks the lists stale, so the picker offers a new reply at once.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "./client.js";
import type {
  TFilledReply,
  TSavedReply,
  TSavedReplyBody,
  TSavedReplyFolder,
  TSavedReplyPatch,
} from "./saved-reply-types.js";
import type { Page } from "./types.js";

export type { TFilledReply, TSavedReply, TSavedReplyBody, TSavedReplyFolder, TSavedReplyPatch };

export const savedReplyKeys = {
  all: ["saved-replies"] as const,
  search: (q: string, folderId: string, limit: number) =>
    ["saved-replies", "list", q, folderId, limit] as const,
  preview: (id: string, conversationId: string) => ["saved-replies", "preview", id, conversationId] as const,
  folders: ["saved-reply-folders"] as const,
};

/** The replies the agent sees (shared and their own), best match first for `q`, most used first without. */
export function useSavedReplies(
  { q, folderId = "", limit }: { q: string; folderId?: string; limit: number },
  enabled = true,
) {
  return useQuery({
    queryKey: savedReplyKeys.search(q, folderId, limit),
    queryFn: async ({ signal }) => {
      const items: TSavedReply[] = [];
      let cursor: string | null = null;
      // The picker wants one short page; settings want the whole (short) list.
      do {
        const page: Page<TSavedReply> = await api.get<Page<TSavedReply>>(
          `/saved-replies${qs({ q, folderId, limit: Math.min(limit, 100), cursor })}`,
          signal,
        );
        items.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && items.length < limit);
      return items.slice(0, limit);
    },
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** GET …/preview: the reply as it would read in this conversation, with what has no value (`missing`). */
export function useSavedReplyPreview(id: string | null, conversationId: string) {
  return useQuery({
    queryKey: savedReplyKeys.preview(id ?? "", conversationId),
    queryFn: ({ signal }) =>
      api.get<TFilledReply>(`/saved-replies/${id}/preview${qs({ conversationId })}`, signal),
    enabled: Boolean(id),
    staleTime: 30_000,
  });
}

/** POST …/insert: the filled text to put into the draft; counts one use (the lists' order may change). */
export function useInsertSavedReply(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TFilledReply>(`/saved-replies/${id}/insert`, { conversationId }),
    onSuccess: () => void client.invalidateQueries({ queryKey: savedReplyKeys.all }),
  });
}

/** Folders to file replies in (owners and admins keep them). */
export const useSavedReplyFolders = () =>
  useQuery({
    queryKey: savedReplyKeys.folders,
    queryFn: async () => (await api.get<Page<TSavedReplyFolder>>("/saved-reply-folders?limit=100")).data,
    staleTime: 60_000,
  });

/** A write that marks `keys` stale once it succeeds. */
function useWrite<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, keys: (readonly unknown[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export const useCreateSavedReply = () =>
  useWrite((body: TSavedReplyBody) => api.post<TSavedReply>("/saved-replies", body), [savedReplyKeys.all]);

export const useUpdateSavedReply = () =>
  useWrite(
    ({ id, ...patch }: TSavedReplyPatch & { id: string }) =>
      api.patch<TSavedReply>(`/saved-replies/${id}`, patch),
    [savedReplyKeys.all],
  );

// A macro that sends this reply keeps working without it, so the macros are read again too.
export const useDeleteSavedReply = () =>
  useWrite((id: string) => api.delete(`/saved-replies/${id}`), [savedReplyKeys.all, ["macros"]]);

export const useCreateSavedReplyFolder = () =>
  useWrite(
    (name: string) => api.post<TSavedReplyFolder>("/saved-reply-folders", { name }),
    [savedReplyKeys.folders],
  );

export const useRenameSavedReplyFolder = () =>
  useWrite(
    ({ id, name }: { id: string; name: string }) =>
      api.patch<TSavedReplyFolder>(`/saved-reply-folders/${id}`, { name }),
    [savedReplyKeys.folders],
  );

// Its replies move to no folder.
export const useDeleteSavedReplyFolder = () =>
  useWrite(
    (id: string) => api.delete(`/saved-reply-folders/${id}`),
    [savedReplyKeys.folders, savedReplyKeys.all],
  );
