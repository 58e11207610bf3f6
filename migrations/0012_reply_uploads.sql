-- Files an agent uploads for a reply before sending it: an attachment without a message yet, tied to
-- the conversation and the agent who uploaded it, so only they can put it on their reply there.
ALTER TABLE attachments
  ADD COLUMN conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
  ADD COLUMN uploaded_by uuid REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX attachments_pending_upload_idx ON attachments (conversation_id, uploaded_by)
  WHERE message_id IS NULL;
