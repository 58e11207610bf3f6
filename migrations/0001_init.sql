-- Heed's first schema. Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 18).
-- Conventions: uuid ids made by the app (time-ordered v7), text enums with CHECKs, workspace_id on every
-- tenant row, timestamptz everywhere.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (it reads a dictionary); this wrapper pins the dictionary so it can be used
-- in text-search configurations and expression indexes.
CREATE FUNCTION heed_unaccent(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT unaccent('unaccent'::regdictionary, value) $$;

-- Text search for the four languages. Every configuration strips diacritics first, so Croatian and
-- Slovak words match with or without them (and Russian ё matches е).
CREATE TEXT SEARCH CONFIGURATION heed_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION heed_simple
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

CREATE TEXT SEARCH CONFIGURATION heed_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION heed_en
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, english_stem;

-- Russian: Cyrillic words through the Russian stemmer (so inflected forms find each other).
CREATE TEXT SEARCH CONFIGURATION heed_ru (COPY = russian);
ALTER TEXT SEARCH CONFIGURATION heed_ru
  ALTER MAPPING FOR word, hword, hword_part WITH unaccent, russian_stem;

-- Croatian: PostgreSQL has no Croatian stemmer; the Serbian one (Latin script) handles Croatian
-- inflection well enough. Diacritics are removed before stemming, consistently for text and queries.
CREATE TEXT SEARCH CONFIGURATION heed_hr (COPY = serbian);
ALTER TEXT SEARCH CONFIGURATION heed_hr
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, serbian_stem;

-- Slovak: no stemmer exists in PostgreSQL; exact words without diacritics.
CREATE TEXT SEARCH CONFIGURATION heed_sk (COPY = heed_simple);

-- The stemming configuration for a conversation's language.
CREATE FUNCTION heed_ts_config(language text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE language
                 WHEN 'ru' THEN 'heed_ru'::regconfig
                 WHEN 'hr' THEN 'heed_hr'::regconfig
                 WHEN 'sk' THEN 'heed_sk'::regconfig
                 ELSE 'heed_en'::regconfig
               END $$;

-- A document is indexed twice: exact words (without diacritics) and the stems of its language.
CREATE FUNCTION heed_document(language text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector(heed_ts_config(language), coalesce(body, ''))
               || to_tsvector('heed_simple', coalesce(body, '')) $$;

-- A query is read in every language at once, because the searcher's words need not be in the language
-- of the conversation: a match in any reading counts. Readings that come out the same (most words are
-- not stemmed differently by every language) are kept once, so each row is tested fewer times. A query
-- without words (only punctuation or stop words) is NULL and matches nothing.
CREATE FUNCTION heed_query(q text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT string_agg(DISTINCT '(' || reading::text || ')', ' | ')::tsquery
          FROM unnest(ARRAY[websearch_to_tsquery('heed_simple', q),
                            websearch_to_tsquery('heed_en', q),
                            websearch_to_tsquery('heed_ru', q),
                            websearch_to_tsquery('heed_hr', q)]) AS reading
         WHERE numnode(reading) > 0 $$;

-- Word-prefix query for names: every word of q must start a word of the name. NULL (matches nothing)
-- when q has no words.
CREATE FUNCTION heed_prefix_query(q text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT string_agg(quote_literal(lexeme) || ':*', ' & ')::tsquery
          FROM unnest(to_tsvector('heed_simple', q)) $$;

CREATE TABLE workspaces (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  time_zone text NOT NULL DEFAULT 'UTC',
  default_language text NOT NULL DEFAULT 'en' CHECK (default_language IN ('en', 'ru', 'hr', 'sk')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per-workspace counters (conversation numbers). A row of its own so taking a number locks only it.
CREATE TABLE workspace_counters (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text NOT NULL,
  handle text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
  password_hash text,
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru', 'hr', 'sk')),
  is_active boolean NOT NULL DEFAULT true,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One login per email address across the install, so login needs no workspace picker.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_handle_key ON users (workspace_id, lower(handle));

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  user_agent text,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_tokens_user_idx ON api_tokens (workspace_id, user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email text NOT NULL,
  name text,
  role text NOT NULL CHECK (role IN ('admin', 'agent')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_workspace_idx ON invitations (workspace_id, created_at DESC);

-- Install-level, before any workspace exists: the one-time link that creates the first owner.
CREATE TABLE setup_tokens (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (workspace_id, lower(name));

CREATE TABLE team_members (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE inboxes (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'api')),
  -- email inboxes: the address mail is received at (unique across the install: it routes mail)
  address text,
  -- chat inboxes: the public key the widget identifies itself with
  widget_key text UNIQUE,
  -- 'all': every agent of the workspace; 'members': owners, admins and the inbox's members
  access text NOT NULL DEFAULT 'all' CHECK (access IN ('all', 'members')),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (channel <> 'email' OR address IS NOT NULL),
  CHECK (channel <> 'chat' OR widget_key IS NOT NULL)
);
CREATE INDEX inboxes_workspace_idx ON inboxes (workspace_id);
CREATE UNIQUE INDEX inboxes_address_key ON inboxes (lower(address)) WHERE address IS NOT NULL;

CREATE TABLE inbox_members (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  inbox_id uuid NOT NULL REFERENCES inboxes (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (inbox_id, user_id)
);
CREATE INDEX inbox_members_user_idx ON inbox_members (user_id);

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  -- short code read out on the phone to find the customer (Crockford base32)
  number text NOT NULL,
  name text,
  language text CHECK (language IN ('en', 'ru', 'hr', 'sk')),
  name_search tsvector NOT NULL DEFAULT ''::tsvector,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_number_key ON customers (workspace_id, number);
CREATE INDEX customers_number_prefix_idx ON customers (workspace_id, number text_pattern_ops);
CREATE INDEX customers_recent_idx ON customers (workspace_id, last_seen_at DESC, id DESC);
-- GIN indexes buffer new entries in a pending list that every search scans; a small list keeps searches
-- fast between vacuums (PGlite has no autovacuum), at the cost of merging more often on insert.
CREATE INDEX customers_name_search_idx ON customers USING gin (name_search) WITH (gin_pending_list_limit = 128);

-- A customer's handle on one channel. value_normalized: lower-case email, phone digits only, etc.
CREATE TABLE identities (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('email', 'phone', 'visitor', 'external')),
  value text NOT NULL,
  value_normalized text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX identities_value_key ON identities (workspace_id, kind, value_normalized);
CREATE INDEX identities_prefix_idx ON identities (workspace_id, value_normalized text_pattern_ops);
CREATE INDEX identities_customer_idx ON identities (customer_id);

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  number bigint NOT NULL,
  inbox_id uuid NOT NULL REFERENCES inboxes (id),
  channel text NOT NULL CHECK (channel IN ('email', 'chat', 'phone', 'api')),
  customer_id uuid NOT NULL REFERENCES customers (id),
  subject text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru', 'hr', 'sk')),
  snoozed_until timestamptz,
  preview text NOT NULL DEFAULT '',
  message_count integer NOT NULL DEFAULT 0,
  -- set by a customer message that has no reply yet: "longest waiting" sorts by it
  waiting_since timestamptz,
  first_reply_at timestamptz,
  resolved_at timestamptz,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  CHECK (status <> 'snoozed' OR snoozed_until IS NOT NULL)
);
CREATE UNIQUE INDEX conversations_number_key ON conversations (workspace_id, number);
-- The folder lists: newest activity first, keyset-paginated on (last_message_at, id).
CREATE INDEX conversations_status_idx ON conversations (workspace_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee_idx
  ON conversations (workspace_id, assignee_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_inbox_idx ON conversations (inbox_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_team_idx
  ON conversations (team_id, status, last_message_at DESC, id DESC) WHERE team_id IS NOT NULL;
CREATE INDEX conversations_recent_idx ON conversations (workspace_id, last_message_at DESC, id DESC);
-- "Longest waiting first": conversations nobody is waiting on sort last (as 'infinity'), keyset on (key, id).
CREATE INDEX conversations_waiting_idx
  ON conversations (workspace_id, status, (coalesce(waiting_since, 'infinity'::timestamptz)), id);
CREATE INDEX conversations_customer_idx ON conversations (customer_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX conversations_search_idx ON conversations USING gin (search_vector) WITH (gin_pending_list_limit = 128);

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('incoming', 'outgoing', 'note', 'activity')),
  body text NOT NULL DEFAULT '',
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  author_customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  -- activity messages: { "action": "assigned", ... } so every client can render them in its language
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- outgoing replies: pending until the channel delivers them
  delivery_status text CHECK (delivery_status IN ('pending', 'sent', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at, id);

CREATE TABLE mentions (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id)
);
CREATE INDEX mentions_user_idx ON mentions (user_id, created_at DESC);

CREATE TABLE tags (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- optional group of contact reasons ("why", not just "what")
  reason_group text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_name_key ON tags (workspace_id, lower(name));

CREATE TABLE conversation_tags (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, tag_id)
);
CREATE INDEX conversation_tags_tag_idx ON conversation_tags (tag_id, conversation_id);

-- Every change writes one row here in the same transaction: realtime, notifications, reports and
-- webhooks read from it, and a reconnecting client catches up from its last id.
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  type text NOT NULL,
  conversation_id uuid,
  actor_user_id uuid,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_workspace_idx ON events (workspace_id, id);
CREATE INDEX events_conversation_idx ON events (conversation_id, id) WHERE conversation_id IS NOT NULL;

-- Folder counts, kept by triggers as conversations change, so a page never counts all conversations.
-- A folder count is a sum over a handful of rows (e.g. "mine" = status open, assignee_key = me).
-- Missing assignee/team are stored as the nil uuid so the key can be a primary key.
CREATE TABLE folder_counts (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  inbox_id uuid NOT NULL,
  status text NOT NULL,
  assignee_key uuid NOT NULL,
  team_key uuid NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, inbox_id, status, assignee_key, team_key)
);

CREATE FUNCTION heed_count_add(ws uuid, inbox uuid, st text, assignee uuid, team uuid, delta integer)
  RETURNS void LANGUAGE sql AS $$
  INSERT INTO folder_counts (workspace_id, inbox_id, status, assignee_key, team_key, count)
  VALUES (ws, inbox, st, coalesce(assignee, '00000000-0000-0000-0000-000000000000'),
          coalesce(team, '00000000-0000-0000-0000-000000000000'), delta)
  ON CONFLICT (workspace_id, inbox_id, status, assignee_key, team_key)
  DO UPDATE SET count = folder_counts.count + EXCLUDED.count
$$;

CREATE FUNCTION heed_conversation_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key text;
  new_key text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM heed_count_add(NEW.workspace_id, NEW.inbox_id, NEW.status, NEW.assignee_id, NEW.team_id, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM heed_count_add(OLD.workspace_id, OLD.inbox_id, OLD.status, OLD.assignee_id, OLD.team_id, -1);
  ELSE
    -- Touch the two counter rows in a fixed order, so two transactions moving conversations in
    -- opposite directions cannot deadlock on them.
    old_key := concat_ws('/', OLD.inbox_id, OLD.status, OLD.assignee_id, OLD.team_id);
    new_key := concat_ws('/', NEW.inbox_id, NEW.status, NEW.assignee_id, NEW.team_id);
    IF old_key < new_key THEN
      PERFORM heed_count_add(OLD.workspace_id, OLD.inbox_id, OLD.status, OLD.assignee_id, OLD.team_id, -1);
      PERFORM heed_count_add(NEW.workspace_id, NEW.inbox_id, NEW.status, NEW.assignee_id, NEW.team_id, 1);
    ELSE
      PERFORM heed_count_add(NEW.workspace_id, NEW.inbox_id, NEW.status, NEW.assignee_id, NEW.team_id, 1);
      PERFORM heed_count_add(OLD.workspace_id, OLD.inbox_id, OLD.status, OLD.assignee_id, OLD.team_id, -1);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER conversations_counts_insert AFTER INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION heed_conversation_counts();
CREATE TRIGGER conversations_counts_delete AFTER DELETE ON conversations
  FOR EACH ROW EXECUTE FUNCTION heed_conversation_counts();
CREATE TRIGGER conversations_counts_update AFTER UPDATE ON conversations
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
        OR OLD.team_id IS DISTINCT FROM NEW.team_id
        OR OLD.inbox_id IS DISTINCT FROM NEW.inbox_id)
  EXECUTE FUNCTION heed_conversation_counts();
