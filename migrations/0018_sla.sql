-- SLA policies: targets for first response, next response and resolution, chosen per conversation by
-- the first enabled policy (lowest position) whose conditions all match. An empty condition list matches
-- anything. Targets are business seconds of the conversation's inbox calendar (calendar seconds when the
-- inbox has none).
CREATE TABLE sla_policies (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  position integer NOT NULL,
  is_enabled boolean NOT NULL DEFAULT true,
  priorities text[] NOT NULL DEFAULT '{}',
  inbox_ids uuid[] NOT NULL DEFAULT '{}',
  tag_ids uuid[] NOT NULL DEFAULT '{}',
  first_response_seconds integer CHECK (first_response_seconds > 0),
  next_response_seconds integer CHECK (next_response_seconds > 0),
  resolution_seconds integer CHECK (resolution_seconds > 0),
  warn_percent integer NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 99),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sla_policies_name_key ON sla_policies (workspace_id, lower(name));
CREATE INDEX sla_policies_workspace_idx ON sla_policies (workspace_id, position);

-- Response clocks: every wait of a customer on the team, whether or not a policy sets a target. A clock
-- runs from the customer's message to the human reply that answers it (first or next response), or from
-- the first message to the first resolution (paused while the conversation is pending). A stopped clock
-- is a reporting row: its calendar and business seconds, and the inbox, team, agent, channel, priority
-- and tags as they were when it stopped. A running clock with a target is also a durable timer:
-- `next_check_at` is when the worker must look at it next (the warning, then the breach).
CREATE TABLE response_clocks (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('first_response', 'next_response', 'resolution')),
  status text NOT NULL CHECK (status IN ('running', 'paused', 'met', 'breached', 'cancelled')),
  policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
  policy_name text,
  target_seconds integer,
  warn_percent integer NOT NULL DEFAULT 80,
  started_at timestamptz NOT NULL,
  -- while running: since when; the business seconds used before it are in used_seconds
  running_since timestamptz,
  used_seconds double precision NOT NULL DEFAULT 0,
  warn_at timestamptz,
  due_at timestamptz,
  next_check_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,
  stopped_at timestamptz,
  -- the reporting row, filled when the clock stops (met or breached)
  calendar_seconds double precision,
  business_seconds double precision,
  replied_by uuid REFERENCES users (id) ON DELETE SET NULL,
  inbox_id uuid,
  team_id uuid,
  channel text,
  priority text,
  tag_ids uuid[] NOT NULL DEFAULT '{}'
);
CREATE INDEX response_clocks_conversation_idx ON response_clocks (conversation_id, started_at);
CREATE INDEX response_clocks_check_idx ON response_clocks (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX response_clocks_report_idx ON response_clocks (workspace_id, kind, stopped_at)
  WHERE stopped_at IS NOT NULL;
-- (At most one open clock of each kind per conversation: kept by the commands, which hold the
-- conversation's lock. No unique index for it: every new conversation inserts two clocks, and ingest
-- creates thousands a minute.)

-- What the list shows and the "due soon" folder filters on: the earliest due time of the running clocks
-- and whether one of them has passed its warning point or its target.
ALTER TABLE conversations ADD COLUMN sla_due_at timestamptz;
ALTER TABLE conversations ADD COLUMN sla_state text CHECK (sla_state IN ('ok', 'warning', 'breached'));
CREATE INDEX conversations_sla_idx ON conversations (workspace_id, sla_due_at) WHERE sla_state IS NOT NULL;

-- Reopens, for the reopen rate (METRICS.md: resolved conversations reopened by the customer ÷ resolved):
-- who reopened it, and the conversation's dimensions at that moment.
CREATE TABLE conversation_reopens (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  reopened_at timestamptz NOT NULL,
  reopened_by text NOT NULL CHECK (reopened_by IN ('customer', 'agent', 'heed')),
  resolved_at timestamptz,
  inbox_id uuid NOT NULL,
  team_id uuid,
  assignee_id uuid,
  channel text NOT NULL,
  priority text NOT NULL
);
CREATE INDEX conversation_reopens_report_idx ON conversation_reopens (workspace_id, reopened_at);
