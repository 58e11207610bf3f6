-- An agent's chat reply that no visitor screen received (the visitor left) goes by email when the
-- customer gave an address: a new kind of outbox mail, and an index to find replies still waiting.
ALTER TABLE outgoing_emails DROP CONSTRAINT outgoing_emails_purpose_check;
ALTER TABLE outgoing_emails ADD CONSTRAINT outgoing_emails_purpose_check
  CHECK (purpose IN ('reply', 'acknowledgement', 'invitation', 'chat_reply'));
CREATE INDEX messages_pending_delivery_idx ON messages (created_at) WHERE delivery_status = 'pending';
