import type { ListFilters } from "../../api/queries.js";
import type { TFolders } from "../../api/types.js";

export const folderNames = ["mine", "unassigned", "due", "open", "pending", "snoozed", "resolved"] as const;
export type FolderName = (typeof folderNames)[number] | "search";

/**
 * What a folder lists: "mine" and "unassigned" are open conversations, "due" those whose SLA deadline is
 * near or missed (soonest first), the others a status.
 */
export function folderFilters(folder: string): ListFilters {
  switch (folder) {
    case "due":
      return { sla: "due_soon", sort: "due" };
    case "mine":
      return { status: "open", assignee: "me" };
    case "unassigned":
      return { status: "open", assignee: "none" };
    case "open":
    case "pending":
    case "snoozed":
    case "resolved":
      return { status: folder };
    default:
      // "search": every status.
      return {};
  }
}

/** The URL query parameters a list reads besides its folder. */
export const filterParams = [
  "inbox",
  "team",
  "tag",
  "assignee",
  "priority",
  "channel",
  "mood",
  "language",
  "q",
  "sort",
] as const;

/** The list's filters from the folder and the URL query. */
export function listFilters(folder: string, query: URLSearchParams): ListFilters {
  const base = folderFilters(folder);
  const get = (name: string) => query.get(name) || undefined;
  const sort = get("sort");
  return {
    ...base,
    inboxId: get("inbox"),
    teamId: get("team"),
    tag: get("tag"),
    assignee: base.assignee ?? get("assignee"),
    priority: get("priority"),
    channel: get("channel"),
    sentiment: get("mood"),
    language: get("language"),
    q: folder === "search" ? get("q") : undefined,
    sort: sort === "waiting" || sort === "due" || sort === "newest" ? sort : base.sort,
  };
}

/** A folder's count in the sidebar, for the whole workspace or one inbox or team. */
export function folderCount(
  folders: TFolders | undefined,
  folder: (typeof folderNames)[number],
  scope?: { inboxId?: string; teamId?: string },
): number | undefined {
  if (!folders) return undefined;
  // "Due soon" is counted for the whole workspace only.
  if (folder === "due") return scope?.inboxId || scope?.teamId ? undefined : folders.dueSoon;
  if (scope?.inboxId) {
    const inbox = folders.inboxes.find((i) => i.inboxId === scope.inboxId);
    return folder === "resolved" ? undefined : (inbox?.[folder] ?? 0);
  }
  if (scope?.teamId) {
    const team = folders.teams.find((i) => i.teamId === scope.teamId);
    return folder === "resolved" ? undefined : (team?.[folder] ?? 0);
  }
  return folders[folder];
}

/** The path and query of a folder view, keeping the filters in `query` unless replaced. */
export function folderHref(
  folder: string,
  query: URLSearchParams,
  changes: Record<string, string | undefined> = {},
  conversationId?: string,
): string {
  const next = new URLSearchParams();
  for (const name of filterParams) {
    const value = name in changes ? changes[name] : (query.get(name) ?? undefined);
    if (value) next.set(name, value);
  }
  const text = next.toString();
  return `/inbox/${folder}${conversationId ? `/${conversationId}` : ""}${text ? `?${text}` : ""}`;
}
