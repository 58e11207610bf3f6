-- What an email carried besides its text. Files are stored by content: one `blobs` row per distinct content
-- (keyed by its sha256), shared by every message and workspace that carries the same bytes, and one
-- `attachments` row per file on a message, under a generated id (never the sender's file name). The
-- sanitized HTML of an email is kept on its message; the raw message stays in inbound_emails.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- null for a file uploaded before the message it belongs to exists (agents' replies, later)
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  blob_sha256 text NOT NULL REFERENCES blobs (sha256),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  -- Content-ID without angle brackets: how the message's HTML refers to an inline image (cid:)
  content_id text,
  -- shown inside the message's HTML rather than listed under it
  is_inline boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id, created_at, id);
CREATE INDEX attachments_blob_idx ON attachments (blob_sha256);

-- The email's HTML after sanitize-email-html (null for messages without HTML), and whether it refers to
-- remote images, which stay blocked until an agent asks for them.
ALTER TABLE messages ADD COLUMN html text, ADD COLUMN has_remote_images boolean NOT NULL DEFAULT false;
