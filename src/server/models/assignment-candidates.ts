import type { Queryable } from "../db/types.js";
import type { Channel } from "./inboxes.js";
import type { Availability, Role } from "./users.js";

/**
 * An active user of the workspace with what the assignment policy needs to decide whether they may get
 * a conversation of one inbox and channel, and how loaded they are (policies/assignment-policy.ts).
 */
export interface AssignmentCandidateRow {
  id: string;
  name: string;
  role: Role;
  is_active: boolean;
  availability: Availability;
  last_assigned_at: Date | null;
  is_inbox_member: boolean;
  team_ids: string[];
  lead_team_ids: string[];
  /** Their limit on the channel; null: none. */
  capacity: number | null;
  /** Open and pending conversations of the channel assigned to them (what the capacity limits). */
  channel_load: number;
  /** Open conversations assigned to them, every channel (what balanced mode evens out). */
  open_count: number;
}

/**
 * The workspace's active users as assignment candidates for a conversation of `inboxId` on `channel`,
 * by id (the round-robin order); `userId` narrows to one user. Loads are counted in one grouped pass
 * over the assignee index, not per user.
 */
export async function findAssignmentCandidates(
  db: Queryable,
  opts: { workspaceId: string; inboxId: string; channel: Channel; userId?: string },
): Promise<AssignmentCandidateRow[]> {
  return db.query<AssignmentCandidateRow>(
    `SELECT u.id, u.name, u.role, u.is_active, u.availability, u.last_assigned_at,
            EXISTS (SELECT 1 FROM inbox_members m WHERE m.inbox_id = $2 AND m.user_id = u.id) AS is_inbox_member,
            coalesce((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm
                       WHERE tm.user_id = u.id), '{}') AS team_ids,
            coalesce((SELECT array_agg(tm.team_id ORDER BY tm.team_id) FROM team_members tm
                       WHERE tm.user_id = u.id AND tm.is_lead), '{}') AS lead_team_ids,
            cap.max_open AS capacity,
            coalesce(l.channel_load, 0)::int AS channel_load,
            coalesce(l.open_count, 0)::int AS open_count
       FROM users u
       LEFT JOIN agent_capacities cap ON cap.user_id = u.id AND cap.channel = $3
       LEFT JOIN (SELECT c.assignee_id,
                         count(*) FILTER (WHERE c.channel = $3) AS channel_load,
                         count(*) FILTER (WHERE c.status = 'open') AS open_count
                    FROM conversations c
                   WHERE c.workspace_id = $1 AND c.assignee_id IS NOT NULL AND c.status IN ('open', 'pending')
                   GROUP BY c.assignee_id) l ON l.assignee_id = u.id
      WHERE u.workspace_id = $1 AND u.is_active AND ($4::uuid IS NULL OR u.id = $4)
      ORDER BY u.id`,
    [opts.workspaceId, opts.inboxId, opts.channel, opts.userId ?? null],
  );
}
