-- Saved replies and macros (docs/saved-replies.md).

-- The order a conversation is about, when known (the `order.number` variable of saved replies).
ALTER TABLE conversations ADD COLUMN order_number text
  CHECK (order_number IS NULL OR char_length(order_number) BETWEEN 1 AND 100);

-- Set when the starter library was copied into the workspace (once, lazily, on first use); the seeding
-- transaction locks the workspace row and checks this first, so racing first requests seed once.
ALTER TABLE workspaces ADD COLUMN saved_replies_seeded_at timestamptz;

-- Folders group saved replies; managed by owners and admins. Deleting one leaves its replies unfiled.
CREATE TABLE saved_reply_folders (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  starter_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saved_reply_folders_name_key ON saved_reply_folders (workspace_id, lower(name));

-- A saved reply: shared (everyone in the workspace uses it) or personal (its owner alone sees it), with
-- one body per language in saved_reply_variants. `search_text` is title, shortcut and every body,
-- lower-cased and without diacritics (heed_unaccent), rewritten by the commands that change them; a
-- search scans one workspace's replies (hundreds, not millions), so it has no index of its own.
CREATE TABLE saved_replies (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('shared', 'personal')),
  owner_id uuid REFERENCES users (id) ON DELETE CASCADE,
  folder_id uuid REFERENCES saved_reply_folders (id) ON DELETE SET NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  shortcut text CHECK (shortcut IS NULL OR (char_length(shortcut) BETWEEN 1 AND 50 AND shortcut !~ '[[:space:]/]')),
  search_text text NOT NULL DEFAULT '',
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  starter_key text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'personal') = (owner_id IS NOT NULL))
);
-- Shortcuts are unique among what one person sees: shared ones in the workspace, personal ones per owner
-- (a personal shortcut equal to a shared one is refused by the command, under an advisory lock).
CREATE UNIQUE INDEX saved_replies_shared_shortcut_key ON saved_replies (workspace_id, lower(shortcut))
  WHERE scope = 'shared' AND shortcut IS NOT NULL;
CREATE UNIQUE INDEX saved_replies_personal_shortcut_key ON saved_replies (owner_id, lower(shortcut))
  WHERE scope = 'personal' AND shortcut IS NOT NULL;
-- The list: most used first, within the workspace (personal ones filtered by owner), or by folder.
CREATE INDEX saved_replies_usage_idx ON saved_replies (workspace_id, usage_count DESC, id);
CREATE INDEX saved_replies_folder_idx ON saved_replies (folder_id) WHERE folder_id IS NOT NULL;

CREATE TABLE saved_reply_variants (
  saved_reply_id uuid NOT NULL REFERENCES saved_replies (id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 20000),
  PRIMARY KEY (saved_reply_id, lang)
);

-- A macro: several conversation changes (tags, status, priority, assignee, team, follow-up) applied at
-- once, optionally with a saved reply for the composer. `actions` is validated by the API on save.
CREATE TABLE macros (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('shared', 'personal')),
  owner_id uuid REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  saved_reply_id uuid REFERENCES saved_replies (id) ON DELETE SET NULL,
  actions jsonb NOT NULL DEFAULT '{}'::jsonb,
  usage_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'personal') = (owner_id IS NOT NULL))
);
CREATE INDEX macros_usage_idx ON macros (workspace_id, usage_count DESC, id);
CREATE INDEX macros_saved_reply_idx ON macros (saved_reply_id) WHERE saved_reply_id IS NOT NULL;
