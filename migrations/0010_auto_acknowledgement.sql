-- Email inboxes can answer a new conversation at once with an acknowledgement ("we received your
-- message", with the expected reply time). Off by default: many teams answer fast enough without one.
ALTER TABLE inboxes ADD COLUMN auto_acknowledge boolean NOT NULL DEFAULT false;
