/**
 * A conversation's follow-up ("follow up on <date>"): set or replace it, cancel it. The answer goes
 * straight into the open conversation's cache; the timeline's new activity line comes with the refetch.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client.js";
import { invalidateConversations, keys } from "./queries.js";
import type { TConversation, TFollowUp } from "./types.js";

export interface FollowUpInput {
  /** ISO time, in the future. */
  dueAt: string;
  note?: string;
}

/** PUT …/follow-up: replaces a pending one. */
export function useSetFollowUp(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: FollowUpInput) =>
      api.put<TFollowUp>(`/conversations/${conversationId}/follow-up`, input),
    onSuccess: (followUp) => {
      client.setQueryData<TConversation>(keys.conversation(conversationId), (c) => c && { ...c, followUp });
      invalidateConversations(client, conversationId);
    },
  });
}

/** DELETE …/follow-up (also fine when none is pending). */
export function useCancelFollowUp(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/conversations/${conversationId}/follow-up`),
    onSuccess: () => {
      client.setQueryData<TConversation>(
        keys.conversation(conversationId),
        (c) => c && { ...c, followUp: null },
      );
      invalidateConversations(client, conversationId);
    },
  });
}
