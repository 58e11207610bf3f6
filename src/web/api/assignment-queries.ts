/**
 * Assignment's reads and writes: an inbox's rule, an agent's capacity, availability (your own and, for
 * owners and admins, others'), and escalating a conversation to a lead. Availability also arrives live
 * (`user.availability_changed`), which `applyAvailabilityEvent` folds into the cache.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TCapacity, TInboxAssignment } from "../../server/presenters/assignment-presenter.js";
import type {
  ZAvailabilityBody,
  ZCapacityBody,
  ZInboxAssignmentBody,
} from "../../server/routes/assignment.js";
import type { ZEscalateBody } from "../../server/routes/escalations.js";
import { api } from "./client.js";
import { invalidateConversations, keys } from "./queries.js";
import type { TConversation, TEvent, TManagedUser, TUser } from "./types.js";

export type { TCapacity, TInboxAssignment };
export type Availability = z.infer<typeof ZAvailabilityBody>["availability"];
export type AssignmentMode = TInboxAssignment["mode"];
export type TInboxAssignmentBody = z.input<typeof ZInboxAssignmentBody>;
export type TCapacityBody = z.input<typeof ZCapacityBody>;
export type TEscalateBody = z.input<typeof ZEscalateBody>;

export const availabilities: Availability[] = ["online", "away", "offline"];
export const assignmentModes: AssignmentMode[] = ["manual", "round_robin", "balanced"];

export const assignmentKeys = {
  rule: (inboxId: string) => ["inboxes", inboxId, "assignment"] as const,
  capacity: (userId: string) => ["users", userId, "capacity"] as const,
};

/** An inbox's rule (manual with no options when none is stored). */
export const useInboxAssignment = (inboxId: string | undefined) =>
  useQuery({
    queryKey: assignmentKeys.rule(inboxId ?? ""),
    queryFn: () => api.get<TInboxAssignment>(`/inboxes/${inboxId}/assignment`),
    enabled: Boolean(inboxId),
  });

/** PUT the whole rule: options left out are off. */
export function useUpdateInboxAssignment(inboxId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TInboxAssignmentBody) =>
      api.put<TInboxAssignment>(`/inboxes/${inboxId}/assignment`, body),
    onSuccess: (rule) => client.setQueryData(assignmentKeys.rule(inboxId), rule),
  });
}

/** An agent's capacity per channel (null: no limit). */
export const useCapacity = (userId: string) =>
  useQuery({
    queryKey: assignmentKeys.capacity(userId),
    queryFn: () => api.get<TCapacity>(`/users/${userId}/capacity`),
  });

/** PUT the complete list: a channel left out or null has no limit. */
export function useSetCapacity(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCapacityBody) => api.put<TCapacity>(`/users/${userId}/capacity`, body),
    onSuccess: (capacity) => client.setQueryData(assignmentKeys.capacity(userId), capacity),
  });
}

/** The signed-in user (the session) with the availability of a saved or received change. */
function updateSession(client: QueryClient, userId: string, availability: Availability, at: string): void {
  client.setQueryData<TUser | null>(keys.session, (user) =>
    user && user.id === userId ? { ...user, availability, availabilityChangedAt: at } : user,
  );
}

/**
 * PUT an availability: `/me/availability` for yourself, `/users/:id/availability` for someone else
 * (owners and admins). Coming online picks up waiting conversations, so the lists refresh too.
 */
export function useSetAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, availability }: { userId: string | "me"; availability: Availability }) =>
      api.put<TManagedUser>(userId === "me" ? "/me/availability" : `/users/${userId}/availability`, {
        availability,
      }),
    onSuccess: (user) => {
      updateSession(client, user.id, user.availability, user.availabilityChangedAt);
      void client.invalidateQueries({ queryKey: keys.users, exact: true });
      invalidateConversations(client);
    },
  });
}

/**
 * A live `user.availability_changed` ({ userId, from, to }): the top bar follows a change made in
 * another tab or by an admin, and the lists of people refresh.
 */
export function applyAvailabilityEvent(client: QueryClient, event: TEvent): void {
  const { userId, to } = event.payload;
  if (typeof userId !== "string" || !availabilities.includes(to as Availability)) return;
  updateSession(client, userId, to as Availability, event.createdAt);
  void client.invalidateQueries({ queryKey: keys.users, exact: true });
}

/** POST …/escalate: the lead becomes the owner and is notified; the answer replaces the cache. */
export function useEscalate(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEscalateBody) =>
      api.post<TConversation>(`/conversations/${conversationId}/escalate`, body),
    onSuccess: (conversation) => {
      client.setQueryData(keys.conversation(conversationId), conversation);
      invalidateConversations(client, conversationId);
    },
  });
}
