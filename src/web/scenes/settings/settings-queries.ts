/**
 * The settings screens' reads and writes. Each write invalidates exactly the cached lists it changes
 * (the shared `keys` of api/queries.ts), so the inbox's pickers and sidebar see a new team, inbox or tag
 * without a reload. Invitations are only read here, so their key lives here too.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ZCreateInboxBody, ZUpdateInboxBody } from "../../../server/routes/inboxes.js";
import type { ZCreateInvitationBody } from "../../../server/routes/invitations.js";
import type { ZCreateTagBody, ZUpdateTagBody } from "../../../server/routes/tags.js";
import type { ZUpdateUserBody } from "../../../server/routes/users.js";
import type { ZUpdateWorkspaceBody } from "../../../server/routes/workspace.js";
import { api, qs } from "../../api/client.js";
import { keys } from "../../api/queries.js";
import type {
  Page,
  TInboundEmail,
  TInbox,
  TInvitation,
  TManagedUser,
  TTag,
  TTeam,
  TWorkspace,
} from "../../api/types.js";

export const settingsKeys = {
  invitations: ["invitations"] as const,
  inboundEmails: ["inbound-emails"] as const,
};

type Key = readonly unknown[];

/** An invitation as POST /invitations answers it: with the one-time link, shown only then. */
export type TCreatedInvitation = TInvitation & { url: string };

/** A mutation that, once it succeeds, marks `invalidate` stale (refetching the ones on screen). */
function useSettingsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, invalidate: Key[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

/** Pending invitations, newest first: every page (a workspace has a handful at a time). */
export const useInvitations = () =>
  useQuery({
    queryKey: settingsKeys.invitations,
    queryFn: async () => {
      const items: TInvitation[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<TInvitation> = await api.get<Page<TInvitation>>(
          `/invitations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        items.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });

export const useUpdateWorkspace = () =>
  useSettingsMutation(
    (patch: z.input<typeof ZUpdateWorkspaceBody>) => api.patch<TWorkspace>("/workspace", patch),
    [keys.workspace],
  );

export const useUpdateUser = () =>
  useSettingsMutation(
    ({ id, ...patch }: z.input<typeof ZUpdateUserBody> & { id: string }) =>
      api.patch<TManagedUser>(`/users/${id}`, patch),
    [keys.users],
  );

export const useCreateInvitation = () =>
  useSettingsMutation(
    (body: z.input<typeof ZCreateInvitationBody>) => api.post<TCreatedInvitation>("/invitations", body),
    [settingsKeys.invitations],
  );

export const useRevokeInvitation = () =>
  useSettingsMutation((id: string) => api.delete(`/invitations/${id}`), [settingsKeys.invitations]);

// Teams and inboxes also appear in the inbox's sidebar with their counts (the folders).
export const useCreateTeam = () =>
  useSettingsMutation((name: string) => api.post<TTeam>("/teams", { name }), [keys.teams, keys.folders]);

export const useRenameTeam = () =>
  useSettingsMutation(
    ({ id, name }: { id: string; name: string }) => api.patch<TTeam>(`/teams/${id}`, { name }),
    [keys.teams],
  );

export const useDeleteTeam = () =>
  useSettingsMutation((id: string) => api.delete(`/teams/${id}`), [keys.teams, keys.folders, keys.lists]);

// Without `leadIds` the members who stay keep their lead flag.
export const useSetTeamMembers = () =>
  useSettingsMutation(
    ({ id, userIds, leadIds }: { id: string; userIds: string[]; leadIds?: string[] }) =>
      api.put<TTeam>(`/teams/${id}/members`, { userIds, leadIds }),
    [keys.teams],
  );

export const useCreateInbox = () =>
  useSettingsMutation(
    (body: z.input<typeof ZCreateInboxBody>) => api.post<TInbox>("/inboxes", body),
    [keys.inboxes, keys.folders],
  );

export const useUpdateInbox = () =>
  useSettingsMutation(
    ({ id, ...patch }: z.input<typeof ZUpdateInboxBody> & { id: string }) =>
      api.patch<TInbox>(`/inboxes/${id}`, patch),
    [keys.inboxes, keys.folders],
  );

export const useSetInboxMembers = () =>
  useSettingsMutation(
    ({ id, userIds }: { id: string; userIds: string[] }) =>
      api.put<TInbox>(`/inboxes/${id}/members`, { userIds }),
    [keys.inboxes],
  );

export const useCreateTag = () =>
  useSettingsMutation((body: z.input<typeof ZCreateTagBody>) => api.post<TTag>("/tags", body), [keys.tags]);

// A rename changes the tag on every conversation that has it.
export const useUpdateTag = () =>
  useSettingsMutation(
    ({ id, ...patch }: z.input<typeof ZUpdateTagBody> & { id: string }) =>
      api.patch<TTag>(`/tags/${id}`, patch),
    [keys.tags, keys.lists],
  );

/** Which received mail the review lists: the quarantine (the default), ignored mail, or all of it. */
export type TInboundEmailFilter = "quarantined" | "ignored" | "all";

/**
 * Received email for review, newest first, a page of 50 at a time ("Load more"). While a listed message
 * waits to be processed (just sent through ingest again), the list is read again every 4 s until it is.
 */
export const useInboundEmails = (filter: TInboundEmailFilter) =>
  useInfiniteQuery({
    queryKey: [...settingsKeys.inboundEmails, filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<TInboundEmail>>(
        `/inbound-emails${qs({ status: filter === "all" ? undefined : filter, limit: 50, cursor: pageParam })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some((email) => email.status === "received"))
        ? 4_000
        : false,
  });

// The message leaves the quarantine (or the ignored list) until the worker has looked at it again.
export const useReprocessInboundEmail = () =>
  useSettingsMutation(
    (id: string) => api.post<{ status: "received" }>(`/inbound-emails/${id}/reprocess`),
    [settingsKeys.inboundEmails],
  );
