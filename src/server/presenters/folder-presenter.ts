import { z } from "zod";
import { NO_KEY, type FolderCountRow } from "../models/folder-counts.js";

const ZFolderCounts = z.object({
  mine: z.number(),
  unassigned: z.number(),
  open: z.number(),
  pending: z.number(),
  snoozed: z.number(),
});

/** GET /folders: totals, then per inbox and per team. */
export const ZFolders = ZFolderCounts.extend({
  resolved: z.number(),
  /** Conversations whose SLA deadline is near (past the warning point) or missed. */
  dueSoon: z.number(),
  inboxes: z.array(ZFolderCounts.extend({ inboxId: z.string() })),
  teams: z.array(ZFolderCounts.extend({ teamId: z.string() })),
});
export type TFolders = z.infer<typeof ZFolders>;

type Counts = z.infer<typeof ZFolderCounts> & { resolved: number };
const empty = (): Counts => ({ mine: 0, unassigned: 0, open: 0, pending: 0, snoozed: 0, resolved: 0 });

function add(counts: Counts, row: FolderCountRow): void {
  counts[row.status] += row.total;
  // "Mine" and "Unassigned" are the open conversations waiting on me / on nobody.
  if (row.status === "open") {
    counts.mine += row.mine;
    counts.unassigned += row.unassigned;
  }
}

const withoutResolved = ({ mine, unassigned, open, pending, snoozed }: Counts) => ({
  mine,
  unassigned,
  open,
  pending,
  snoozed,
});

/**
 * The sidebar numbers from the counter rows: totals, per inbox (every visible inbox, zeros included) and
 * per team (teams with counted conversations). `mine` and `unassigned` count open conversations.
 */
export function presentFolders(rows: FolderCountRow[], inboxIds: string[], dueSoon: number): TFolders {
  const total = empty();
  const inboxes = new Map(inboxIds.map((id) => [id, empty()]));
  const teams = new Map<string, Counts>();
  for (const row of rows) {
    add(total, row);
    const inbox = inboxes.get(row.inbox_id);
    if (inbox) add(inbox, row);
    if (row.team_key !== NO_KEY) {
      if (!teams.has(row.team_key)) teams.set(row.team_key, empty());
      add(teams.get(row.team_key)!, row);
    }
  }
  return {
    ...withoutResolved(total),
    resolved: total.resolved,
    dueSoon,
    inboxes: [...inboxes].map(([inboxId, counts]) => ({ inboxId, ...withoutResolved(counts) })),
    teams: [...teams].map(([teamId, counts]) => ({ teamId, ...withoutResolved(counts) })),
  };
}
