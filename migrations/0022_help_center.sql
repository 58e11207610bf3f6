-- The help center: one per workspace, public at /help, server-rendered, in the four languages.

-- Its settings. `host` lets a workspace serve its help center on its own host name (help.shop.example);
-- a request for any other host gets the install's first workspace. `content_version` grows with every
-- change that search must see (publish, unpublish, visibility, deletion), so each process's in-memory
-- search index knows when to catch up and which rows to read (those with a newer `index_version`).
CREATE TABLE help_centers (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  title text CHECK (title IS NULL OR char_length(title) BETWEEN 1 AND 200),
  host text CHECK (host IS NULL OR host ~ '^[a-z0-9.-]{1,253}(:[0-9]{1,5})?$'),
  logo_image_id uuid,
  primary_color text NOT NULL DEFAULT '#2457c5' CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
  chat_inbox_id uuid REFERENCES inboxes (id) ON DELETE SET NULL,
  content_version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX help_centers_host_key ON help_centers (host) WHERE host IS NOT NULL;

-- Pages of the help center that are not articles, per language: the contact page's intro and the
-- complaint procedure. Editable; a new workspace gets a starter text in all four languages.
CREATE TABLE help_pages (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('contact', 'complaints')),
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (char_length(body) <= 100000),
  body_html text NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, kind, lang)
);

-- Images uploaded for articles (and the logo): bytes in `blobs`, served publicly by id (a random uuid)
-- from /help/images/:id. Raster formats only, never SVG or HTML.
CREATE TABLE help_images (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  sha256 text NOT NULL REFERENCES blobs (sha256),
  file_name text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  size integer NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE help_centers ADD CONSTRAINT help_centers_logo_fkey
  FOREIGN KEY (logo_image_id) REFERENCES help_images (id) ON DELETE SET NULL;

-- Categories → sections → articles. `starter_key` marks what came with the starter content.
CREATE TABLE help_categories (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  number integer NOT NULL,
  position integer NOT NULL DEFAULT 0,
  starter_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, number)
);
CREATE TABLE help_category_translations (
  category_id uuid NOT NULL REFERENCES help_categories (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
  PRIMARY KEY (category_id, lang)
);

CREATE TABLE help_sections (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  category_id uuid NOT NULL REFERENCES help_categories (id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  starter_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_sections_category_idx ON help_sections (category_id, position);
CREATE TABLE help_section_translations (
  section_id uuid NOT NULL REFERENCES help_sections (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  PRIMARY KEY (section_id, lang)
);

-- An article: its place, visibility, owner and review-by date. Its text lives per language below.
-- `number` is the article's stable address (/help/en/articles/12-slug) across languages and renames.
-- Deleting archives it (`deleted_at`), so links in old replies answer 404 rather than something else
-- and the search index learns of the removal.
CREATE TABLE help_articles (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  number integer NOT NULL,
  section_id uuid REFERENCES help_sections (id) ON DELETE SET NULL,
  position integer NOT NULL DEFAULT 0,
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'internal')),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  review_by date,
  starter_key text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  UNIQUE (workspace_id, number)
);
CREATE INDEX help_articles_section_idx ON help_articles (section_id, position, number) WHERE deleted_at IS NULL;
CREATE INDEX help_articles_review_idx ON help_articles (workspace_id, owner_id, review_by)
  WHERE deleted_at IS NULL AND review_by IS NOT NULL;

-- One language of an article: the draft editors work on, and the published version readers see (NULL
-- title = not published in this language). Publishing copies the draft into the published columns and
-- into help_article_versions. `index_version` is the help center's content_version at the last change
-- search must see.
CREATE TABLE help_article_translations (
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  draft_title text NOT NULL CHECK (char_length(draft_title) BETWEEN 1 AND 200),
  draft_description text NOT NULL DEFAULT '' CHECK (char_length(draft_description) <= 300),
  draft_keywords text NOT NULL DEFAULT '' CHECK (char_length(draft_keywords) <= 500),
  draft_body text NOT NULL DEFAULT '' CHECK (char_length(draft_body) <= 200000),
  draft_updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  draft_updated_at timestamptz NOT NULL DEFAULT now(),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
  title text,
  description text,
  keywords text,
  body text,
  body_html text,
  body_text text,
  version integer NOT NULL DEFAULT 0,
  published_by uuid REFERENCES users (id) ON DELETE SET NULL,
  published_at timestamptz,
  index_version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, lang)
);
CREATE INDEX help_article_translations_index_idx ON help_article_translations (workspace_id, index_version);

CREATE TABLE help_article_versions (
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('en', 'ru', 'hr', 'sk')),
  version integer NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  keywords text NOT NULL,
  body text NOT NULL,
  published_by uuid REFERENCES users (id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, lang, version)
);

-- Tags linked to articles: resolving a conversation with such a tag offers the articles for the closing
-- reply ("the next question").
CREATE TABLE help_article_tags (
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX help_article_tags_tag_idx ON help_article_tags (tag_id);

-- What readers did. `viewer_id` is a random id in a first-party cookie of the help center (or the chat
-- widget's visitor id), never a person's identity.
CREATE TABLE help_searches (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  lang text NOT NULL,
  source text NOT NULL CHECK (source IN ('help', 'widget')),
  query text NOT NULL CHECK (char_length(query) <= 200),
  normalized text NOT NULL,
  result_count integer NOT NULL,
  viewer_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_searches_workspace_idx ON help_searches (workspace_id, created_at);

CREATE TABLE help_article_views (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  lang text NOT NULL,
  source text NOT NULL CHECK (source IN ('help', 'widget')),
  search_id uuid REFERENCES help_searches (id) ON DELETE SET NULL,
  viewer_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_article_views_article_idx ON help_article_views (article_id, created_at);
CREATE INDEX help_article_views_viewer_idx ON help_article_views (workspace_id, viewer_id, created_at)
  WHERE viewer_id IS NOT NULL;
CREATE INDEX help_article_views_search_idx ON help_article_views (search_id) WHERE search_id IS NOT NULL;
-- Analytics count a workspace's views of a period (GET /help-center/analytics).
CREATE INDEX help_article_views_workspace_idx ON help_article_views (workspace_id, created_at);

-- "Was this helpful?": one answer per viewer and article (a second one replaces the first).
CREATE TABLE help_article_votes (
  id uuid PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  lang text NOT NULL,
  is_helpful boolean NOT NULL,
  comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
  viewer_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (article_id, viewer_id)
);
-- An article's feedback, latest answer first; a workspace's answers of a period (analytics).
CREATE INDEX help_article_votes_article_idx ON help_article_votes (article_id, updated_at DESC, id DESC);
CREATE INDEX help_article_votes_workspace_idx ON help_article_votes (workspace_id, updated_at);

-- Conversations a help-center reader started (chat on a help-center page) after reading an article:
-- the last article they viewed within the hour before. Written when the conversation is created.
CREATE TABLE help_contacts (
  conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  viewer_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_contacts_workspace_idx ON help_contacts (workspace_id, created_at);
