import type { Queryable } from "../db/types.js";
import type { Channel } from "./inboxes.js";

/** A user's limits per channel: open or pending conversations assigned to them; absent: no limit. */
export type Capacity = Partial<Record<Channel, number>>;

/** The user's limits, by channel. */
export async function findCapacity(db: Queryable, userId: string): Promise<Capacity> {
  const rows = await db.query<{ channel: Channel; max_open: number }>(
    "SELECT channel, max_open FROM agent_capacities WHERE user_id = $1",
    [userId],
  );
  return Object.fromEntries(rows.map((row) => [row.channel, row.max_open])) as Capacity;
}

/** Makes the user's limits exactly `capacity` (channels not named get no limit). */
export async function replaceCapacity(
  tx: Queryable,
  workspaceId: string,
  userId: string,
  capacity: Capacity,
): Promise<void> {
  const entries = Object.entries(capacity) as [Channel, number][];
  await tx.query("DELETE FROM agent_capacities WHERE user_id = $1", [userId]);
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO agent_capacities (workspace_id, user_id, channel, max_open)
     SELECT $1, $2, e.channel, e.max_open FROM unnest($3::text[], $4::int[]) AS e (channel, max_open)`,
    [workspaceId, userId, entries.map(([channel]) => channel), entries.map(([, max]) => max)],
  );
}
