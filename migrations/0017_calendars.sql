-- Business hours: a calendar is a time zone, weekly open intervals and holidays (lib/business-hours.ts
-- reads them). An inbox may follow one; without one it is always open. Calendars can be shared.
CREATE TABLE calendars (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  time_zone text NOT NULL,
  -- [{ "day": 1-7, "start": "HH:MM", "end": "HH:MM" }]
  intervals jsonb NOT NULL DEFAULT '[]',
  -- [{ "date": "YYYY-MM-DD", "yearly": bool, "name": text }]
  holidays jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX calendars_name_key ON calendars (workspace_id, lower(name));
ALTER TABLE inboxes ADD COLUMN calendar_id uuid REFERENCES calendars (id) ON DELETE SET NULL;
