-- What an admin reviewing received mail (above all the quarantine) needs to recognize a message without
-- opening its raw bytes: the sender's address and the subject, as read when the mail was ingested.
ALTER TABLE inbound_emails ADD COLUMN from_address text, ADD COLUMN subject text;
