-- The Message-ID of a message that arrived (or, later, left) by email, for threading replies: a reply's
-- In-Reply-To and References are looked up here, within the same inbox.
ALTER TABLE messages ADD COLUMN email_message_id text;
CREATE INDEX messages_email_message_id_idx ON messages (email_message_id) WHERE email_message_id IS NOT NULL;
