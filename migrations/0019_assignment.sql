-- Assignment (docs/assignment.md): who gets a new conversation. Agents say whether they take work
-- (availability), may have a limit of open conversations per channel (capacity), and each inbox has a
-- rule (manual, round robin, balanced) with options. Teams have leads, who take escalations.

-- What the agent says about themselves; only 'online' agents get conversations automatically.
-- availability_changed_at: since when, so "away for longer than N minutes" can be told.
ALTER TABLE users ADD COLUMN availability text NOT NULL DEFAULT 'online'
  CHECK (availability IN ('online', 'away', 'offline'));
ALTER TABLE users ADD COLUMN availability_changed_at timestamptz NOT NULL DEFAULT now();
-- When the assignment rule last gave them a conversation: balanced mode breaks ties by who waited
-- longest.
ALTER TABLE users ADD COLUMN last_assigned_at timestamptz;

-- At most max_open open or pending conversations of a channel assigned to the agent; no row: no limit.
-- 0 means "never automatically on this channel".
CREATE TABLE agent_capacities (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'api')),
  max_open integer NOT NULL CHECK (max_open BETWEEN 0 AND 1000),
  PRIMARY KEY (user_id, channel)
);

-- An inbox's assignment rule; no row: manual, no options. team_id narrows the agents to one team.
-- last_assignee_id is the round-robin cursor: the next turn goes to the first eligible agent after it
-- (by id). The row is locked while a conversation is assigned, so processes take turns one at a time.
CREATE TABLE inbox_assignment (
  inbox_id uuid PRIMARY KEY REFERENCES inboxes (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  mode text NOT NULL DEFAULT 'manual' CHECK (mode IN ('manual', 'round_robin', 'balanced')),
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  -- a returning customer goes back to their last owner when that conversation was active this recently
  sticky_days integer CHECK (sticky_days BETWEEN 0 AND 365),
  -- new conversations of an agent away or offline this long are given to someone else
  reassign_away_minutes integer CHECK (reassign_away_minutes BETWEEN 1 AND 43200),
  last_assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Team leads: members who take escalations.
ALTER TABLE team_members ADD COLUMN is_lead boolean NOT NULL DEFAULT false;
