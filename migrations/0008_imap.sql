-- An email inbox can also receive by reading an existing mailbox over IMAP. One row per such inbox: the
-- settings an admin gives (the password or OAuth2 access token sealed with the install's key, never
-- stored in clear) and the fetcher's state, kept here so that a restart resumes where the last commit
-- left off, a failing or stuck fetch is visible to admins and /healthz, and only one process fetches a
-- mailbox at a time (the lease).
CREATE TABLE inbox_imap (
  inbox_id uuid PRIMARY KEY REFERENCES inboxes (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  is_enabled boolean NOT NULL DEFAULT true,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  -- 'tls': TLS from the first byte (993); 'starttls': plain, then STARTTLS is required; 'none': no TLS
  -- at all, accepted only for loopback hosts unless allow_insecure says the admin meant it
  security text NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
  allow_insecure boolean NOT NULL DEFAULT false,
  username text NOT NULL,
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'xoauth2')),
  -- the password or the access token, sealed (AES-256-GCM, lib/install-secret.ts)
  secret_sealed text NOT NULL,
  mailbox text NOT NULL DEFAULT 'INBOX',
  -- what happens to a message in the mailbox once it is stored in Heed
  after_fetch text NOT NULL DEFAULT 'leave' CHECK (after_fetch IN ('leave', 'seen', 'move')),
  move_to text,
  -- changes whenever the settings do: a running fetcher compares it and reconnects with the new ones
  settings_updated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),

  -- Fetch state. Messages with a UID up to last_uid (under uid_validity) are stored in inbound_emails.
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  uid_validity_changed_at timestamptz,
  -- the process fetching this mailbox, until lease_expires_at unless it renews the lease
  lease_owner text,
  lease_expires_at timestamptz,
  -- a fetch pass in progress: when it started, and by when it must next make progress (else: stuck)
  fetch_started_at timestamptz,
  progress_deadline timestamptz,
  last_success_at timestamptz,
  -- the last failure, cleared by the next successful pass: a stable code and the server's words
  last_error_code text,
  last_error text,
  last_error_at timestamptz,
  failing_since timestamptz,
  -- messages left in the mailbox because they were larger than Heed takes
  skipped_count integer NOT NULL DEFAULT 0,
  last_skipped text,
  last_skipped_at timestamptz,
  CHECK (after_fetch <> 'move' OR move_to IS NOT NULL)
);
CREATE INDEX inbox_imap_workspace_idx ON inbox_imap (workspace_id);
