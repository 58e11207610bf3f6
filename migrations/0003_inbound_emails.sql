-- Every message handed to Heed's SMTP receiver (and, later, fetched over IMAP), stored with its exact
-- bytes before the sender is told 250: what was acknowledged is never lost. Turning a stored message into
-- a conversation is a separate step that reads these rows, so a failure there loses nothing either.
CREATE TABLE inbound_emails (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  inbox_id uuid NOT NULL REFERENCES inboxes (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  envelope_from text,
  envelope_to text[] NOT NULL DEFAULT '{}',
  raw bytea NOT NULL,
  size integer NOT NULL,
  -- sha256 of the raw bytes: the same message delivered twice to an inbox is stored once
  sha256 text NOT NULL,
  status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'processed', 'quarantined', 'ignored')),
  problem text,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE UNIQUE INDEX inbound_emails_identical_key ON inbound_emails (inbox_id, sha256);
CREATE INDEX inbound_emails_waiting_idx ON inbound_emails (received_at) WHERE status = 'received';
CREATE INDEX inbound_emails_workspace_idx ON inbound_emails (workspace_id, received_at DESC);
