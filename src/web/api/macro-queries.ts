/**
 * Macros: several changes to a conversation in one click (tags, status, priority, owner, team, a
 * follow-up), optionally with a saved reply put into the composer for the agent to read and send.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.js";
import { invalidateConversations, keys } from "./queries.js";
import type { TMacro, TMacroActions, TMacroApplied, TMacroBody, TMacroPatch } from "./saved-reply-types.js";
import type { Page } from "./types.js";

export type { TMacro, TMacroActions, TMacroBody };

export const macroKeys = { all: ["macros"] as const };

/** The macros the agent may apply: shared ones and their own (a workspace keeps a few dozen at most). */
export const useMacros = (enabled = true) =>
  useQuery({
    queryKey: macroKeys.all,
    queryFn: async () => {
      const items: TMacro[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<TMacro> = await api.get<Page<TMacro>>(
          `/macros?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        items.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
    enabled,
    staleTime: 60_000,
  });

/**
 * POST /conversations/:id/macros/:macroId: all its changes at once. The answer's conversation replaces
 * the cache (the timeline's activity line comes with the refetch); `reply` is for the composer.
 */
export function useApplyMacro(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (macroId: string) =>
      api.post<TMacroApplied>(`/conversations/${conversationId}/macros/${macroId}`),
    onSuccess: ({ conversation }) => {
      client.setQueryData(keys.conversation(conversationId), conversation);
      invalidateConversations(client, conversationId);
      void client.invalidateQueries({ queryKey: keys.tags });
      void client.invalidateQueries({ queryKey: macroKeys.all });
    },
  });
}

/** A write that marks the macros stale once it succeeds. */
function useMacroWrite<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: macroKeys.all }),
  });
}

export const useCreateMacro = () => useMacroWrite((body: TMacroBody) => api.post<TMacro>("/macros", body));

export const useUpdateMacro = () =>
  useMacroWrite(({ id, ...patch }: TMacroPatch & { id: string }) =>
    api.patch<TMacro>(`/macros/${id}`, patch),
  );

export const useDeleteMacro = () => useMacroWrite((id: string) => api.delete(`/macros/${id}`));
