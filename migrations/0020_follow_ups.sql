-- Notifications: what a person should know about (a follow-up came due, a snooze ended, an SLA is about
-- to be missed). Kind and payload only, no rendered text: the web app words them in the reader's own
-- language. Read by their recipient alone.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A user's list, newest first (keyset on created_at, id), and the unread ones with their count.
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL;

-- Follow-ups: "follow up on <date>" on a conversation. A durable timer: the worker fires due ones once
-- (FOR UPDATE SKIP LOCKED), after restarts and with several processes. Fired and cancelled rows stay as
-- history; at most one is pending per conversation.
CREATE TABLE follow_ups (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  fired_at timestamptz,
  cancelled_at timestamptz
);
CREATE UNIQUE INDEX follow_ups_pending_key ON follow_ups (conversation_id)
  WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX follow_ups_due_idx ON follow_ups (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
