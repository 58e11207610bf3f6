-- An email inbox can send its replies through its own mail server instead of HEED_SMTP_URL (a shop
-- whose support address lives at its mail provider). The URL (with the password) is sealed with the
-- install's key; host, port, TLS and user are kept in clear so admins see what is set.
CREATE TABLE inbox_smtp (
  inbox_id uuid PRIMARY KEY REFERENCES inboxes (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
  -- smtps:// (TLS from the first byte) or smtp:// (STARTTLS when the server offers it)
  is_secure boolean NOT NULL,
  username text,
  url_sealed text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
