/**
 * Help-center articles for the open conversation: those that may answer the customer (and the draft),
 * and those linked to its tags, offered for the closing reply.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TArticleSuggestion } from "../../server/presenters/article-suggestion-presenter.js";
import { api } from "./client.js";

export type { TArticleSuggestion };

/** GET /conversations/:id/article-suggestions?q=: the customer's last message read with the draft. */
export function useArticleSuggestions(conversationId: string, draft: string) {
  return useQuery({
    queryKey: ["conversations", "one", conversationId, "article-suggestions", draft],
    queryFn: () =>
      api.get<{ data: TArticleSuggestion[] }>(
        `/conversations/${conversationId}/article-suggestions${draft ? `?q=${encodeURIComponent(draft)}` : ""}`,
      ),
    select: (answer) => answer.data,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** GET /conversations/:id/next-articles: articles linked to the conversation's tags (`tagKey` refetches). */
export function useNextArticles(conversationId: string, tagKey: string) {
  return useQuery({
    queryKey: ["conversations", "one", conversationId, "next-articles", tagKey],
    queryFn: () => api.get<{ data: TArticleSuggestion[] }>(`/conversations/${conversationId}/next-articles`),
    select: (answer) => answer.data,
    enabled: tagKey !== "",
    staleTime: 60_000,
  });
}
