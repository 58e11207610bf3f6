-- Files a chat visitor uploads for their next message: tied to them (the widget visitor's subject), so
-- only they can put it on their own message; the message's conversation is set when it is attached.
ALTER TABLE attachments ADD COLUMN uploaded_by_visitor text;
CREATE INDEX attachments_visitor_upload_idx ON attachments (uploaded_by_visitor)
  WHERE message_id IS NULL AND uploaded_by_visitor IS NOT NULL;
