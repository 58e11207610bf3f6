-- Mail Heed sends (replies, acknowledgements, invitations), written in the same transaction as what
-- caused it and delivered by the worker: a reply the agent saw saved is never lost. The exact bytes are
-- composed once (when queued, or by the worker's first attempt) and kept, so a retry sends the very same
-- message with the same Message-ID.
CREATE TABLE outgoing_emails (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  inbox_id uuid REFERENCES inboxes (id) ON DELETE CASCADE,
  -- the reply this mail carries (null for acknowledgements and invitations)
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('reply', 'acknowledgement', 'invitation')),
  envelope_to text NOT NULL,
  -- null until composed
  envelope_from text,
  -- the Message-ID header without brackets: bounces name it, so it finds the mail they report on
  email_message_id text NOT NULL,
  raw bytea,
  -- queued: waiting (also between retries); sending: handed to the mail server under a lease;
  -- sent: accepted by the mail server; failed: given up, or unknown whether it left (see last_error)
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outgoing_emails_due_idx ON outgoing_emails (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outgoing_emails_sending_idx ON outgoing_emails (lease_until) WHERE status = 'sending';
CREATE INDEX outgoing_emails_message_idx ON outgoing_emails (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX outgoing_emails_email_message_id_key ON outgoing_emails (email_message_id);
-- Acknowledgements sent per sender address and inbox, to cap them (loops between auto-responders)
CREATE INDEX outgoing_emails_ack_idx ON outgoing_emails (inbox_id, envelope_to, created_at)
  WHERE purpose = 'acknowledgement';

-- Why a reply could not be delivered (or is still waiting), shown beside it in the conversation.
ALTER TABLE messages ADD COLUMN delivery_error text;
