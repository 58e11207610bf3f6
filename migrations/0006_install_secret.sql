-- A random root secret for installs that run without HEED_SECRET (development and tests): created once
-- on first use and kept with the data, so signed reply addresses and encrypted mailbox passwords stay
-- valid across restarts. With HEED_SECRET set, that variable is the root secret and this row is unused.
CREATE TABLE install_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
