-- SLA alerts by email and webhook (docs/sla.md): who hears of a warning or a breach besides the people
-- in the app. One row per workspace; no row: no alerts. The webhook's signing secret is sealed with the
-- install's key (lib/install-secret.ts) and never returned by the API.
CREATE TABLE sla_alert_settings (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  -- mail the conversation's owner (its assignee), in their language
  email_assignee boolean NOT NULL DEFAULT false,
  -- more addresses (a team lead, a shared mailbox), in the workspace's default language
  emails text[] NOT NULL DEFAULT '{}' CHECK (cardinality(emails) <= 10),
  -- https, or http to a loopback host only; checked by the API
  webhook_url text CHECK (length(webhook_url) <= 2000),
  webhook_secret_sealed text,
  on_warning boolean NOT NULL DEFAULT true,
  on_breach boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The webhook outbox: each row is one POST, written in the same transaction as the step it reports, with
-- the exact JSON body (signed when sent, so every retry carries the same body and delivery id). Delivered
-- by the worker (commands/deliver-webhooks.ts) under a lease, retried with backoff, then 'failed'.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  url text NOT NULL,
  event_type text NOT NULL,
  body text NOT NULL,
  -- queued: waiting (also between retries); sending: being posted under a lease; sent: a 2xx answer;
  -- failed: given up (see last_error)
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'queued';
CREATE INDEX webhook_deliveries_sending_idx ON webhook_deliveries (lease_until) WHERE status = 'sending';
-- The newest deliveries of a workspace, shown to its admins
CREATE INDEX webhook_deliveries_workspace_idx ON webhook_deliveries (workspace_id, created_at DESC);

-- SLA alert mail goes through the email outbox like every mail Heed sends.
ALTER TABLE outgoing_emails DROP CONSTRAINT outgoing_emails_purpose_check;
ALTER TABLE outgoing_emails ADD CONSTRAINT outgoing_emails_purpose_check
  CHECK (purpose IN ('reply', 'acknowledgement', 'invitation', 'chat_reply', 'sla_alert'));
-- Alert mail sent to an address in the last hour, for the per-recipient cap
CREATE INDEX outgoing_emails_sla_alert_idx ON outgoing_emails (lower(envelope_to), created_at)
  WHERE purpose = 'sla_alert';
