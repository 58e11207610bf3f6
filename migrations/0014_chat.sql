-- Live chat. A chat inbox's widget settings: which sites may embed it (none listed: any), which
-- pre-chat fields it asks for, and the secret shops use to vouch for their logged-in customers (sealed
-- with the install's key; an HMAC of the customer's id proves the id).
CREATE TABLE inbox_chat (
  inbox_id uuid PRIMARY KEY REFERENCES inboxes (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  allowed_origins text[] NOT NULL DEFAULT '{}',
  ask_name text NOT NULL DEFAULT 'optional' CHECK (ask_name IN ('off', 'optional', 'required')),
  ask_email text NOT NULL DEFAULT 'optional' CHECK (ask_email IN ('off', 'optional', 'required')),
  identity_secret_sealed text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A visitor's (or agent's) message carries the id its client gave it: a message sent again after a lost
-- acknowledgement is found, not stored twice.
ALTER TABLE messages ADD COLUMN client_id text;
CREATE UNIQUE INDEX messages_client_id_key ON messages (conversation_id, client_id) WHERE client_id IS NOT NULL;

-- How far the customer has read (chat read receipts): agents' messages up to then show as seen.
ALTER TABLE conversations ADD COLUMN customer_read_at timestamptz;

-- The widget visitor a chat conversation belongs to ("v:<random id>" kept in the visitor's browser, or
-- "x:<shop customer id>" when the shop vouched for them): the widget shows a visitor only their own
-- conversations, whatever customer record agents link them to.
ALTER TABLE conversations ADD COLUMN visitor_id text;
CREATE INDEX conversations_visitor_idx ON conversations (inbox_id, visitor_id, created_at DESC)
  WHERE visitor_id IS NOT NULL;
